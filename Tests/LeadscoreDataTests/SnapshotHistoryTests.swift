import Foundation
import Testing
@testable import LeadscoreData

/// Snapshots of the sample org with its LeadHistory: only tracked fields change, and the same org data
/// gives the same rows whichever way the history arrives (Data Loader export or Salesforce extract).
struct SnapshotHistoryTests {
    let directory: URL
    let org: URL
    let yaml: String

    init() throws {
        directory = try makeTemporaryDirectory()
        org = directory.appendingPathComponent("org")
        _ = try SampleOrgGenerator(leads: 4_000, seed: 31).write(to: org)
        let describe = try SalesforceDescribe.decode(Data(contentsOf: org.appendingPathComponent("describe.json")),
                                                     source: "describe.json")
        yaml = ContractWriter.yaml(ContractDrafter.draft(fromDescribe: describe, name: "sample").contract)
    }

    func build(_ name: String, history: FieldHistory?) throws -> (manifest: SnapshotManifest, rows: String) {
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        let out = directory.appendingPathComponent(name)
        let manifest = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: org.appendingPathComponent("Lead.csv")), contract: try ContractLoader.parse(yaml),
            contractText: yaml, to: exportTime, asOf: exportTime, salt: testSalt, history: history), to: out)
        return (manifest, try String(contentsOf: out.appendingPathComponent("leads.csv"), encoding: .utf8))
    }

    func sampleHistory() throws -> FieldHistory {
        try FieldHistory.load(from: org.appendingPathComponent("LeadHistory.csv"))
    }

    @Test func historyChangesExactlyTheTrackedFields() throws {
        let plain = try build("plain", history: nil)
        let rebuilt = try build("history", history: try sampleHistory())
        let before = try readAll(plain.rows), after = try readAll(rebuilt.rows)
        #expect(before.header == after.header)
        #expect(before.records.count == after.records.count && after.records.count == rebuilt.manifest.counts.rows)
        #expect(plain.manifest.counts == rebuilt.manifest.counts && plain.manifest.split == rebuilt.manifest.split)
        #expect(rebuilt.manifest.history?.trackedFields.map(\.name) == ["Status", "Rating"])
        var changed: [String: Int] = [:]
        for (old, new) in zip(before.records, after.records) {
            guard case let .row(oldRow) = old, case let .row(newRow) = new else {
                Issue.record("malformed snapshot row")
                continue
            }
            for (column, (oldValue, newValue)) in zip(before.header, zip(oldRow.values, newRow.values)) where oldValue != newValue {
                changed[column, default: 0] += 1
            }
        }
        #expect(Set(changed.keys) == ["Status", "Rating"], "changed columns: \(changed)")
        // Status is rewritten for every lead whose Status moved after its first week.
        #expect(changed["Status"] == rebuilt.manifest.history?.trackedFields.first?.leadsChangedAfterObservation)
        #expect(rebuilt.manifest.snapshotId != plain.manifest.snapshotId)
    }

    @Test func theSameDataGivesTheSameSnapshot() throws {
        let first = try build("first", history: try sampleHistory())
        let second = try build("second", history: try sampleHistory())
        #expect(first.rows == second.rows)
        #expect(first.manifest.snapshotId == second.manifest.snapshotId)
    }

    /// The Salesforce route writes the queried rows in its own order, header spelling and Id length;
    /// the snapshot's rows must not notice.
    @Test func theHistoryRowsMayComeInAnyOrderAndIdForm() throws {
        let reader = try CSVReader(url: org.appendingPathComponent("LeadHistory.csv"))
        var lines: [String] = []
        while case let .row(row)? = try reader.next() {
            let values = Dictionary(uniqueKeysWithValues: zip(reader.header, row.values))
            let fields = [values["NewValue"], values["OldValue"], String((values["LeadId"] ?? "").prefix(15)),
                          values["Field"], values["CreatedDate"], values["Id"]]
            lines.append(fields.map { "\"\($0 ?? "")\"" }.joined(separator: ","))
        }
        var random = SeededRandom(seed: 5)
        lines.shuffle(using: &random)
        let reordered = directory.appendingPathComponent("LeadHistory-extract.csv")
        try writeText((["NEWVALUE,OLDVALUE,LEADID,FIELD,CREATEDDATE,ID"] + lines).joined(separator: "\n") + "\n", to: reordered)
        let exported = try build("exported", history: try sampleHistory())
        let extracted = try build("extracted", history: try FieldHistory.load(from: reordered))
        #expect(exported.rows == extracted.rows)
        #expect(exported.manifest.history?.trackedFields == extracted.manifest.history?.trackedFields)
    }

    @Test func manifestsWithoutHistoryAreUnchangedAndStillLoad() throws {
        let plain = try build("plain", history: nil)
        let manifestURL = directory.appendingPathComponent("plain").appendingPathComponent(SnapshotManifest.fileName)
        let text = try String(contentsOf: manifestURL, encoding: .utf8)
        #expect(!text.contains("\"history\""), "no history key: snapshot ids of history-less snapshots stay as they were")
        #expect(try Snapshot.open(directory.appendingPathComponent("plain")).manifest.history == nil)

        let rebuilt = try build("history", history: try sampleHistory())
        let withHistory = try rebuilt.manifest.encoded()
        #expect(try JSONDecoder().decode(SnapshotManifest.self, from: withHistory) == rebuilt.manifest)
        #expect(plain.manifest.history == nil)
    }
}
