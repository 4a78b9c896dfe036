import Foundation
import LeadscoreData

/// What the refit changed on the test leads: the refitted model's figure minus the champion's, with
/// paired 95% bootstrap intervals.
///
/// Both models are scored on the same resampled leads in each draw (one Poisson(1) count per lead,
/// applied to both rankings), so the interval measures the difference alone rather than the much
/// wider noise of either figure: an interval that straddles 0 means the gain is not distinguishable
/// from chance on this test slice. The test leads chose nothing — the champion, its settings and the
/// refit were all fixed before — so these differences are reported, never used to decide.
public struct RefitGain: Sendable, Codable, Equatable {
    /// ROC AUC after − before; positive is better. `nil` when the test slice has one class only.
    public var rocAUC: Double?
    public var rocAUCInterval: Interval?
    /// Log loss after − before; negative is better.
    public var logLoss: Double
    public var logLossInterval: Interval?
    /// Expected calibration error after − before; negative is better.
    public var ece: Double

    public init(rocAUC: Double?, rocAUCInterval: Interval?, logLoss: Double, logLossInterval: Interval?, ece: Double) {
        self.rocAUC = rocAUC
        self.rocAUCInterval = rocAUCInterval
        self.logLoss = logLoss
        self.logLossInterval = logLossInterval
        self.ece = ece
    }

    /// The differences between two sets of probabilities for the same leads and outcomes.
    static func measure(before: [Double], after: [Double], labels: [Bool], samples: Int = 200, seed: UInt64 = 42) -> RefitGain {
        precondition(before.count == labels.count && after.count == labels.count && !labels.isEmpty,
                     "one probability per lead from each model")
        let aucBefore = ROCAUC.compute(scores: before, labels: labels)
        let aucAfter = ROCAUC.compute(scores: after, labels: labels)
        let lossDifferences = zip(rowLogLosses(after, labels), rowLogLosses(before, labels)).map { $0 - $1 }
        let rankedBefore = BootstrapInterval.RankedRows(probabilities: before, labels: labels)
        let rankedAfter = BootstrapInterval.RankedRows(probabilities: after, labels: labels)
        let orderBefore = BinaryMetrics.descendingOrder(before), orderAfter = BinaryMetrics.descendingOrder(after)
        var random = BootstrapInterval.SplitMix64(seed: seed)
        var weights = [Int](repeating: 0, count: labels.count)
        var aucGains: [Double] = [], lossChanges: [Double] = []
        for _ in 0..<samples {
            for lead in weights.indices { weights[lead] = random.poissonOne() }
            let total = weights.reduce(0, +)
            guard total > 0 else { continue }
            if let after = BootstrapInterval.weightedROCAUC(rankedAfter, weights: orderAfter.map { weights[$0] }),
               let before = BootstrapInterval.weightedROCAUC(rankedBefore, weights: orderBefore.map { weights[$0] }) {
                aucGains.append(after - before)
            }
            var change = 0.0
            for (difference, weight) in zip(lossDifferences, weights) { change += difference * Double(weight) }
            lossChanges.append(change / Double(total))
        }
        return RefitGain(
            rocAUC: aucAfter.flatMap { after in aucBefore.map { after - $0 } },
            rocAUCInterval: BootstrapInterval.percentileInterval(aucGains),
            logLoss: lossDifferences.reduce(0, +) / Double(labels.count),
            logLossInterval: BootstrapInterval.percentileInterval(lossChanges),
            ece: BinaryMetrics.expectedCalibrationError(probabilities: after, labels: labels)
                - BinaryMetrics.expectedCalibrationError(probabilities: before, labels: labels))
    }

    /// Each lead's log loss, clipped as `BinaryMetrics.logLoss` clips it, so their mean is that metric.
    private static func rowLogLosses(_ probabilities: [Double], _ labels: [Bool]) -> [Double] {
        let epsilon = Double.ulpOfOne
        return zip(probabilities, labels).map { probability, label in
            -log(min(max(label ? probability : 1 - probability, epsilon), 1 - epsilon))
        }
    }
}
