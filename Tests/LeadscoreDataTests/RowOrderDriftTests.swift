import Foundation
import Testing
@testable import LeadscoreData

/// The row-order drift check of a random split: the rank-sum z of positives' row positions against
/// negatives', checked against scipy, and its warning through a snapshot.
///
/// Fixture values come from scipy 1.17.1 through `scripts/fixtures/make_row_order_drift_fixtures.py`,
/// which rebuilds the same label sequences in Python and prints z and the thirds' rates:
///
///     r = mannwhitneyu(positions[won], positions[~won], method="asymptotic", use_continuity=False)
///     z = copysign(norm.isf(r.pvalue / 2), r.statistic - n1 * n2 / 2)
///
/// scipy reports U and the two-sided p-value; |z| is the normal quantile of p/2 and its sign says
/// which side of n₁n₂/2 U falls on. The script also checks z against the closed form.
struct RowOrderDriftTests {
    /// Positive when `(row × 7919) mod 1000` falls under a threshold that rises along the rows from
    /// `start` to `start + rise` (per mille): a conversion rate that grows with row order.
    static func rising(count: Int, start: Int, rise: Int) -> [Bool] {
        (0..<count).map { row in (row * 7919) % 1000 < start + rise * row / count }
    }

    /// Positive when SplitMix64 of the row number mod 1000 is under 110: an 11% rate, order-free.
    static func shuffled(count: Int) -> [Bool] {
        (0..<count).map { SplitAssigner.splitMix64(UInt64($0)) % 1000 < 110 }
    }

    @Test func theStatisticMatchesScipy() throws {
        let cases: [(labels: [Bool], z: Double, first: Double, last: Double)] = [
            (Self.rising(count: 6_000, start: 70, rise: 80), 5.544412728438, 0.083, 0.136),
            (Self.rising(count: 6_000, start: 70, rise: 80).reversed(), -5.544412728438, 0.136, 0.083),
            (Self.rising(count: 3_000, start: 80, rise: 60), 2.967923108193, 0.089, 0.13),
            (Self.shuffled(count: 3_000), -0.161596793849, 0.126, 0.116),
        ]
        for (labels, z, first, last) in cases {
            let drift = try #require(RowOrderDrift(labels: labels))
            #expect(abs(drift.z - z) < 1e-9, "z = \(drift.z), scipy says \(z)")
            #expect(abs(drift.firstThirdRate - first) < 1e-12)
            #expect(abs(drift.lastThirdRate - last) < 1e-12)
        }
    }

    @Test func onlyAStrongTrendIsFlagged() throws {
        let strong = try #require(RowOrderDrift(labels: Self.rising(count: 6_000, start: 70, rise: 80)))
        #expect(strong.isFlagged)
        #expect(strong.warning == "ROW ORDER DRIFT: the conversion rate moves with row order (first third 8.3%, "
            + "last third 13.6%, z = 5.5): if the export is sorted by time, set `split: row_order` in contract.yaml "
            + "so validation and test are the latest rows")
        let falling = try #require(RowOrderDrift(labels: Self.rising(count: 6_000, start: 70, rise: 80).reversed()))
        #expect(falling.isFlagged)
        #expect(falling.warning.contains("(first third 13.6%, last third 8.3%, z = -5.5)"))
        // Just under the threshold, and an order-free sequence: not flagged.
        #expect(try #require(RowOrderDrift(labels: Self.rising(count: 3_000, start: 80, rise: 60))).isFlagged == false)
        #expect(try #require(RowOrderDrift(labels: Self.shuffled(count: 3_000))).isFlagged == false)
        // Nothing to test: one class, or too few rows.
        #expect(RowOrderDrift(labels: Array(repeating: false, count: 100)) == nil)
        #expect(RowOrderDrift(labels: [true, false]) == nil)
    }

    /// A snapshot of `labels` as an undated export (`Seq,Won`), split as `split:` says.
    func snapshot(_ labels: [Bool], split: String?) throws -> SnapshotManifest {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let yaml = RowOrderSplitTests.undatedYAML(split: split)
        let csv = directory.appendingPathComponent("Lead.csv")
        try writeText((["Seq,Won"] + labels.enumerated().map { "\($0),\($1 ? "Yes" : "No")" }).joined(separator: "\n"), to: csv)
        let request = SnapshotRequest(source: CSVFileSource(url: csv), contract: try ContractLoader.parse(yaml), contractText: yaml)
        return try SnapshotBuilder.build(request, to: directory.appendingPathComponent("snap"))
    }

    @Test func aRandomSplitOfADriftingExportIsFlagged() throws {
        let manifest = try snapshot(Self.rising(count: 6_000, start: 70, rise: 80), split: nil)
        #expect(manifest.split.method == "stratified_random_v2")
        let drift = try #require(manifest.split.rowOrderDrift)
        #expect(abs(drift.z - 5.544412728438) < 1e-9)
        let warning = try #require(manifest.warnings.first { $0.hasPrefix("ROW ORDER DRIFT") })
        #expect(warning.contains("(first third 8.3%, last third 13.6%, z = 5.5)"))
        #expect(warning.contains("set `split: row_order` in contract.yaml"))
    }

    @Test func aShuffledExportIsRecordedButNotFlagged() throws {
        let manifest = try snapshot(Self.shuffled(count: 3_000), split: "random")
        let drift = try #require(manifest.split.rowOrderDrift)
        #expect(abs(drift.z - -0.161596793849) < 1e-9)
        #expect(!manifest.warnings.contains { $0.hasPrefix("ROW ORDER DRIFT") })
    }

    @Test func aSplitByRowOrderNeedsNoCheck() throws {
        let manifest = try snapshot(Self.rising(count: 6_000, start: 70, rise: 80), split: "row_order")
        #expect(manifest.split.method == "row_order_fractions")
        #expect(manifest.split.rowOrderDrift == nil)
        #expect(!manifest.warnings.contains { $0.hasPrefix("ROW ORDER DRIFT") })
    }

    @Test func manifestsWithoutTheCheckStillDecode() throws {
        let old = #"{"method": "stratified_random", "validationStart": null}"#
        let summary = try JSONDecoder().decode(SnapshotManifest.SplitSummary.self, from: Data(old.utf8))
        #expect(summary.rowOrderDrift == nil)
        #expect(summary.method == "stratified_random")
        // A summary without the check writes no key, so older snapshots keep their content ids.
        let encoded = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        #expect(!encoded.contains("rowOrderDrift"))
    }
}
