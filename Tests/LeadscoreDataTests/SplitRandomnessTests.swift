import Foundation
import Testing
@testable import LeadscoreData

/// The random split (no creation date) must be random with respect to row order: exports are often
/// sorted by time, and a split that comes out as long runs of rows makes validation and test a few
/// particular weeks. Checked with the Wald–Wolfowitz runs test for three categories.
struct SplitRandomnessTests {
    /// A time-ordered export without an id: week, source, pages viewed, revenue and the outcome,
    /// whose rate rises along the rows (as it does when an export is sorted by date).
    static func exportRows(count: Int, seed: UInt64 = 11) -> (content: [[String?]], labels: [Bool]) {
        var random = SeededRandom(seed: seed)
        var content: [[String?]] = [], labels: [Bool] = []
        for row in 0..<count {
            let won = random.bernoulli(0.05 + 0.2 * Double(row) / Double(count))
            content.append(["2024-W\(row * 52 / count + 1)", random.pick(["Web", "Partner Referral", "Trade Show"]),
                            String(random.int(in: 1...40)), String(random.int(in: 10...5_000) * 1_000), won ? "true" : "false"])
            labels.append(won)
        }
        return (content, labels)
    }

    /// Runs of equal values in `sequence` and their z-score against the count expected when the
    /// order is random (the multi-category runs test: mean and variance from the category sizes).
    static func runsZScore(_ sequence: [DataSplit]) -> (runs: Int, z: Double) {
        let total = Double(sequence.count)
        let runs = 1 + zip(sequence, sequence.dropFirst()).filter { $0 != $1 }.count
        let sizes = DataSplit.allCases.map { split in Double(sequence.filter { $0 == split }.count) }
        let sumOfSquares = sizes.map { $0 * $0 }.reduce(0, +)
        let sumOfCubes = sizes.map { $0 * $0 * $0 }.reduce(0, +)
        let mean = (total * (total + 1) - sumOfSquares) / total
        let variance = (sumOfSquares * (sumOfSquares + total * (total + 1)) - 2 * total * sumOfCubes - total * total * total)
            / (total * total * (total - 1))
        return (runs, (Double(runs) - mean) / variance.squareRoot())
    }

    /// The split before issue 11: FNV-1a of the line number, unmixed.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func theRunsTestSeparatesARandomSplitFromTheOldClumpedOne(seed: UInt64) {
        let (content, labels) = Self.exportRows(count: 30_000, seed: seed)
        let created = [Double?](repeating: nil, count: labels.count)
        let keys = content.map { SplitAssigner.rowKey(leadId: nil, content: $0) }
        let split = SplitAssigner.assign(plan: .standard, created: created, labels: labels, keys: keys)
        let mixed = Self.runsZScore(split.splits)
        print("runs test, export \(seed), 30,000 rows without an id: \(mixed.runs) runs, z = \(mixed.z)")
        #expect(abs(mixed.z) < 3)
        #expect(split.method == "stratified_random_v2")

