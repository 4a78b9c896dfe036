import Foundation
import Testing
@testable import LeadscoreData

/// Snapshots built with field history, on small hand-made cases: tracked fields hold their value as
/// of creation + 7 days (the small contract's observation_days), capped at the as-of time.
struct PointInTimeTests {
    let directory: URL
    let csvURL: URL

    init() throws {
        directory = try makeTemporaryDirectory()
        csvURL = directory.appendingPathComponent("Lead.csv")
        try writeText(smallLeadsCSV(), to: csvURL)
    }

    /// The Id `smallLeadsCSV` gives lead `index` (created on 2024-01-01 + index days, 01:00).
    static func leadId(_ index: Int) -> String {
        SalesforceId.caseSafe("00Q" + String(format: "%012d", index))
    }

    static func historyCSV(_ rows: [String]) -> String {
        (["Id,LeadId,CreatedDate,Field,OldValue,NewValue"] + rows).joined(separator: "\r\n") + "\r\n"
    }

    /// Lead 1 is seen on 2024-01-09 01:00, lead 4 on 01-12, lead 5 on 01-13, lead 6 on 01-14.
    static let handMadeHistory = historyCSV([
        ",\(leadId(1)),2024-01-03T00:00:00.000+0000,Rating,,Warm",       // before the point
        ",\(leadId(1)),2024-01-20T00:00:00.000+0000,Rating,Warm,Cold",   // after: lead 1 was Warm then
        ",\(leadId(2)),2024-01-05T00:00:00.000+0000,Rating,,Cold",       // only before: today's value
        ",\(leadId(4)),2024-01-15T00:00:00.000+0000,Rating,,Warm",       // three changes after the point:
        ",\(leadId(4)),2024-01-20T00:00:00.000+0000,Rating,Warm,Hot",    // the earliest decides (empty)
        ",\(leadId(4)),2024-02-01T00:00:00.000+0000,Rating,Hot,Cold",
        ",\(leadId(5)),2024-01-30T00:00:00.000+0000,NumberOfEmployees,\"1,200\",60",
        ",\(leadId(3)),2024-02-01T00:00:00.000+0000,IsConverted,false,true", // the label: never rewritten
        ",\(String(leadId(6).prefix(15))),2024-01-20T00:00:00.000+0000,Rating,,Hot", // a 15-character LeadId
        ",\(leadId(99)),2024-01-20T00:00:00.000+0000,Rating,,Hot",       // a lead not in the source
        ",\(leadId(1)),2024-01-02T01:00:00.000+0000,created,,",
    ])

