import Foundation
import LeadscoreData
import Testing
@testable import LeadscoreModels

/// The Poisson bootstrap behind `MetricSet`'s intervals.
struct BootstrapTests {
    @Test(arguments: MetricsFixture.caseNames)
    func unitWeightsGiveThePointEstimatesExactly(caseName: String) throws {
        let data = try MetricsFixture.load(caseName)
        let rows = BootstrapInterval.RankedRows(probabilities: data.probabilities, labels: data.outcomes)
        let ones = [Int](repeating: 1, count: data.probabilities.count)
        #expect(BootstrapInterval.weightedROCAUC(rows, weights: ones) == ROCAUC.compute(scores: data.probabilities, labels: data.outcomes))
        let lift = BinaryMetrics.liftByDecile(probabilities: data.probabilities, labels: data.outcomes)
        #expect(BootstrapInterval.weightedTopDecileLift(rows, weights: ones) == lift[0].lift)
    }

    @Test func weightsCountAsCopiesOfRows() {
        // Weight 2 on a row is the same as listing it twice; weight 0 is the same as leaving it out.
        let probabilities = [0.9, 0.7, 0.7, 0.4, 0.2, 0.1], labels = [true, false, true, false, true, false]
        let rows = BootstrapInterval.RankedRows(probabilities: probabilities, labels: labels)
        let weighted = BootstrapInterval.weightedROCAUC(rows, weights: [2, 1, 0, 1, 1, 3])
        let copies = ROCAUC.compute(
            scores: [0.9, 0.9, 0.7, 0.4, 0.2, 0.1, 0.1, 0.1], labels: [true, true, false, false, true, false, false, false])
        #expect(weighted == copies)
    }

    @Test func sameSeedSameIntervals() throws {
        let data = try MetricsFixture.load("realistic")
        let first = BootstrapInterval.intervals(probabilities: data.probabilities, labels: data.outcomes, samples: 100, seed: 9)
        let again = BootstrapInterval.intervals(probabilities: data.probabilities, labels: data.outcomes, samples: 100, seed: 9)
        let other = BootstrapInterval.intervals(probabilities: data.probabilities, labels: data.outcomes, samples: 100, seed: 10)
        #expect(first.rocAUC == again.rocAUC && first.topDecileLift == again.topDecileLift)
        #expect(first.rocAUC != other.rocAUC)
    }

    @Test func intervalsContainThePointEstimates() throws {
        let data = try MetricsFixture.load("realistic")
        let intervals = BootstrapInterval.intervals(probabilities: data.probabilities, labels: data.outcomes, samples: 200, seed: 42)
        let auc = try #require(ROCAUC.compute(scores: data.probabilities, labels: data.outcomes))
        let lift = BinaryMetrics.liftByDecile(probabilities: data.probabilities, labels: data.outcomes)[0].lift
        let aucInterval = try #require(intervals.rocAUC), liftInterval = try #require(intervals.topDecileLift)
        #expect(aucInterval.contains(auc) && aucInterval.lower < aucInterval.upper)
        #expect(liftInterval.contains(lift) && liftInterval.lower < liftInterval.upper)
    }

    @Test func intervalsNarrowAsRowsGrow() throws {
        func widths(rows: Int) throws -> (auc: Double, lift: Double) {
            let data = logisticRows(count: rows, seed: 21)
            let intervals = BootstrapInterval.intervals(probabilities: data.probabilities, labels: data.labels, samples: 100, seed: 1)
            let auc = try #require(intervals.rocAUC), lift = try #require(intervals.topDecileLift)
            return (auc.upper - auc.lower, lift.upper - lift.lower)
        }
        let small = try widths(rows: 500), large = try widths(rows: 20_000)
        // Width falls like 1/√n: 40× the rows should be several times narrower.
        #expect(large.auc < small.auc / 3)
        #expect(large.lift < small.lift / 3)
    }

    @Test func poissonWeightsHaveMeanAndVarianceOne() {
        var random = BootstrapInterval.SplitMix64(seed: 123)
        let draws = (0..<200_000).map { _ in Double(random.poissonOne()) }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count)
        #expect(abs(mean - 1) < 0.01 && abs(variance - 1) < 0.02)
    }

    @Test func percentileIntervalInterpolatesLikeNumpy() throws {
        // numpy.percentile(range(1, 201), [2.5, 97.5]) == [5.975, 195.025]
        let interval = try #require(BootstrapInterval.percentileInterval((1...200).map(Double.init).reversed()))
        #expect(abs(interval.lower - 5.975) < 1e-12 && abs(interval.upper - 195.025) < 1e-12)
        #expect(BootstrapInterval.percentileInterval([]) == nil)
    }
}
