import Foundation
import Testing
@testable import LeadscoreData

struct FeaturePipelineTests {
    let snapshot: Snapshot
    let csv: String

    init() throws {
        let directory = try makeTemporaryDirectory()
        csv = smallLeadsCSV()
        let csvURL = directory.appendingPathComponent("Lead.csv")
        try writeText(csv, to: csvURL)
        let contract = try ContractLoader.parse(smallContractYAML)
        let out = directory.appendingPathComponent("snap")
        try SnapshotBuilder.build(SnapshotRequest(source: CSVFileSource(url: csvURL), contract: contract,
                                                  contractText: smallContractYAML, to: SalesforceDate.parse("2024-03-15"),
                                                  salt: testSalt), to: out)
        snapshot = try Snapshot.open(out)
    }

    var pipeline: FeaturePipeline {
        FeaturePipelineFitter.fit(table: snapshot.table, contract: snapshot.contract, trainingRows: snapshot.table.rows(in: .train))
    }

    func scoringMoments(_ rows: [Int]) -> [Double] {
        guard case let .numeric(created)? = snapshot.table.column("CreatedDate") else { return [] }
        let asOf = SalesforceDate.parse(snapshot.manifest.window.asOf) ?? 0
        return rows.map { pipeline.scoringMoment(created: created.values[$0], dataAsOf: asOf) }
    }

