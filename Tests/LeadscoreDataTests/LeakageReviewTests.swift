import Foundation
import Testing
@testable import LeadscoreData

/// Every rule of the leakage review flags a field built to leak and leaves alone an honest field built
/// to look like one (same statistics, or same data under an honest name). Fixtures are real columns
/// profiled by the same code path as a snapshot.
struct LeakageReviewTests {
    /// 2,000 leads, every fifth converted.
    static let rows = 2_000
    static let labels: [Bool] = (0..<rows).map { $0 % 5 == 0 }

    static func categorical(_ values: [String?], type: FieldType = .picklist) -> TableColumn {
        var levels: [String] = [], codes: [Int32] = [], index: [String: Int32] = [:]
        for value in values {
            guard let value else { codes.append(-1); continue }
            if index[value] == nil {
                index[value] = Int32(levels.count)
                levels.append(value)
            }
            codes.append(index[value]!)
        }
        return .categorical(CategoricalColumn(type: type, codes: codes, levels: levels))
    }

    static func numeric(_ values: [Double?]) -> TableColumn {
        .numeric(NumericColumn(type: .number, values: values.map { $0 ?? .nan }))
    }

    /// Values that say nothing about the outcome: a seeded draw per lead.
    static func unrelated(_ choices: [String], seed: UInt64) -> [String?] {
        var random = SeededRandom(seed: seed)
        return labels.map { _ in choices[random.int(below: choices.count)] }
    }

    /// A number whose single-feature AUC is about 0.8: converted leads sit 0.4 higher on a uniform draw.
    static func shifted(by shift: Double, seed: UInt64) -> [Double?] {
        var random = SeededRandom(seed: seed)
        return labels.map { random.uniform() + ($0 ? shift : 0) }
    }

    /// Present with probability `positive` for converted leads and `negative` for the others.
    static func present(positive: Double, negative: Double, seed: UInt64) -> [Double?] {
        var random = SeededRandom(seed: seed)
        return labels.map { label in
            let value = random.uniform()
            return random.bernoulli(label ? positive : negative) ? value : nil
        }
    }

    /// Profiles `columns` (labels from `labels`) as a snapshot would be, keyed by column name.
    static func review(_ columns: [(String, TableColumn)], labels: [Bool] = labels, specs: [FieldSpec] = [],
                       history: [String: FieldProfile.HistoryEvidence] = [:]) -> [String: FieldProfile] {
        let contract = DataContract(name: "fixture", idField: nil, createdField: nil,
                                    label: LabelDefinition(field: "IsConverted", windowDays: nil), fields: specs)
        let table = LeadTable(rowCount: labels.count, columns: columns, labels: labels.map { $0 ? 1 : 0 })
        let fields = DatasetProfiler.profileFields(table: table, contract: contract, history: history, periods: nil)
        return Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
    }

    static let honestEngagementNames = [
        "Web_Page_Views__c", "Time_On_Site__c", "Email_Opens__c", "Webinar_Attended__c", "Demo_Requested__c",
        "Pricing_Page_Visits__c", "Content_Downloads__c", "LeadSource", "Industry", "NumberOfEmployees",
        "AnnualRevenue", "HasOptedOutOfEmail", "DoNotCall", "Country", "Product_Interest__c", "Meeting_Requested__c",
        "Marketing_Qualified_Date__c", "MQL__c", "Website_Activities__c", "PageValues", "BounceRates", "VisitorType",
        "Title.seniority", "Email.domain_class",
    ]

    // MARK: Names

    @Test func namesSplitLikeAdminsWriteThem() {
        #expect(FieldNameTokens("Lead_Rating_By_Rep__c").words == ["lead", "rating", "by", "rep"])
        #expect(FieldNameTokens("SQLDate").words == ["sql", "date"])
        #expect(FieldNameTokens("LastActivityDate").words == ["last", "activity", "date"])
        #expect(FieldNameTokens("Days_Since_Last_Touch2__C").words == ["days", "since", "last", "touch", "2"])
        #expect(FieldNameTokens("lead rating (by rep)").words == ["lead", "rating", "by", "rep"])
    }

