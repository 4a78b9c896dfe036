import Foundation
@testable import LeadscoreData
@testable import LeadscoreModels
import LeadscoreMonitoring
import Testing

/// PSI and the Jensen–Shannon divergence against numpy / SciPy (scripts/fixtures/make_monitoring_fixtures.py),
/// and the per-field drift a monitor pass reports.
struct DriftMeasuresTests {
    @Test(arguments: MonitoringFixtures.driftCaseNames)
    func psiAndJensenShannonMatchNumpyAndSciPy(caseName: String) throws {
        let reference = try MonitoringFixtures.drift(caseName)
        let psi = DriftMeasures.psi(expected: reference.expected, actual: reference.actual)
        let divergence = DriftMeasures.jensenShannon(reference.expected, reference.actual)
        #expect(abs(psi - reference.numpy_psi) < 1e-12, "\(caseName): PSI \(psi) vs numpy \(reference.numpy_psi)")
        #expect(abs(divergence - reference.scipy_js_divergence) < 1e-12,
                "\(caseName): JS \(divergence) vs SciPy \(reference.scipy_js_divergence)")
        // Both are symmetric in their two distributions.
        #expect(abs(DriftMeasures.psi(expected: reference.actual, actual: reference.expected) - psi) < 1e-12)
        #expect(abs(DriftMeasures.jensenShannon(reference.actual, reference.expected) - divergence) < 1e-12)
    }

    @Test func fixtureCasesSpanTheConventions() throws {
        #expect(try MonitoringFixtures.drift("identical").numpy_psi == 0)
        #expect(DriftMeasures.jensenShannon([0.5, 0.5, 0, 0], [0, 0, 0.3, 0.7]) == 1)
        // The empty bins are where the epsilon floor matters: without it PSI would be infinite.
        let emptyBins = try MonitoringFixtures.drift("empty_bins")
        #expect(DriftMeasures.psi(expected: emptyBins.expected, actual: emptyBins.actual).isFinite)
        #expect(DriftMeasures.psi(expected: emptyBins.expected, actual: emptyBins.actual, epsilon: 1e-6)
                > DriftMeasures.psi(expected: emptyBins.expected, actual: emptyBins.actual))
        #expect(try MonitoringFixtures.drift("shifted_normal").numpy_psi > 0.25, "the shifted normal is a major shift")
    }

    /// Worked by hand: expected (0.5, 0.5), actual (0.25, 0.75).
    /// PSI = (0.25 − 0.5)·ln(0.25/0.5) + (0.75 − 0.5)·ln(0.75/0.5) = 0.25·ln 2 + 0.25·ln 1.5 = 0.25·ln 3 ≈ 0.274653.
    /// JS: m = (0.375, 0.625); KL(p‖m) = 0.5·log₂(4/3) + 0.5·log₂(4/5) = 0.5·log₂(16/15) ≈ 0.0465547;
    /// KL(q‖m) = 0.25·log₂(2/3) + 0.75·log₂(6/5) ≈ −0.1462406 + 0.1972758 = 0.0510352;
    /// JS = (0.0465547 + 0.0510352) / 2 ≈ 0.0487949.
    @Test func handComputedCase() {
        #expect(abs(DriftMeasures.psi(expected: [0.5, 0.5], actual: [0.25, 0.75]) - 0.25 * log(3)) < 1e-15)
        #expect(abs(DriftMeasures.jensenShannon([0.5, 0.5], [0.25, 0.75]) - 0.0487949407) < 1e-10)
    }

    @Test func jensenShannonNormalisesCountsAsSciPyDoes() {
        let shares = DriftMeasures.jensenShannon([0.2, 0.3, 0.5], [0.5, 0.25, 0.25])
        #expect(abs(DriftMeasures.jensenShannon([2, 3, 5], [40, 20, 20]) - shares) < 1e-15)
    }

    /// The whole path on the shifted normal: baseline edges from the training values, current values
    /// binned one by one, counted, measured — every figure as numpy computed it.
    @Test func fieldDriftOfTheShiftedNormalMatchesNumpy() throws {
        let reference = try MonitoringFixtures.drift("shifted_normal")
        let trainingValues = try #require(reference.baseline_values).map { $0 ?? .nan }
        let table = LeadTable(rowCount: trainingValues.count,
                              columns: [("AnnualRevenue", .numeric(NumericColumn(type: .number, values: trainingValues)))])
        let baseline = try MonitoringBaseline.build(
            table: table, rows: Array(trainingValues.indices), fields: ["AnnualRevenue"], probabilities: [0.5], tiers: { _ in "B" })
        let field = try #require(baseline.field(named: "AnnualRevenue"))
        #expect(field.edges == reference.edges)
        #expect(field.shares == reference.expected)

        var counts = BinCounts(for: field)
        var outOfRange = 0
        for value in try #require(reference.current_values) {
            let fieldValue: FieldValue = value.map { .number($0) } ?? .missing
            counts.add(bin: field.bin(fieldValue))
            if field.isOutOfRange(fieldValue) { outOfRange += 1 }
        }
        #expect(counts.counts == reference.current_counts)
        let drift = try #require(FieldDrift.measure(baseline: field, counts: counts, unseen: 0, outOfRange: outOfRange))
        #expect(abs(drift.psi - reference.numpy_psi) < 1e-12)
        #expect(abs(drift.jensenShannon - reference.scipy_js_divergence) < 1e-12)
        #expect(drift.rows == reference.current_values?.count)
        #expect(drift.nullRate == reference.actual.last)
        #expect(drift.baselineNullRate == reference.expected.last)
        #expect(drift.outOfRangeShare > 0 && drift.outOfRangeShare == Double(outOfRange) / Double(drift.rows))
        #expect(drift.shares == reference.actual)
    }

    @Test func binCountsIgnoreBinsOutsideTheLayout() {
        var counts = BinCounts(binCount: 3)
        for bin in [0, 2, 2, 3, -1, 1] { counts.add(bin: bin) }
        #expect(counts.counts == [1, 1, 2])
        #expect(counts.ignored == 2)
        #expect(counts.total == 4)
        #expect(counts.shares == [0.25, 0.25, 0.5])
        #expect(BinCounts(binCount: 2).shares == [0, 0])
    }

    @Test func fieldDriftReportsQualitySharesAndNothingWithoutValues() throws {
        let field = FieldBaseline(name: "LeadSource", kind: .categorical, levels: ["Web", "Event"], knownValues: ["Event", "Referral", "Web"],
                                  knownValuesComplete: true, shares: [0.5, 0.3, 0.1, 0.1], nullRate: 0.1)
        var counts = BinCounts(for: field)
        #expect(FieldDrift.measure(baseline: field, counts: counts, unseen: 0, outOfRange: 0) == nil)

        var unseen = 0
        let values: [FieldValue] = [.text("Web"), .text("Web"), .text("Referral"), .text("Podcast"), .text("Podcast"), .missing, .missing, .text("")]
        for value in values {
            counts.add(bin: field.bin(value))
            if field.isUnseen(value) { unseen += 1 }
        }
        let drift = try #require(FieldDrift.measure(baseline: field, counts: counts, unseen: unseen, outOfRange: 0))
        #expect(drift.field == "LeadSource")
        #expect(drift.rows == 8)
        #expect(drift.shares == [0.25, 0, 0.375, 0.375])
        #expect(drift.nullRate == 0.375)
        #expect(drift.baselineNullRate == 0.1)
        #expect(drift.unseenShare == 0.25, "Podcast twice: never seen; Referral was seen and only pooled")
        #expect(drift.outOfRangeShare == 0)
        #expect(abs(drift.psi - DriftMeasures.psi(expected: field.shares, actual: drift.shares)) < 1e-15)
        #expect(drift.psi > 0.25)
    }
}
