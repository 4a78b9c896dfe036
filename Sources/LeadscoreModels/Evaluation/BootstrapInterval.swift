import Foundation

/// 95% percentile bootstrap intervals for ROC AUC and top-decile lift, fast enough for 300k validation
/// rows × 200 resamples.
///
/// A classic bootstrap draws n row indices per resample and re-sorts them: O(n log n) each time. The
/// Poisson bootstrap instead gives every row an independent Poisson(1) count of copies — the large-n limit
/// of the multinomial counts — so the rows are sorted by score **once**, and each resample is one O(n)
/// pass: a weighted rank-sum for the AUC and a walk down the ranking for the lift. Counts come from a
/// seeded SplitMix64 stream, so the same rows and seed always give the same intervals.
public enum BootstrapInterval {
    /// Percentile intervals (2.5% and 97.5%); `nil` when `samples` is 0 or no resample defines the metric
    /// (a resample with one class has no AUC; one without positives has no lift).
    public static func intervals(
        probabilities: [Double], labels: [Bool], samples: Int, seed: UInt64
    ) -> (rocAUC: Interval?, topDecileLift: Interval?) {
        precondition(probabilities.count == labels.count, "one label per probability")
        guard samples > 0, !probabilities.isEmpty else { return (nil, nil) }
        let rows = RankedRows(probabilities: probabilities, labels: labels)
        var random = SplitMix64(seed: seed)
        var weights = [Int](repeating: 0, count: probabilities.count)
        var aucs: [Double] = [], lifts: [Double] = []
        for _ in 0..<samples {
            for index in weights.indices { weights[index] = random.poissonOne() }
            if let auc = weightedROCAUC(rows, weights: weights) { aucs.append(auc) }
            if let lift = weightedTopDecileLift(rows, weights: weights) { lifts.append(lift) }
        }
        return (percentileInterval(aucs), percentileInterval(lifts))
    }

    /// Rows in `BinaryMetrics.descendingOrder`, with where each run of tied scores starts.
    struct RankedRows {
        let labels: [Bool]
        /// Start positions of tie groups, plus `labels.count` as a final end marker.
        let groupBounds: [Int]

        init(probabilities: [Double], labels: [Bool]) {
            let order = BinaryMetrics.descendingOrder(probabilities)
            self.labels = order.map { labels[$0] }
            groupBounds = order.indices.filter { $0 == 0 || probabilities[order[$0]] != probabilities[order[$0 - 1]] }
                + [order.count]
        }
    }

    /// ROC AUC of the rows counted `weights` times each: the Mann–Whitney rank sum where a tie group of
    /// total weight W after C lower-ranked copies has average rank C + (W + 1)/2. With unit weights this is
    /// the same arithmetic as `ROCAUC.compute`, so it returns the identical value.
    static func weightedROCAUC(_ rows: RankedRows, weights: [Int]) -> Double? {
        var rankSumOfPositives = 0.0, positives = 0, negatives = 0
        for group in stride(from: rows.groupBounds.count - 2, through: 0, by: -1) {
            var groupPositives = 0, groupNegatives = 0
            for position in rows.groupBounds[group]..<rows.groupBounds[group + 1] {
                if rows.labels[position] { groupPositives += weights[position] } else { groupNegatives += weights[position] }
            }
            let below = Double(positives + negatives), groupWeight = Double(groupPositives + groupNegatives)
            rankSumOfPositives += Double(groupPositives) * (below + (groupWeight + 1) / 2)
            positives += groupPositives
            negatives += groupNegatives
        }
        guard positives > 0, negatives > 0 else { return nil }
        let p = Double(positives), n = Double(negatives)
        return (rankSumOfPositives - p * (p + 1) / 2) / (p * n)
    }

    /// Lift of the top tenth of the total weight in score order (`total / 10` copies, the last row
    /// partly) over the overall positive rate. With unit weights: decile 1 of `BinaryMetrics.liftByDecile`.
    static func weightedTopDecileLift(_ rows: RankedRows, weights: [Int]) -> Double? {
        var total = 0, positives = 0
        for (label, weight) in zip(rows.labels, weights) {
            total += weight
            if label { positives += weight }
        }
        let target = total / 10
        guard positives > 0, target > 0 else { return nil }
        var taken = 0, takenPositives = 0, position = 0
        while taken < target {
            let copies = min(weights[position], target - taken)
            taken += copies
            if rows.labels[position] { takenPositives += copies }
            position += 1
        }
        return (Double(takenPositives) / Double(target)) / (Double(positives) / Double(total))
    }

    /// 2.5th and 97.5th percentiles with linear interpolation between order statistics (numpy's default).
    static func percentileInterval(_ values: [Double]) -> Interval? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        func percentile(_ fraction: Double) -> Double {
            let position = fraction * Double(sorted.count - 1)
            let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
            return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
        }
        return Interval(lower: percentile(0.025), upper: percentile(0.975))
    }

    /// SplitMix64 (Steele, Lea & Flood 2014): one 64-bit state, passes BigCrush, and its arithmetic is fixed
    /// here, so intervals do not change with Swift's own random algorithms.
    struct SplitMix64 {
        private var state: UInt64
        /// P(K ≤ k) for K ~ Poisson(1), k = 0...19; the chance of 20 or more is below 10⁻¹⁸.
        private static let poissonOneCumulative: [Double] = {
            var term = exp(-1.0), total = 0.0
            return (0..<20).map { k in
                if k > 0 { term /= Double(k) }
                total += term
                return total
            }
        }()

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A Poisson(1) count by inversion: the first k whose cumulative probability exceeds a uniform draw.
        mutating func poissonOne() -> Int {
            let uniform = Double(next() >> 11) * 0x1.0p-53
            var count = 0
            while count < 19, uniform >= Self.poissonOneCumulative[count] { count += 1 }
            return count
        }
    }
}