    @Test func outcomeAndSalesWorkNamesAreFlaggedAndEngagementNamesAreNot() {
        let flagged: [String: LeakageVocabulary.Theme] = [
            "Lead_Status__c": .outcome, "Lifecycle_Stage__c": .outcome, "Closed_Lost_Reason__c": .outcome,
            "Disqualification_Reason__c": .qualification, "SQL_Date__c": .qualification,
            "Sales_Accepted__c": .qualification, "Rep_Rating__c": .judgement, "LeadGrade": .judgement,
            "Intent_Score__c": .judgement, "Lead_Quality__c": .judgement, "Tags": .judgement,
            "Days_Since_Last_Activity__c": .recency, "Last_Contact_Date__c": .recency, "LastActivityDate": .recency,
            "Number_Of_Calls__c": .salesWork, "Meeting_Held__c": .salesWork, "Emails_Sent__c": .salesWork,
            "Activity_Count__c": .salesWork, "Opportunity_Amount__c": .pipeline, "Deal_Size__c": .pipeline,
            "OwnerId": .routing, "Assigned_SDR__c": .routing, "Rep_Notes__c": .notes,
        ]
        for (name, theme) in flagged {
            #expect(LeakageVocabulary.match(name: name)?.theme == theme, "\(name)")
        }
        for name in Self.honestEngagementNames {
            #expect(LeakageVocabulary.match(name: name) == nil, "\(name) is an honest input")
        }
    }

