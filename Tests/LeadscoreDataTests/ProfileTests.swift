import Foundation
import Testing
@testable import LeadscoreData

/// The profile on the sample org must find the planted leakage traps from the data alone, and
/// leave the honest engagement fields alone.
struct ProfileTests {
    static let engagementFields = ["Email_Opens__c", "Web_Page_Views__c", "Pricing_Page_Visits__c",
                                   "Content_Downloads__c", "Webinar_Attended__c", "Demo_Requested__c"]

    /// A sample-org snapshot whose contract does *not* mark Status, Rating or ConvertedOpportunityId
    /// as leakage, so only the data-driven rules can flag them.
    static func unmarkedSampleSnapshot(withHistory: Bool = false) throws -> Snapshot {
        let directory = try makeTemporaryDirectory()
        let org = directory.appendingPathComponent("org")
        _ = try SampleOrgGenerator(leads: 12_000, seed: 11).write(to: org)
        let describe = try SalesforceDescribe.decode(Data(contentsOf: org.appendingPathComponent("describe.json")), source: "describe.json")
        var contract = ContractDrafter.draft(fromDescribe: describe, name: "sample").contract
        for index in contract.fields.indices where ["Status", "Rating", "ConvertedOpportunityId"].contains(contract.fields[index].name) {
            contract.fields[index].scoring = .allowed
            contract.fields[index].note = nil
        }
        let yaml = ContractWriter.yaml(contract)
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        let out = directory.appendingPathComponent("snap")
        try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: org.appendingPathComponent("Lead.csv")), contract: try ContractLoader.parse(yaml),
            contractText: yaml, to: exportTime, asOf: exportTime, salt: testSalt,
            history: withHistory ? try FieldHistory.load(from: org.appendingPathComponent("LeadHistory.csv")) : nil), to: out)
        return try Snapshot.open(out)
    }

    @Test func flagsPlantedTrapsFromTheDataAndNotEngagement() throws {
        let profile = DatasetProfiler.profile(try Self.unmarkedSampleSnapshot())
        let byName = Dictionary(uniqueKeysWithValues: profile.fields.map { ($0.name, $0) })
        for trap in ["Status", "Rating", "ConvertedOpportunityId"] {
            let field = try #require(byName[trap])
            #expect(field.role == "feature")
            #expect(field.leakageSuspect, "\(trap) should be flagged: AUC \(field.singleFeatureAUC ?? -1)")
            #expect(!field.leakageReasons.contains { $0.contains("marked as leakage") })
        }
        #expect(byName["ConvertedDate"]?.leakageSuspect == true)
        #expect(byName["ConvertedDate"]?.leakageReasons.contains { $0.contains("filled in for") } == true)
        for honest in Self.engagementFields {
            let field = try #require(byName[honest])
            #expect(!field.leakageSuspect, "\(honest): \(field.leakageReasons)")
            #expect((field.singleFeatureAUC ?? 1) < 0.8)
            #expect(field.psi != nil)
        }
        #expect(profile.psiPeriods != nil)
        #expect(byName["Email"]?.topValues.isEmpty == true, "hashed PII must not be listed")
        #expect(byName["LeadSource"].map { ($0.psi ?? 0) > 0.1 } == true, "the planted LeadSource mix shift shows as drift")
    }

    /// With the history, Status and Rating hold their day-7 values, which are far less predictive; the
    /// history itself shows they are mostly set after that day, and that is what flags them.
    @Test func flagsFieldsMostlySetAfterTheObservationPointFromHistory() throws {
        let profile = DatasetProfiler.profile(try Self.unmarkedSampleSnapshot(withHistory: true))
        let byName = Dictionary(uniqueKeysWithValues: profile.fields.map { ($0.name, $0) })
        for trap in ["Status", "Rating"] {
            let field = try #require(byName[trap])
            let history = try #require(field.history)
            #expect(history.tracked && history.reconstructed && history.observationDays == 7)
            let share = try #require(history.changedAfterObservationShare)
            #expect(share >= LeakageRules.changedAfterObservationThreshold && share < 0.8, "\(trap): \(share)")
            #expect(field.leakageSuspect)
            #expect(field.leakageReasons.contains {
                $0.hasPrefix("tracked in LeadHistory: \(LeakageRules.percent(share)) of the leads with a value changed it after day 7")
                    && $0.hasSuffix("the snapshot holds the value as of day 7, but scoring later sees today's value")
            }, "\(trap): \(field.leakageReasons)")
            #expect(!field.leakageReasons.contains { $0.hasPrefix("single-feature AUC") }, "the day-7 value is not the outcome")
        }
        for honest in Self.engagementFields {
            let field = try #require(byName[honest])
            #expect(field.history?.tracked == false && field.history?.changedAfterObservationShare == nil)
            #expect(!field.leakageSuspect, "\(honest): \(field.leakageReasons)")
        }
        let markdown = ProfileMarkdown.render(profile)
        #expect(markdown.contains("- Field history: tracked fields hold their value as of day 7 after creation: `Status` ("))
        #expect(markdown.contains("| history | leakage suspect |"))
        #expect(markdown.contains("| not tracked |"))
        #expect(try JSONDecoder().decode(DatasetProfile.self, from: ProfileMarkdown.json(profile)) == profile)
    }

    @Test func historyEvidenceAloneDecidesAtTheThreshold() {
        func reasons(share: Double, leads: Int = 100, tracked: Bool = true) -> [String] {
            LeakageRules.reasons(for: .init(
                role: "feature", contractNote: nil, auc: 0.6, presentAmongPositives: 0.5, presentAmongNegatives: 0.5,
                afterEventShare: nil, history: .init(tracked: tracked, reconstructed: false, observationDays: 3,
                                                     leadsWithValue: leads, changedAfterObservationShare: share)))
        }
        #expect(reasons(share: 0.5) == ["tracked in LeadHistory: 50% of the leads with a value changed it after day 3; "
            + "this snapshot holds today's value, which was not known on day 3"])
        #expect(reasons(share: 0.49).isEmpty)
        #expect(reasons(share: 0.9, leads: 9).isEmpty, "too few leads to judge")
        #expect(reasons(share: 0.9, tracked: false).isEmpty)
    }

    @Test func markdownAndJSONCarryTheFindings() throws {
        let profile = DatasetProfiler.profile(try Self.unmarkedSampleSnapshot())
        let markdown = ProfileMarkdown.render(profile)
        #expect(markdown.contains("## Leakage suspects"))
        #expect(markdown.contains("`Rating`"))
        #expect(!markdown.contains("| history |"), "no history column without field history")
        let decoded = try JSONDecoder().decode(DatasetProfile.self, from: ProfileMarkdown.json(profile))
        #expect(decoded == profile)
    }
}