        // The same statistic rejects the old assignment outright, so the test above can fail.
        let oldKeys = (0..<labels.count).map { Self.fnv1a(String($0 + 2)) }
        let old = SplitAssigner.assign(plan: .standard, created: created, labels: labels, keys: oldKeys)
        let clumped = Self.runsZScore(old.splits)
        print("runs test, old FNV-1a line-number order: \(clumped.runs) runs, z = \(clumped.z)")
        #expect(clumped.z < -50)
    }

    @Test func sequentialIdsAreScatteredToo() {
        let count = 30_000
        let ids = (0..<count).map { SalesforceId.caseSafe("00Q5e00000" + String(format: "%05d", $0)) }
        let labels = (0..<count).map { $0 % 9 == 0 }
        let keys = ids.map { SplitAssigner.rowKey(leadId: $0, content: []) }
        let split = SplitAssigner.assign(plan: .standard, created: Array(repeating: nil, count: count), labels: labels, keys: keys)
        #expect(abs(Self.runsZScore(split.splits).z) < 3)
    }

    @Test func sharesHoldOverallAndWithinEachClass() {
        let (content, labels) = Self.exportRows(count: 30_000)
        let keys = content.map { SplitAssigner.rowKey(leadId: nil, content: $0) }
        let plan = SplitPlan.fractions(train: 0.70, validation: 0.15)
        let splits = SplitAssigner.assign(plan: plan, created: Array(repeating: nil, count: labels.count),
                                          labels: labels, keys: keys).splits
        let expected: [DataSplit: Double] = [.train: 0.70, .validation: 0.15, .test: 0.15]
        for rows in [Array(labels.indices), labels.indices.filter { labels[$0] }, labels.indices.filter { !labels[$0] }] {
            for (split, share) in expected {
                let observed = Double(rows.filter { splits[$0] == split }.count) / Double(rows.count)
                #expect(abs(observed - share) <= 0.01, "\(split) holds \(observed) of \(rows.count) rows")
            }
        }
        // Each slice spans the export: the late rows (higher conversion) are not all in one slice.
        let lastTenth = labels.indices.suffix(3_000)
        for (split, share) in expected {
            let observed = Double(lastTenth.filter { splits[$0] == split }.count) / 3_000
            #expect(abs(observed - share) <= 0.03, "\(split) holds \(observed) of the newest rows")
        }
    }

    @Test func theSameRowsLandInTheSameSliceWhateverTheRowOrder() {
        let (content, labels) = Self.exportRows(count: 5_000)
        let none = [Double?](repeating: nil, count: labels.count)
        let keys = content.map { SplitAssigner.rowKey(leadId: nil, content: $0) }
        let first = SplitAssigner.assign(plan: .standard, created: none, labels: labels, keys: keys).splits
        #expect(SplitAssigner.assign(plan: .standard, created: none, labels: labels, keys: keys).splits == first)

        // A re-export sorted the other way round: line numbers change, content does not.
        let reversed = SplitAssigner.assign(plan: .standard, created: none, labels: labels.reversed(),
                                            keys: keys.reversed()).splits
        #expect(Array(reversed.reversed()) == first)
    }

    @Test func keysTellMissingFromEmptyAndKeepValueBoundaries() {
        let rows: [[String?]] = [["a", nil], ["a", ""], ["a", "~"], ["a~"], ["a", "b"], ["ab"], ["1:a"], ["a", "0:"], [nil, "a"]]
        let keys = rows.map { SplitAssigner.rowKey(leadId: nil, content: $0) }
        #expect(Set(keys).count == keys.count)
        #expect(SplitAssigner.rowKey(leadId: "00Q1", content: ["x"]) == SplitAssigner.rowKey(leadId: "00Q1", content: ["y"]))
    }

    @Test func aSnapshotWithoutIdOrDateIsScatteredAndReproducible() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let yaml = """
        version: 1
        name: no-id
        label: {field: Won}
        fields:
          - {name: Week, type: string}
          - {name: LeadSource, type: picklist, values: [Web, Partner Referral, Trade Show]}
          - {name: Pages, type: integer}
          - {name: AnnualRevenue, type: number}
          - {name: Won, type: boolean, scoring: leakage}
        """
        let (content, _) = Self.exportRows(count: 30_000)
        let lines = ["Week,LeadSource,Pages,AnnualRevenue,Won"] + content.map { $0.map { $0 ?? "" }.joined(separator: ",") }
        let csv = directory.appendingPathComponent("export.csv")
        try writeText(lines.joined(separator: "\n"), to: csv)
        let request = SnapshotRequest(source: CSVFileSource(url: csv), contract: try ContractLoader.parse(yaml), contractText: yaml)
        let first = try SnapshotBuilder.build(request, to: directory.appendingPathComponent("first"))
        let second = try SnapshotBuilder.build(request, to: directory.appendingPathComponent("second"))
        #expect(first.split.method == "stratified_random_v2")
        #expect(first.snapshotId == second.snapshotId)

        let table = try Snapshot.open(directory.appendingPathComponent("first")).table
        let z = Self.runsZScore(table.splits).z
        print("runs test through a 30,000-row snapshot: z = \(z)")
        #expect(abs(z) < 3)
        #expect(first.counts.bySplit["train"].map { abs(Double($0.rows) / 30_000 - 0.70) <= 0.01 } == true)
    }
}