    @Test func aNameAloneIsAReviewAndSaysWhatItSpeaksOf() throws {
        var columns = [("Lead_Rating_By_Rep__c", Self.categorical(Self.unrelated(["A", "B", "C"], seed: 1))),
                       ("Field_7__c", Self.categorical(Self.unrelated(["A", "B", "C"], seed: 2)))]
        for (index, name) in Self.honestEngagementNames.enumerated() {
            columns.append((name, Self.numeric(Self.shifted(by: 0, seed: 100 + UInt64(index)))))
        }
        let fields = Self.review(columns, specs: [FieldSpec(name: "Field_7__c", label: "Lead Temperature", type: .picklist)])
        let rating = try #require(fields["Lead_Rating_By_Rep__c"])
        #expect(rating.leakageLevel == .review)
        #expect(rating.leakageSuspect)
        #expect(rating.leakageEvidence == ["name 'Lead_Rating_By_Rep__c' speaks of a rep's judgement ('rating')"])
        #expect(rating.leakageReasons.isEmpty, "no rule that decides leakage alone")
        #expect(fields["Field_7__c"]?.leakageEvidence
            == ["label 'Lead Temperature' speaks of a judgement assigned by people or tools ('temperature')"])
        for name in Self.honestEngagementNames {
            let field = try #require(fields[name])
            #expect(field.leakageLevel == nil && !field.leakageSuspect, "\(name): \(field.leakageEvidence)")
        }
    }

    @Test func contractCheckNamesSuspectsWithoutData() {
        let contract = DataContract(
            name: "names", idField: "Id", createdField: "CreatedDate",
            label: LabelDefinition(field: "IsConverted", dateField: "ConvertedDate"),
            fields: [
                FieldSpec(name: "Id", type: .id, scoring: .excluded), FieldSpec(name: "LeadSource", type: .picklist),
                FieldSpec(name: "Web_Page_Views__c", type: .number), FieldSpec(name: "Status", type: .picklist),
                FieldSpec(name: "Rating", type: .picklist, scoring: .leakage), FieldSpec(name: "Lead_Grade__c", type: .string),
                FieldSpec(name: "AI_Score__c", type: .number), FieldSpec(name: "Email", type: .email, pii: true),
                FieldSpec(name: "IsConverted", type: .boolean), FieldSpec(name: "ConvertedDate", type: .date),
                FieldSpec(name: "CreatedDate", type: .datetime),
            ])
        let suspects = LeakageReview.nameSuspects(in: contract)
        #expect(suspects.map(\.name) == ["Status", "Lead_Grade__c", "AI_Score__c"])
        #expect(suspects.map(\.level) == [.review, .review, .leakage])
        #expect(suspects[0].evidence == ["name 'Status' speaks of the lead's outcome ('status')"])
        #expect(suspects[0].level.suggestedAction.contains("confirm it was known when the lead arrived"))
    }

    // MARK: Values

    @Test func outcomeValuesAloneAreAReviewAndWithAnOutcomeGapLeakage() throws {
        var random = SeededRandom(seed: 7)
        // Half the converted leads and 5% of the others hold "Closed - Won": the value records the
        // outcome, yet the field's single-feature AUC stays near 0.85, below the rule that decides alone.
        let recorded: [String?] = Self.labels.map { converted in
            let draw = random.uniform()
            return converted ? (draw < 0.5 ? "Closed - Won" : "Working")
                : (draw < 0.05 ? "Closed - Won" : draw < 0.5 ? "Working" : "Closed - Lost")
        }
        let fields = Self.review([
            ("Segment__c", Self.categorical(Self.unrelated(["Not interested", "Junk", "Interested", "Qualified"], seed: 3))),
            ("Bucket__c", Self.categorical(recorded)),
            ("Industry", Self.categorical(Self.unrelated(["Technology", "Banking", "Retail", "Other"], seed: 4))),
            ("Lifecycle__c", Self.categorical(Self.unrelated(["Marketing Qualified Lead", "Subscriber"], seed: 5))),
        ])
        let segment = try #require(fields["Segment__c"])
        #expect(segment.leakageLevel == .review)
        #expect(segment.leakageEvidence.count == 1)
        #expect(segment.leakageEvidence.first?.hasPrefix("values include ") == true)
        #expect(segment.leakageEvidence.first?.hasSuffix("(100% of the leads with a value)") == true)
        let bucket = try #require(fields["Bucket__c"])
        #expect(bucket.leakageLevel == .leakage)
        #expect(bucket.leakageEvidence.first?.hasPrefix("leads with 'Closed - Won' converted at ") == true,
                "\(bucket.leakageEvidence)")
        #expect(bucket.leakageReasons.isEmpty, "\(bucket.leakageReasons)")
        #expect(bucket.leakageEvidence.dropFirst().first?.hasPrefix("values include Closed - Lost, Closed - Won (") == true)
        #expect(fields["Industry"]?.leakageLevel == nil)
        #expect(fields["Lifecycle__c"]?.leakageLevel == nil, "marketing-qualified is a pre-sales stage")
    }

    // MARK: Missingness

    @Test func missingnessThatDiffersByOutcomeIsAReviewAndWithANameLeakage() throws {
        let gap = Self.present(positive: 0.8, negative: 0.3, seed: 11)
        let fields = Self.review([
            ("Budget__c", Self.numeric(gap)),
            ("Rep_Notes_Length__c", Self.numeric(gap)),
            ("Time_On_Site__c", Self.numeric(Self.present(positive: 0.9, negative: 0.9, seed: 12))),
        ])
        let budget = try #require(fields["Budget__c"])
        #expect(budget.leakageLevel == .review, "\(budget.leakageEvidence)")
        #expect(budget.leakageReasons.isEmpty, "below the 60-point presence gap that decides alone")
        let missing = OutcomeContrast.missingness(present: gap.map { $0 != nil }, labels: Self.labels)
        #expect(abs(missing.secondShare - 0.7) < 0.05 && abs(missing.firstShare - 0.2) < 0.05)
        #expect(budget.leakageEvidence.first == "missing in \(LeakageRules.percent(missing.secondShare)) of non-converted "
            + "leads but \(LeakageRules.percent(missing.firstShare)) of converted ones: likely filled in as reps work a lead")
        #expect(fields["Rep_Notes_Length__c"]?.leakageLevel == .leakage)
        #expect(fields["Time_On_Site__c"]?.leakageLevel == nil)
    }

    @Test func aMissingnessGapOnAFewLeadsIsNotEvidence() {
        // 8 converted (6 filled in), 32 others (10 filled in): a 44-point gap, z ≈ 2.3.
        let labels = (0..<40).map { $0 < 8 }
        let values: [Double?] = (0..<40).map { row in row < 8 ? (row < 6 ? 1 : nil) : (row < 18 ? 1 : nil) }
        let contrast = OutcomeContrast.missingness(present: values.map { $0 != nil }, labels: labels)
        #expect(abs(contrast.gap) > LeakageReview.missingnessGap && abs(contrast.z) < LeakageReview.significantZ)
        #expect(Self.review([("Budget__c", Self.numeric(values))], labels: labels)["Budget__c"]?.leakageLevel == nil)
    }

    @Test func theZStatisticMatchesTheTextbookFormula() {
        // 45/100 against 30/100: pooled 0.375, se = sqrt(0.375 × 0.625 × 0.02) = 0.068465, z = 2.19089.
        let contrast = OutcomeContrast(firstCount: 45, firstTotal: 100, secondCount: 30, secondTotal: 100)
        #expect(abs(contrast.z - 2.19089) < 1e-4)
        #expect(OutcomeContrast(firstCount: 0, firstTotal: 10, secondCount: 0, secondTotal: 10).z == 0)
    }

    // MARK: AUC band

    @Test func aucBetweenSeventyFiveAndNinetyCountsOnlyBesideAnotherSignal() throws {
        let data = Self.shifted(by: 0.4, seed: 21)
        let fields = Self.review([
            ("Time_On_Site__c", Self.numeric(data)),
            ("Rep_Score__c", Self.numeric(data)),
            ("Web_Visits__c", Self.numeric(Self.shifted(by: 1.2, seed: 22))),
        ])
        let honest = try #require(fields["Time_On_Site__c"])
        let auc = try #require(honest.singleFeatureAUC)
        #expect(auc >= LeakageReview.reviewAUC && auc < LeakageRules.aucThreshold, "fixture AUC \(auc)")
        #expect(honest.leakageLevel == nil, "an honest engagement field can be this predictive")
        let score = try #require(fields["Rep_Score__c"])
        #expect(score.leakageLevel == .leakage)
        #expect(score.leakageEvidence == [
            "name 'Rep_Score__c' speaks of a rep's judgement ('score')",
            "single-feature ROC AUC \(LeakageRules.format(auc))",
        ])
        let dominant = try #require(fields["Web_Visits__c"])
        #expect((dominant.singleFeatureAUC ?? 0) >= LeakageRules.aucThreshold)
        #expect(dominant.leakageLevel == .leakage, "the existing AUC rule still decides alone")
        #expect(dominant.leakageReasons.first?.hasPrefix("single-feature AUC") == true)
    }

    // MARK: History

    @Test func fieldsOftenChangedAfterTheObservationPointAreReviewedAndMostlyChangedLeak() throws {
        func tracked(_ share: Double, leads: Int = 500) -> FieldProfile.HistoryEvidence {
            .init(tracked: true, reconstructed: true, observationDays: 7, leadsWithValue: leads,
                  changedAfterObservationShare: share)
        }
        let fields = Self.review(
            [("Industry", Self.categorical(Self.unrelated(["Technology", "Banking"], seed: 31))),
             ("Country", Self.categorical(Self.unrelated(["France", "Japan"], seed: 32))),
             ("State", Self.categorical(Self.unrelated(["CA", "NY"], seed: 33))),
             ("Segment__c", Self.categorical(Self.unrelated(["Small", "Large"], seed: 34)))],
            history: ["Industry": tracked(0.3), "Country": tracked(0.1), "State": tracked(0.4, leads: 9),
                      "Segment__c": tracked(0.6)])
        #expect(fields["Industry"]?.leakageLevel == .review)
        #expect(fields["Industry"]?.leakageEvidence
            == ["changed after the observation point (day 7) for 30% of the leads with a value (LeadHistory)"])
        #expect(fields["Country"]?.leakageLevel == nil, "10% is ordinary data upkeep")
        #expect(fields["State"]?.leakageLevel == nil, "too few leads to judge")
        #expect(fields["Segment__c"]?.leakageLevel == .leakage)
        #expect(fields["Segment__c"]?.leakageReasons.first?.hasPrefix("tracked in LeadHistory: 60%") == true)
    }

    // MARK: Model dominance

    @Test func aDominantFeatureBecomesAQuestionWithoutChangingLevels() {
        let suspects = [LeakageSuspect(name: "Rep_Score__c", level: .review, evidence: ["name"])]
        let importance = ["PageValues": 7.0, "Rep_Score__c": 1.0, "BounceRates": 2.0]
        let result = LeakageReview.addingDominance(to: suspects, importance: importance)
        #expect(result.map(\.name) == ["Rep_Score__c", "PageValues"])
        #expect(result[0] == suspects[0], "10% of the importance is not dominance")
        #expect(result[1].level == .review)
        #expect(result[1].evidence.first?.hasPrefix("carries 70% of the model's importance") == true)
        let onSuspect = LeakageReview.addingDominance(to: suspects, importance: ["Rep_Score__c": 3, "PageValues": 1])
        #expect(onSuspect.count == 1 && onSuspect[0].level == .review && onSuspect[0].evidence.count == 2)
        #expect(LeakageReview.addingDominance(to: [], importance: [:]).isEmpty)
    }

    // MARK: The sample org

    @Test func sampleOrgKeepsItsDetectionsAndLeavesEngagementAlone() throws {
        let profile = DatasetProfiler.profile(try ProfileTests.unmarkedSampleSnapshot())
        let byName = Dictionary(uniqueKeysWithValues: profile.fields.map { ($0.name, $0) })
        for trap in ["Status", "Rating", "ConvertedOpportunityId", "ConvertedDate"] {
            let field = try #require(byName[trap])
            #expect(field.leakageLevel == .leakage && field.leakageSuspect, "\(trap): \(field.leakageEvidence)")
            #expect(Array(field.leakageEvidence.prefix(field.leakageReasons.count)) == field.leakageReasons)
        }
        #expect(byName["Status"]?.leakageEvidence.contains("name 'Status' speaks of the lead's outcome ('status')") == true)
        for honest in ProfileTests.engagementFields + ["LeadSource", "Industry", "NumberOfEmployees", "AnnualRevenue"] {
            let field = try #require(byName[honest])
            #expect(field.leakageLevel == nil && !field.leakageSuspect, "\(honest): \(field.leakageEvidence)")
        }
        #expect(profile.leakageSuspects.map(\.name) == profile.fields.filter(\.leakageSuspect).map(\.name))
        // What train runs: the review alone, without summaries, top values or PSI, says the same.
        #expect(DatasetProfiler.leakageSuspects(try ProfileTests.unmarkedSampleSnapshot()) == profile.leakageSuspects)
        #expect(!profile.leakageSuspects.isEmpty)
        for suspect in profile.leakageSuspects {
            print("sample org: \(suspect.name) [\(suspect.level.rawValue)] \(suspect.evidence.joined(separator: "; "))")
        }

        let markdown = ProfileMarkdown.render(profile)
        #expect(markdown.contains("| field | level | evidence | suggested action |"))
        #expect(markdown.contains("| `Status` | **leakage** | "))
        #expect(markdown.contains("| `ConvertedDate` | **leakage** | ") && markdown.contains("none: part of the label"))
        let json = String(decoding: try ProfileMarkdown.json(profile), as: UTF8.self)
        #expect(json.contains("\"leakageLevel\" : \"leakage\"") && json.contains("\"leakageEvidence\" : ["))
        #expect(try JSONDecoder().decode(DatasetProfile.self, from: ProfileMarkdown.json(profile)) == profile)
    }

    // MARK: A real export

    /// The online-shoppers sessions in `../shared` beside the package: no input's name or values speak of
    /// an outcome, and PageValues, honest and dominant (single AUC about 0.86), is no suspect on its AUC alone.
    @Test func onlineShoppersInputsAreNotSuspects() throws {
        let export = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/datasets/online-shoppers/online_shoppers_intention.csv")
        try #require(FileManager.default.fileExists(atPath: export.path), "expected the shared datasets: \(export.path)")
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let draft = try ContractDrafter.draft(fromCSV: export, name: "online-shoppers")
        let yaml = ContractWriter.yaml(draft.contract).replacingOccurrences(of: "field: \"CHANGE_ME\"", with: "field: \"Revenue\"")
        let out = directory.appendingPathComponent("snap")
        try SnapshotBuilder.build(SnapshotRequest(source: CSVFileSource(url: export), contract: try ContractLoader.parse(yaml),
                                                  contractText: yaml, salt: testSalt), to: out)
        let profile = DatasetProfiler.profile(try Snapshot.open(out))
        #expect(profile.rows == 12_330 && profile.positives == 1_908)
        for field in profile.fields where field.role == "feature" {
            #expect(field.leakageLevel == nil, "\(field.name): \(field.leakageEvidence)")
        }
        let pageValues = try #require(profile.fields.first { $0.name == "PageValues" })
        let auc = try #require(pageValues.singleFeatureAUC)
        #expect(auc >= LeakageReview.reviewAUC && auc < LeakageRules.aucThreshold, "PageValues AUC \(auc)")
        print("online-shoppers: PageValues AUC \(LeakageRules.format(auc)), suspects: "
            + profile.leakageSuspects.map { "\($0.name) [\($0.level.rawValue)]" }.joined(separator: ", "))
    }
}
