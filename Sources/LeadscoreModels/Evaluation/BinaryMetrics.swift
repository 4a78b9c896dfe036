import Foundation
import LeadscoreData

/// Metrics of predicted conversion probabilities against what happened, each defined as scikit-learn
/// (or, where scikit-learn has no such function, numpy in `scripts/fixtures/make_model_fixtures.py`)
/// computes it, so numbers in a model card can be checked by anyone with Python.
public enum BinaryMetrics {
    /// Every metric of `MetricSet` in one call, plus bootstrap intervals
    /// (`bootstrapSamples: 0` skips them).
    public static func evaluate(
        probabilities: [Double], labels: [Bool], bootstrapSamples: Int = 200, seed: UInt64 = 42,
        topFractions: [Double] = [0.01, 0.05, 0.1, 0.2]
    ) -> MetricSet {
        precondition(probabilities.count == labels.count, "one label per probability")
        let positives = labels.lazy.filter { $0 }.count
        let lift = liftByDecile(probabilities: probabilities, labels: labels)
        let intervals = BootstrapInterval.intervals(
            probabilities: probabilities, labels: labels, samples: bootstrapSamples, seed: seed)
        return MetricSet(
            rows: probabilities.count,
            positives: positives,
            rocAUC: ROCAUC.compute(scores: probabilities, labels: labels),
            prAUC: averagePrecision(probabilities: probabilities, labels: labels),
            brier: brier(probabilities: probabilities, labels: labels),
            logLoss: logLoss(probabilities: probabilities, labels: labels),
            ece: expectedCalibrationError(probabilities: probabilities, labels: labels),
            topDecileLift: positives > 0 && lift[0].count > 0 ? lift[0].lift : nil,
            rocAUCInterval: intervals.rocAUC,
            topDecileLiftInterval: intervals.topDecileLift,
            lift: lift,
            reliability: reliability(probabilities: probabilities, labels: labels),
            topK: topK(probabilities: probabilities, labels: labels, fractions: topFractions)
        )
    }

    /// Area under the precision–recall curve as scikit-learn's `average_precision_score`: Σ (Rₖ − Rₖ₋₁)·Pₖ
    /// over distinct scores, no interpolation. `nil` when there are no positives.
    public static func averagePrecision(probabilities: [Double], labels: [Bool]) -> Double? {
        let points = Curves.precisionRecallPoints(probabilities: probabilities, labels: labels)
        guard points.count > 1 else { return nil }
        var area = 0.0
        for index in 1..<points.count { area += (points[index].x - points[index - 1].x) * points[index].y }
        return area
    }

    /// Mean squared difference between probability and outcome (scikit-learn's `brier_score_loss`).
    public static func brier(probabilities: [Double], labels: [Bool]) -> Double {
        precondition(probabilities.count == labels.count && !labels.isEmpty, "one label per probability, at least one row")
        var total = 0.0
        for (probability, label) in zip(probabilities, labels) {
            let error = probability - (label ? 1 : 0)
            total += error * error
        }
        return total / Double(labels.count)
    }

    /// Mean negative log-likelihood (scikit-learn's `log_loss`). Like scikit-learn ≥ 1.5, the probability of
    /// the observed class is clipped to [ε, 1 − ε] with ε = `Double.ulpOfOne`, so a confident miss costs
    /// about 36 rather than infinity.
    public static func logLoss(probabilities: [Double], labels: [Bool]) -> Double {
        precondition(probabilities.count == labels.count && !labels.isEmpty, "one label per probability, at least one row")
        let epsilon = Double.ulpOfOne
        var total = 0.0
        for (probability, label) in zip(probabilities, labels) {
            let observed = label ? probability : 1 - probability
            total -= log(min(max(observed, epsilon), 1 - epsilon))
        }
        return total / Double(labels.count)
    }

    /// Expected calibration error: Σ (count_b / n)·|mean p_b − positive rate_b| over equal-width bins,
    /// bin index `min(Int(p · bins), bins − 1)` (so a probability on an edge goes to the upper bin).
    public static func expectedCalibrationError(probabilities: [Double], labels: [Bool], bins: Int = 10) -> Double {
        precondition(probabilities.count == labels.count && !labels.isEmpty, "one label per probability, at least one row")
        var counts = [Int](repeating: 0, count: bins), sums = [Double](repeating: 0, count: bins)
        var positives = [Int](repeating: 0, count: bins)
        for (probability, label) in zip(probabilities, labels) {
            let bin = min(Int(probability * Double(bins)), bins - 1)
            counts[bin] += 1
            sums[bin] += probability
            if label { positives[bin] += 1 }
        }
        var error = 0.0
        for bin in 0..<bins where counts[bin] > 0 {
            let count = Double(counts[bin])
            error += count / Double(labels.count) * abs(sums[bin] / count - Double(positives[bin]) / count)
        }
        return error
    }

