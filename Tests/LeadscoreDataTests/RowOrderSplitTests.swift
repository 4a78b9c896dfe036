import Foundation
import Testing
@testable import LeadscoreData

/// `split: row_order`: an export without creation dates that is sorted oldest first is split by
/// row position, so validation and test are its latest rows; a creation time on every row still
/// wins; dates cannot be cut without times.
struct RowOrderSplitTests {
    /// A contract without a creation field over `Seq` (the row's place in the export) and `Won`.
    static func undatedYAML(split: String?) -> String {
        """
        version: 1
        name: sorted-export
        label: {field: Won}
        \(split.map { "split: \($0)" } ?? "")
        fields:
          - {name: Seq, type: integer}
          - {name: Won, type: boolean, scoring: leakage}
        """
    }

    /// `count` rows, `Seq` counting from 0, every fourth row won.
    static func undatedCSV(count: Int) -> String {
        (["Seq,Won"] + (0..<count).map { "\($0),\($0 % 4 == 0 ? "Yes" : "No")" }).joined(separator: "\n")
    }

    func build(yaml: String, csv: String, split: SplitPlan = .standard, to: Double? = nil) throws -> (SnapshotManifest, LeadTable) {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csvURL = directory.appendingPathComponent("Lead.csv")
        try writeText(csv, to: csvURL)
        let request = SnapshotRequest(source: CSVFileSource(url: csvURL), contract: try ContractLoader.parse(yaml),
                                      contractText: yaml, to: to, split: split, salt: testSalt)
        let out = directory.appendingPathComponent("snap")
        let manifest = try SnapshotBuilder.build(request, to: out)
        return (manifest, try Snapshot.open(out).table)
    }

    /// The `Seq` values of the table's rows, in row order.
    func sequence(_ table: LeadTable) throws -> [Int] {
        let column = try #require(table.column("Seq"))
        return try (0..<table.rowCount).map { Int(try #require(column.value(at: $0).numeric)) }
    }

    @Test(arguments: [(0.70, 0.15, 700, 150), (0.60, 0.25, 600, 250), (0.5, 0.3, 500, 300)])
    func rowsAreCutByPositionAtThePlansShares(train: Double, validation: Double, trainRows: Int, validationRows: Int) throws {
        let count = 1_000
        let labels = (0..<count).map { $0 % 7 == 0 }
        // Some rows have a creation time, not all: still no temporal split, so row order applies.
        let created = (0..<count).map { $0 % 10 == 0 ? Double($0) : nil }
        let keys = (0..<count).map { SplitAssigner.splitMix64(UInt64($0)) }
        let result = try SplitAssigner.assign(plan: .fractions(train: train, validation: validation), created: created,
                                              labels: labels, keys: keys, order: .rowOrder)
        let expected = [DataSplit](repeating: .train, count: trainRows) + Array(repeating: .validation, count: validationRows)
            + Array(repeating: .test, count: count - trainRows - validationRows)
        #expect(result.splits == expected)
        #expect(result.method == "row_order_fractions")
        #expect(result.warnings.isEmpty)
        // The same rows under the default order are scattered, so the order parameter is what decides.
        let random = try SplitAssigner.assign(plan: .fractions(train: train, validation: validation), created: created,
                                              labels: labels, keys: keys, order: .random)
        #expect(random.method == "stratified_random_v2")
        #expect(random.splits != expected)
    }

    @Test func aSnapshotOfAnUndatedExportPutsTheLastRowsInTest() throws {
        let (manifest, table) = try build(yaml: Self.undatedYAML(split: "row_order"), csv: Self.undatedCSV(count: 200))
        #expect(manifest.split.method == "row_order_fractions")
        #expect(try sequence(table) == Array(0..<200))
        #expect(table.splits == Array(repeating: .train, count: 140) + Array(repeating: .validation, count: 30)
            + Array(repeating: .test, count: 30))
        #expect(manifest.counts.bySplit["test"] == .init(rows: 30, positives: (170..<200).filter { $0 % 4 == 0 }.count))
        #expect(manifest.split.rowOrderDrift == nil)
        let noDate = try #require(manifest.warnings.first { $0.hasPrefix("NO CREATION DATE") })
        #expect(noDate.contains("row order"))
        #expect(!noDate.contains("stratified random"))
    }

    @Test func positionsCountOnlyTheRowsKeptAfterTheWindowAndMaturity() throws {
        // A creation field some rows lack: rows with a time can fall outside the window or be too
        // young to label; rows without one are kept. The cut is over the rows that remain, in order.
        let yaml = """
        version: 1
        name: partly-dated
        created_field: CreatedDate
        split: row_order
        label: {field: Won, window_days: 30}
        fields:
          - {name: Seq, type: integer}
          - {name: CreatedDate, type: date, scoring: excluded}
          - {name: Won, type: boolean, scoring: leakage}
        """
        var lines = ["Seq,CreatedDate,Won"]
        for row in 0..<100 {
            let date = row == 0 ? "2024-07-01" : row == 50 ? "2024-05-25" : row % 10 == 0 ? "2024-01-15" : ""
            lines.append("\(row),\(date),\(row % 3 == 0 ? "Yes" : "No")")
        }
        let (manifest, table) = try build(yaml: yaml, csv: lines.joined(separator: "\n"),
                                          to: SalesforceDate.parse("2024-06-01"))
        #expect(manifest.counts.outsideWindow == 1)  // row 0, created after --to
        #expect(manifest.counts.immature == 1)  // row 50, created a week before the as-of time
        let kept = (1..<100).filter { $0 != 50 }
        #expect(try sequence(table) == kept)
        // 98 rows: train round(68.6) = 69, validation round(14.7) = 15, test 14.
        #expect(table.splits == Array(repeating: .train, count: 69) + Array(repeating: .validation, count: 15)
            + Array(repeating: .test, count: 14))
        #expect(manifest.split.method == "row_order_fractions")
    }

