import Foundation
import Testing
@testable import LeadscoreData

/// The snapshot's table cache (`.leads.table`, `LeadTableFile`): after the first verified open, opening
/// reads it instead of parsing `leads.csv`, so it must hold exactly the table the CSV parses into, and one
/// that does not fit (another CSV, a damaged or foreign file) must be ignored and made again.
struct SnapshotTableCacheTests {
    let directory: URL

    init() throws {
        directory = try makeTemporaryDirectory()
    }

    /// The first open leaves the cache; the second reads it and gets the table parsed from `leads.csv`.
    private func expectTableMatchesTheCSV(_ snapshot: URL) throws {
        let cache = snapshot.appendingPathComponent(SnapshotTableCache.fileName)
        #expect(!FileManager.default.fileExists(atPath: cache.path))
        let first = try Snapshot.open(snapshot)
        #expect(FileManager.default.fileExists(atPath: cache.path))
        #expect(SnapshotTableCache.read(in: snapshot, manifest: first.manifest) != nil)
        let opened = try Snapshot.open(snapshot)
        let parsed = try Snapshot.readRows(snapshot.appendingPathComponent(SnapshotManifest.rowsFile),
                                           contract: opened.contract, manifest: opened.manifest)
        #expect(opened.table.rowCount == parsed.rowCount && opened.table.rowCount == opened.manifest.counts.rows)
        #expect(opened.table.columnNames == parsed.columnNames)
        for name in parsed.columnNames {
            let (fromCache, fromCSV) = (try #require(opened.table.column(name)), try #require(parsed.column(name)))
            switch (fromCache, fromCSV) {
            case let (.numeric(cached), .numeric(csv)):
                // NaN marks a missing value: compared by bit pattern, so missing equals missing.
                #expect(cached.type == csv.type && cached.values.map(\.bitPattern) == csv.values.map(\.bitPattern), "\(name)")
            default:
                #expect(fromCache == fromCSV, "\(name)")
            }
        }
        #expect(opened.table.labels == parsed.labels)
        #expect(opened.table.splits == parsed.splits)
    }

    private func buildSmallSnapshot(extraRows: [String] = []) throws -> (URL, SnapshotManifest) {
        let csvURL = directory.appendingPathComponent("Lead.csv")
        try writeText(smallLeadsCSV(extraRows: extraRows), to: csvURL)
        let out = directory.appendingPathComponent("snap")
        let manifest = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: csvURL), contract: try ContractLoader.parse(smallContractYAML),
            contractText: smallContractYAML, to: SalesforceDate.parse("2024-03-15"), salt: testSalt), to: out)
        return (out, manifest)
    }

    /// The sample org: every field type, hashed and derived personal data, immature leads left out.
    @Test func theSampleOrgsCacheHoldsWhatTheCSVParsesInto() throws {
        let org = directory.appendingPathComponent("org")
        _ = try SampleOrgGenerator(leads: 3_000, seed: 11).write(to: org)
        let describe = try SalesforceDescribe.decode(Data(contentsOf: org.appendingPathComponent("describe.json")),
                                                     source: "describe.json")
        let yaml = ContractWriter.yaml(ContractDrafter.draft(fromDescribe: describe, name: "table-file").contract)
        let out = directory.appendingPathComponent("snap")
        let asOf = SampleOrgGenerator.exportTime.timeIntervalSince1970
        let manifest = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: org.appendingPathComponent("Lead.csv")), contract: try ContractLoader.parse(yaml),
            contractText: yaml, to: asOf, asOf: asOf, salt: testSalt), to: out)
        #expect(manifest.counts.immature > 0)
        try expectTableMatchesTheCSV(out)
    }

    /// Rejected and immature rows are in neither file; levels met only in them are not levels.
    @Test func rowsLeftOutOfTheSnapshotLeaveNoTraceInTheTable() throws {
        let (out, manifest) = try buildSmallSnapshot(extraRows: [
            "00Q000000000999AAA,odd@x.com,Mgr,Only In A Rejected Row,not-a-number,,false,2024-01-03,Cold,false,,"
                + "2024-01-02T00:00:00.000+0000",
        ])
        #expect(manifest.counts.rejected == 1 && manifest.counts.immature > 0)
        try expectTableMatchesTheCSV(out)
        guard case let .categorical(sources)? = try Snapshot.open(out).table.column("LeadSource") else {
            Issue.record("LeadSource is not categorical")
            return
        }
        #expect(!sources.levels.contains("Only In A Rejected Row"))
    }

    /// A real export (the online-shoppers sessions in `../shared`): numbers, booleans and text as a CSV
    /// drafted contract types them.
    @Test func aRealExportsCacheHoldsWhatTheCSVParsesInto() throws {
        let export = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/datasets/online-shoppers/online_shoppers_intention.csv")
        try #require(FileManager.default.fileExists(atPath: export.path), "expected the shared datasets: \(export.path)")
        let draft = try ContractDrafter.draft(fromCSV: export, name: "online-shoppers")
        let yaml = ContractWriter.yaml(draft.contract).replacingOccurrences(of: "field: \"CHANGE_ME\"", with: "field: \"Revenue\"")
        let out = directory.appendingPathComponent("snap")
        try SnapshotBuilder.build(SnapshotRequest(source: CSVFileSource(url: export), contract: try ContractLoader.parse(yaml),
                                                  contractText: yaml, salt: testSalt), to: out)
        try expectTableMatchesTheCSV(out)
    }

    /// A cache that does not fit is ignored (the rows come from `leads.csv`) and made again: damaged bytes,
    /// a cache of another CSV, a file of another program. Only a verified open writes one.
    @Test func aCacheThatDoesNotFitIsIgnoredAndMadeAgain() throws {
        let (out, manifest) = try buildSmallSnapshot()
        let cache = out.appendingPathComponent(SnapshotTableCache.fileName)
        _ = try Snapshot.open(out, verify: false)
        #expect(!FileManager.default.fileExists(atPath: cache.path), "an unverified open wrote a cache")
        let expected = try Snapshot.open(out).table
        let good = try Data(contentsOf: cache)
        var damaged = good
        damaged[damaged.count - 20] ^= 0x01  // a bit of the labels or splits: only the cache's own hash can tell
        // Another leads.csv (its hash is the first after the magic), another contract (the second).
        let flip = { (data: Data, at: Int) -> Data in
            var changed = data
            changed[at] = changed[at] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            return changed
        }
        let otherCSV = flip(good, SnapshotTableCache.magic.count)
        let otherContract = flip(good, SnapshotTableCache.magic.count + 64)
        for bytes in [damaged, otherCSV, otherContract, Data("LSTABLE1 not a cache".utf8), Data()] {
            try bytes.write(to: cache)
            #expect(SnapshotTableCache.read(in: out, manifest: manifest) == nil)
            let reopened = try Snapshot.open(out).table
            #expect(reopened.labels == expected.labels && reopened.splits == expected.splits)
            #expect(reopened.column("LeadSource") == expected.column("LeadSource"))
            #expect(try Data(contentsOf: cache) == good, "the cache was not made again")
        }
        // A tampered leads.csv is refused even with a cache made from the original.
        let rows = out.appendingPathComponent(SnapshotManifest.rowsFile)
        try (try String(contentsOf: rows, encoding: .utf8) + "x").write(to: rows, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try Snapshot.open(out) }
    }

    // MARK: The file format

    @Test func aTableRoundTripsThroughTheFileFormat() throws {
        let table = LeadTable(rowCount: 3, columns: [
            ("Amount", .numeric(NumericColumn(type: .number, values: [1.5, .nan, -2e300]))),
            ("Created", .numeric(NumericColumn(type: .datetime, values: [1.7e9, 0, .nan]))),
            ("Source", .categorical(CategoricalColumn(type: .picklist, codes: [1, -1, 0], levels: ["Web", "Zürich 東京"]))),
        ], labels: [1, 0, 1], splits: [.train, .validation, .test])
        let decoded = try LeadTableFile.decode(Data(LeadTableFile.encode(table)), source: "t")
        #expect(decoded.rowCount == 3 && decoded.columnNames == table.columnNames)
        #expect(decoded.column("Source") == table.column("Source"))
        guard case let .numeric(amount)? = decoded.column("Amount"), case let .numeric(created)? = decoded.column("Created") else {
            Issue.record("numeric columns lost")
            return
        }
        #expect(amount.values.map(\.bitPattern) == [1.5, .nan, -2e300].map(\.bitPattern) && created.type == .datetime)
        #expect(decoded.labels == [1, 0, 1] && decoded.splits == [.train, .validation, .test])
        // No labels or splits (an unlabelled table) stays so.
        let bare = LeadTable(rowCount: 1, columns: [("A", .numeric(NumericColumn(type: .integer, values: [7])))])
        let decodedBare = try LeadTableFile.decode(Data(LeadTableFile.encode(bare)), source: "t")
        #expect(decodedBare.labels.isEmpty && decodedBare.splits.isEmpty && decodedBare.rowCount == 1)
    }

    @Test func codesOutsideTheLevelsAndTrailingBytesAreRefused() throws {
        let table = LeadTable(rowCount: 1, columns: [
            ("Source", .categorical(CategoricalColumn(type: .picklist, codes: [0], levels: ["Web"]))),
        ])
        var bytes = LeadTableFile.encode(table)
        let codeAt = bytes.count - 2 - 4  // the code is the last four bytes before the two presence bytes
        bytes[codeAt] = 5
        let outside = try #require(throws: InputError.self) { try LeadTableFile.decode(Data(bytes), source: "t") }
        #expect(outside.problem.contains("outside its 1 levels"), "\(outside.problem)")
        let trailing = try #require(throws: InputError.self) {
            try LeadTableFile.decode(Data(LeadTableFile.encode(table) + [0]), source: "t")
        }
        #expect(trailing.problem.contains("bytes follow"), "\(trailing.problem)")
    }
}