    /// Reliability diagram as scikit-learn's `calibration_curve(strategy="uniform")`: edges `i · (1 / bins)`
    /// (numpy's `linspace`, so 0.3 lies just below the edge 0.30000000000000004), a probability in the bin
    /// with `lower < p ≤ upper` (the first bin also holds 0, the last holds 1). Empty bins are left out.
    public static func reliability(probabilities: [Double], labels: [Bool], bins: Int = 10) -> [ReliabilityBin] {
        precondition(probabilities.count == labels.count, "one label per probability")
        let step = 1.0 / Double(bins)
        let edges = (0...bins).map { $0 == bins ? 1.0 : Double($0) * step }
        var counts = [Int](repeating: 0, count: bins), sums = [Double](repeating: 0, count: bins)
        var positives = [Int](repeating: 0, count: bins)
        for (probability, label) in zip(probabilities, labels) {
            var bin = min(max(Int(probability * Double(bins)), 0), bins - 1)
            while bin > 0, probability <= edges[bin] { bin -= 1 }
            while bin < bins - 1, probability > edges[bin + 1] { bin += 1 }
            counts[bin] += 1
            sums[bin] += probability
            if label { positives[bin] += 1 }
        }
        return (0..<bins).filter { counts[$0] > 0 }.map { bin in
            let count = Double(counts[bin])
            return ReliabilityBin(
                lower: edges[bin], upper: edges[bin + 1], count: counts[bin],
                meanPredicted: sums[bin] / count, observedRate: Double(positives[bin]) / count)
        }
    }

    /// Ten deciles of rows by score (highest first, ties by original row order); decile d (0-based) holds
    /// sorted positions `n·d/10 ..< n·(d+1)/10`, so every row is in exactly one decile.
    public static func liftByDecile(probabilities: [Double], labels: [Bool]) -> [LiftDecile] {
        precondition(probabilities.count == labels.count, "one label per probability")
        let order = descendingOrder(probabilities)
        let rows = order.count, totalPositives = labels.lazy.filter { $0 }.count
        let overallRate = rows > 0 ? Double(totalPositives) / Double(rows) : 0
        var deciles: [LiftDecile] = []
        var cumulativeCount = 0, cumulativePositives = 0
        for decile in 0..<10 {
            let chosen = order[(rows * decile / 10)..<(rows * (decile + 1) / 10)]
            let positives = chosen.lazy.filter { labels[$0] }.count
            cumulativeCount += chosen.count
            cumulativePositives += positives
            let rate = chosen.isEmpty ? 0 : Double(positives) / Double(chosen.count)
            let cumulativeRate = cumulativeCount == 0 ? 0 : Double(cumulativePositives) / Double(cumulativeCount)
            deciles.append(LiftDecile(
                decile: decile + 1, count: chosen.count, positives: positives, rate: rate,
                lift: totalPositives > 0 ? rate / overallRate : 0,
                cumulativeGain: totalPositives > 0 ? Double(cumulativePositives) / Double(totalPositives) : 0,
                cumulativeLift: totalPositives > 0 ? cumulativeRate / overallRate : 0))
        }
        return deciles
    }

    /// Precision and recall of the best-scored `max(1, ⌊fraction · n⌋)` rows for each fraction, in the
    /// order of `liftByDecile`. Empty when there are no rows.
    public static func topK(probabilities: [Double], labels: [Bool], fractions: [Double]) -> [TopKMetric] {
        precondition(probabilities.count == labels.count, "one label per probability")
        guard !probabilities.isEmpty else { return [] }
        let order = descendingOrder(probabilities)
        let totalPositives = labels.lazy.filter { $0 }.count
        return fractions.map { fraction in
            let count = min(max(1, Int((fraction * Double(order.count)).rounded(.down))), order.count)
            let positives = order[..<count].lazy.filter { labels[$0] }.count
            return TopKMetric(
                fraction: fraction, count: count, threshold: probabilities[order[count - 1]],
                precision: Double(positives) / Double(count),
                recall: totalPositives > 0 ? Double(positives) / Double(totalPositives) : 0)
        }
    }

    /// Row indices by score, highest first, ties in original row order (numpy's `argsort(-p, kind="stable")`).
    /// Every ranking metric uses this one order, so lift, top-k and the bootstrap agree on tied rows.
    static func descendingOrder(_ scores: [Double]) -> [Int] {
        scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
    }
}