    @Test func dateBoundariesWithoutCreationTimesAreAClearError() throws {
        let plan = SplitPlan.dates(validationStart: 1_700_000_000, testStart: 1_710_000_000)
        let error = try #require(throws: InputError.self) {
            try build(yaml: Self.undatedYAML(split: "row_order"), csv: Self.undatedCSV(count: 50), split: plan)
        }
        #expect(error.source == "--split")
        #expect(error.field == "split")
        #expect(error.problem.contains("need a creation time"))
        #expect(error.fix.contains("--split 0.7,0.15,0.15"))
        #expect(error.fix.contains("created_field"))
        // With a time on every row the same plan is fine: the split is temporal.
        let dated = try SplitAssigner.assign(plan: plan, created: [1_690_000_000, 1_705_000_000, 1_720_000_000],
                                             labels: [true, false, true], keys: [1, 2, 3], order: .rowOrder)
        #expect(dated.splits == [.train, .validation, .test])
        #expect(dated.method == "temporal_dates")
    }

    @Test func aCreationTimeOnEveryRowWinsAndTheSnapshotSaysSo() throws {
        let yaml = smallContractYAML.replacingOccurrences(of: "created_field: CreatedDate\n",
                                                          with: "created_field: CreatedDate\nsplit: row_order\n")
        // The export reversed (newest first): row order and time disagree, so the winner shows.
        var lines = smallLeadsCSV().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        lines = [lines[0]] + lines.dropFirst().reversed()
        let (manifest, table) = try build(yaml: yaml, csv: lines.joined(separator: "\n"), to: SalesforceDate.parse("2024-03-15"))
        #expect(manifest.split.method == "temporal_fractions")
        #expect(manifest.warnings.contains {
            $0.contains("every row has a creation time") && $0.contains("`split: row_order` is ignored")
        })
        // The newest leads (first in this file) are the test slice.
        let created = try #require(table.column("CreatedDate"))
        let times = (0..<table.rowCount).compactMap { created.value(at: $0).numeric }
        let newestTrain = try #require(table.rows(in: .train).map { times[$0] }.max())
        #expect(table.rows(in: .test).allSatisfy { times[$0] > newestTrain })
        #expect(table.splits.first == .test)
        #expect(manifest.split.rowOrderDrift == nil)
    }

    @Test func theContractReadsWritesAndRefusesTheKey() throws {
        #expect(try ContractLoader.parse(Self.undatedYAML(split: nil)).split == .random)
        #expect(try ContractLoader.parse(Self.undatedYAML(split: "random")).split == .random)
        let sorted = try ContractLoader.parse(Self.undatedYAML(split: "row_order"))
        #expect(sorted.split == .rowOrder)

        // Round trip: written only when not the default, read back unchanged either way.
        let written = ContractWriter.yaml(sorted)
        #expect(written.contains("\nsplit: row_order  #"))
        #expect(try ContractLoader.parse(written) == sorted)
        let plain = try ContractLoader.parse(smallContractYAML)
        let plainText = ContractWriter.yaml(plain)
        #expect(!plainText.contains("\nsplit:"))
        #expect(try ContractLoader.parse(plainText) == plain)

        // An unknown value names the key, its line and the allowed values.
        let errors = try #require(throws: InputErrors.self) {
            try ContractLoader.parse(Self.undatedYAML(split: "sorted"))
        }.errors
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.field == "split")
        #expect(error.line == 4)
        #expect(error.problem == "'sorted' is not a split order; allowed: random, row_order")
        #expect(error.fix.contains("split: row_order"))
        let list = try #require(throws: InputErrors.self) {
            try ContractLoader.parse(Self.undatedYAML(split: "[row_order]"))
        }.errors
        #expect(list.map(\.field) == ["split"])
    }

    @Test func aDraftWithoutACreationDateMentionsTheKeyButLeavesItOff() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let undated = directory.appendingPathComponent("undated.csv")
        try writeText("Lead Source,Pages,Converted\nWeb,3,Yes\nPartner,5,No\nWeb,1,No\n", to: undated)
        let draft = try ContractDrafter.draft(fromCSV: undated, name: "undated")
        #expect(draft.contract.split == .random)
        #expect(draft.remarks.filter { $0.contains("`split: row_order`") }.count == 1)
        #expect(ContractWriter.yaml(draft.contract, remarks: draft.remarks).contains("# NOTE: if this export is sorted by time"))

        let dated = directory.appendingPathComponent("dated.csv")
        try writeText("Created Date,Lead Source,Converted\n2024-01-02,Web,Yes\n2024-01-03,Partner,No\n", to: dated)
        let datedDraft = try ContractDrafter.draft(fromCSV: dated, name: "dated")
        #expect(datedDraft.contract.createdField == "CreatedDate")
        #expect(!datedDraft.remarks.contains { $0.contains("split: row_order") })
    }
}