    @Test func leakageIdentifiersAndRawPersonalDataNeverBecomeFeatures() {
        let sources = Set(pipeline.columnSourceFields)
        #expect(sources == ["Email", "Title", "LeadSource", "NumberOfEmployees", "Product_Interest__c",
                            "Demo_Requested__c", "LastActivityDate"])
        let names = pipeline.columnNames
        #expect(names.contains("Email.domain_class=corporate"))
        #expect(names.contains("Title.seniority=vp"))
        #expect(!names.contains("Email"))
        #expect(names.contains("LeadSource group=Referral"))
        #expect(names.contains("Product_Interest__c has Analytics"))
        #expect(names.contains("NumberOfEmployees=missing"))
        #expect(!names.contains { $0.hasPrefix("Rating") || $0.hasPrefix("IsConverted") || $0.hasPrefix("ConvertedDate") })
    }

    @Test func savedPipelineRoundTripsExactly() throws {
        let original = pipeline
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(original)
        let decoded = try JSONDecoder().decode(FeaturePipeline.self, from: json)
        #expect(decoded == original)
        #expect(try encoder.encode(decoded) == json)
        let rows = Array(0..<snapshot.table.rowCount)
        let before = FeatureTransformer(original).transform(snapshot.table, rows: rows, scoringMoments: scoringMoments(rows))
        let after = FeatureTransformer(decoded).transform(snapshot.table, rows: rows, scoringMoments: scoringMoments(rows))
        #expect(before.values.map(\.bitPattern) == after.values.map(\.bitPattern))
    }

    @Test func scoringARawLeadGivesTheSameInputsAsTraining() throws {
        let transformer = FeatureTransformer(pipeline)
        let rows = Array(0..<snapshot.table.rowCount)
        let matrix = transformer.transform(snapshot.table, rows: rows, scoringMoments: scoringMoments(rows))
        let (header, records) = try readAll(csv)
        guard case let .categorical(ids)? = snapshot.table.column("Id") else {
            Issue.record("no Id column")
            return
        }
        var rawById: [String: [String: String]] = [:]
        for case let .row(row) in records {
            rawById[row.values[0]] = Dictionary(uniqueKeysWithValues: zip(header, row.values))
        }
        let moments = scoringMoments(rows)
        // Batch scoring reads the same leads into array-indexed rows and transforms them by slot.
        let reader = LeadRowReader(contract: snapshot.contract)
        let slots = transformer.slots(in: reader.layout)
        var fromRow = [Float](repeating: 0, count: transformer.width)
        for row in rows {
            let id = ids.levels[Int(ids.codes[row])]
            let raw = try #require(rawById[id])
            let record = try LeadRecordReader.record(from: raw, contract: snapshot.contract).get()
            #expect(record["Email"] == nil, "raw email must not enter a record")
            let scored = transformer.transform(record, scoringMoment: moments[row])
            #expect(scored.map(\.bitPattern) == matrix.row(row).map(\.bitPattern), "lead \(id)")
            let lead = try reader.row { raw[snapshot.contract.fields[$0].name] }.get()
            #expect(lead.record(reader.layout) == record.filter { $0.value != .missing }, "lead \(id)")
            fromRow.withUnsafeMutableBufferPointer {
                transformer.transform(lead, slots: slots, scoringMoment: moments[row], into: $0)
            }
            #expect(fromRow.map(\.bitPattern) == matrix.row(row).map(\.bitPattern), "lead \(id), read by slot")
        }
    }

    @Test func rowsAndRecordsRefuseTheSameValues() throws {
        let contract = snapshot.contract
        let raw = ["NumberOfEmployees": "many", "CreatedDate": "yesterday", "Email": "a@b.com", "LeadSource": "Web"]
        let reader = LeadRowReader(contract: contract)
        guard case let .failure(fromRow) = reader.row(text: { raw[contract.fields[$0].name] }),
              case let .failure(fromRecord) = LeadRecordReader.record(from: raw, contract: contract) else {
            Issue.record("both readers must refuse the lead")
            return
        }
        #expect(fromRow.errors == fromRecord.errors)
        #expect(Set(fromRow.errors.compactMap(\.field)) == ["NumberOfEmployees", "CreatedDate"])
        #expect(!reader.layout.names.contains("Email") && reader.layout.slot("Email.domain_class") != nil,
                "a personal field lends its text to derivations only")
    }

    @Test func levelsComeFromTrainingRowsOnlyAndUnseenValuesAreOther() throws {
        var builder = LeadTableBuilder(columns: [(name: "LeadSource", type: .picklist)])
        for _ in 0..<3 { builder.append(["Web"], label: 0, split: .train) }
        builder.append([""], label: 0, split: .train)
        builder.append(["Trade Show"], label: 1, split: .test)
        let table = builder.build()
        let contract = DataContract(name: "t", idField: nil, createdField: nil, label: LabelDefinition(field: "Won"),
                                    fields: [FieldSpec(name: "LeadSource", type: .picklist), FieldSpec(name: "Won", type: .boolean)],
                                    features: FeatureOptions(minCategoryCount: 1))
        let fitted = FeaturePipelineFitter.fit(table: table, contract: contract, trainingRows: table.rows(in: .train))
        #expect(fitted.columnNames == ["LeadSource=Web", "LeadSource=Other", "LeadSource=Unknown"])
        let matrix = FeatureTransformer(fitted).transform(table, rows: [0, 3, 4], scoringMoments: [0, 0, 0])
        #expect(matrix.values == [1, 0, 0, 0, 0, 1, 0, 1, 0])
    }

    @Test func datesAfterTheScoringMomentCountAsMissing() {
        let step = FeatureStep(kind: .recency, column: "LastActivityDate", sourceField: "LastActivityDate", missingIndicator: true)
        let transformer = FeatureTransformer(FeaturePipeline(steps: [step], observationDays: 7, createdField: nil))
        let moment = 10 * 86_400.0
        #expect(transformer.transform(["LastActivityDate": .time(4 * 86_400)], scoringMoment: moment) == [6, 0])
        let future = transformer.transform(["LastActivityDate": .time(11 * 86_400)], scoringMoment: moment)
        #expect(future[0].isNaN && future[1] == 1)
        let missing = transformer.transform([:], scoringMoment: moment)
        #expect(missing[0].isNaN && missing[1] == 1)
    }

    @Test func missingNumbersFollowTheContractPolicy() {
        let indicator = FeatureStep(kind: .numeric, column: "A", sourceField: "A", missingIndicator: true, median: 5)
        let zero = FeatureStep(kind: .numeric, column: "B", sourceField: "B", missingIsZero: true, median: 0)
        let transformer = FeatureTransformer(FeaturePipeline(steps: [indicator, zero], observationDays: 0, createdField: nil))
        let output = transformer.transform([:], scoringMoment: 0)
        #expect(output[0].isNaN)
        #expect(Array(output[1...]) == [1, 0])
        #expect(transformer.transform(["A": .number(3), "B": .number(2)], scoringMoment: 0) == [3, 0, 2])
    }
}