    func build(history: String?, yaml: String = smallContractYAML, to: String? = "2024-03-15", asOf: String? = nil,
               strict: Bool = false, name: String = "snap") throws -> (SnapshotManifest, [String: [String: String]]) {
        var fieldHistory: FieldHistory?
        if let history {
            let url = directory.appendingPathComponent("LeadHistory-\(name).csv")
            try writeText(history, to: url)
            fieldHistory = try FieldHistory.load(from: url)
        }
        let out = directory.appendingPathComponent(name)
        let manifest = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: csvURL), contract: try ContractLoader.parse(yaml), contractText: yaml,
            to: to.flatMap(SalesforceDate.parse), asOf: asOf.flatMap(SalesforceDate.parse), salt: testSalt, strict: strict,
            history: fieldHistory), to: out)
        let reader = try CSVReader(url: out.appendingPathComponent("leads.csv"))
        var rows: [String: [String: String]] = [:]
        while case let .row(row)? = try reader.next() {
            let record = Dictionary(uniqueKeysWithValues: zip(reader.header, row.values))
            rows[record["Id"] ?? ""] = record
        }
        return (manifest, rows)
    }

    @Test func trackedFieldsHoldTheirValueAtTheObservationPoint() throws {
        let (_, plain) = try build(history: nil, name: "plain")
        let (manifest, rows) = try build(history: Self.handMadeHistory)
        func value(_ lead: Int, _ field: String) -> String? { rows[Self.leadId(lead)]?[field] }
        #expect(plain[Self.leadId(1)]?["Rating"] == "Cold")
        #expect(value(1, "Rating") == "Warm", "changed after the point: the old value")
        #expect(value(2, "Rating") == "Cold", "changed only before the point: today's value")
        #expect(value(4, "Rating") == "", "several changes after the point: the earliest one's old value")
        #expect(value(6, "Rating") == "", "a 15-character LeadId matches the 18-character Id")
        #expect(plain[Self.leadId(5)]?["NumberOfEmployees"] == "60")
        #expect(value(5, "NumberOfEmployees") == "1200", "the old text is parsed and normalised like any value")
        #expect(value(3, "IsConverted") == "true" && value(3, "_label") == plain[Self.leadId(3)]?["_label"])
        // Everything else is exactly the snapshot without history.
        #expect(rows.count == plain.count)
        for (id, row) in rows {
            for (column, text) in row where !["Rating", "NumberOfEmployees"].contains(column) {
                #expect(plain[id]?[column] == text, "\(id) \(column) changed")
            }
        }
        #expect(manifest.counts == (try build(history: nil, name: "again").0.counts))
    }

    @Test func manifestCountsWhatHistoryChanged() throws {
        let (manifest, _) = try build(history: Self.handMadeHistory)
        let history = try #require(manifest.history)
        #expect(history.observationDays == 7)
        #expect(history.rows == 11 && history.rejectedRows == 0)
        #expect(history.leadsWithHistory == 6, "leads 1–6 of the 44 kept; lead 99 is not in the source")
        #expect(history.otherFields == ["created"])
        #expect(history.untrackedFields == ["Email", "Title", "LeadSource", "Product_Interest__c", "Demo_Requested__c",
                                            "LastActivityDate", "ConvertedDate"])
        let fields = Dictionary(uniqueKeysWithValues: history.trackedFields.map { ($0.name, $0) })
        #expect(history.trackedFields.map(\.name) == ["NumberOfEmployees", "Rating", "IsConverted"])
        #expect(fields["Rating"] == SnapshotManifest.TrackedField(
            name: "Rating", reconstructed: true, note: nil, leadsWithValue: 44, leadsWithChanges: 4,
            leadsChangedAfterObservation: 3, changedAfterObservationShare: 3.0 / 44))
        // 44 kept leads, NumberOfEmployees empty for every seventh (0, 7, …, 42).
        #expect(fields["NumberOfEmployees"]?.leadsWithValue == 37)
        #expect(fields["NumberOfEmployees"]?.leadsChangedAfterObservation == 1)
        #expect(fields["IsConverted"]?.reconstructed == false)
        #expect(fields["IsConverted"]?.note?.contains("keeps today's value") == true)
        #expect(manifest.warnings.isEmpty)
    }

    @Test func theObservationPointStopsAtTheAsOfTime() throws {
        // A one-day label window keeps leads created just before the as-of time (2024-02-28).
        let yaml = smallContractYAML.replacingOccurrences(of: "window_days: 30", with: "window_days: 1")
        // Lead 56 is created 2024-02-26 01:00: creation + 7 days is 03-04, but the data ends on 02-28.
        let history = Self.historyCSV([
            ",\(Self.leadId(56)),2024-02-27T12:00:00.000+0000,Rating,,Warm",
            ",\(Self.leadId(56)),2024-03-01T00:00:00.000+0000,Rating,Warm,Cold",
        ])
        let (manifest, rows) = try build(history: history, yaml: yaml, to: "2024-02-28")
        #expect(manifest.window.asOf == "2024-02-28T00:00:00Z")
        #expect(rows[Self.leadId(56)]?["Rating"] == "Warm", "Warm at the as-of time; Cold only on 03-01, before day 7")
    }

    @Test func withoutAnAsOfTimeTheNewestCreationCapsThePoint() throws {
        // No --to and no --as-of: the as-of time is the newest CreatedDate (lead 59, 2024-02-29 01:00),
        // as it is without history, and it caps observation points just the same.
        let yaml = smallContractYAML.replacingOccurrences(of: "window_days: 30", with: "window_days: 1")
        let history = Self.historyCSV([",\(Self.leadId(57)),2024-03-01T00:00:00.000+0000,Rating,,Hot"])
        let (plain, _) = try build(history: nil, yaml: yaml, to: nil, name: "plain")
        let (manifest, rows) = try build(history: history, yaml: yaml, to: nil)
        #expect(manifest.window.asOf == plain.window.asOf)
        #expect(manifest.window.asOf == "2024-02-29T01:00:00Z")
        #expect(rows[Self.leadId(57)]?["Rating"] == "")
    }

    @Test func badHistoryRowsAreReportedStopAStrictRunOrTooManyStopAnyRun() throws {
        let history = Self.historyCSV([
            ",\(Self.leadId(1)),2024-01-20T00:00:00.000+0000,Rating,Warm,Cold",
            ",\(Self.leadId(2)),someday,Rating,,Cold",
        ] + (10..<14).map { ",\(Self.leadId($0)),2024-01-\($0 + 1)T01:00:00.000+0000,created,," })
        let (manifest, rows) = try build(history: history)
        #expect(rows[Self.leadId(1)]?["Rating"] == "Warm")
        #expect(manifest.history?.rejectedRows == 1)
        #expect(manifest.warnings.contains { $0.contains("1 history rows left out") && $0.contains("line 3 (CreatedDate)") })
        let strict = try #require(throws: InputError.self) { try build(history: history, strict: true, name: "strict") }
        #expect(strict.line == 3 && strict.field == "CreatedDate" && strict.fix.contains("--strict"))
        let mostlyBad = Self.historyCSV([",\(Self.leadId(2)),someday,Rating,,Cold", ",x,2024-01-20,Rating,,Cold"])
        let error = try #require(throws: InputError.self) { try build(history: mostlyBad, name: "bad") }
        #expect(error.problem.contains("2 of 2 history rows are unreadable"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("bad").path))
    }

    @Test func historyOfAnotherOrgOrOfNoContractFieldIsFlagged() throws {
        let otherOrg = Self.historyCSV([",\(SalesforceId.caseSafe("00Q9z00000AbCdE")),2024-01-20T00:00:00Z,Rating,,Hot"])
        let (unmatched, _) = try build(history: otherOrg, name: "other")
        #expect(unmatched.warnings.contains { $0.contains("no lead in the snapshot has a row") })
        let ownerOnly = Self.historyCSV([",\(Self.leadId(1)),2024-01-20T00:00:00Z,Owner,Ann,Bob"])
        let (untracked, rows) = try build(history: ownerOnly, name: "owner")
        #expect(untracked.warnings.contains { $0.contains("tracks none of the contract's fields (it has Owner)") })
        #expect(untracked.history?.trackedFields.isEmpty == true)
        #expect(rows[Self.leadId(1)]?["Rating"] == "Cold")
    }
}
