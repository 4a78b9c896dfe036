/// Isotonic calibration: the best non-decreasing step function from score to conversion rate, stored as
/// its breakpoints and read by linear interpolation between them.
///
/// It can follow any monotone shape (a plateau, a cliff) that a sigmoid cannot, at the price of many
/// parameters — which is why `CalibrationChooser` judges it out of fold.
public struct IsotonicCalibrator: Sendable, Codable, Equatable {
    /// Breakpoint scores, strictly increasing.
    public var x: [Double]
    /// Calibrated probability at each breakpoint, non-decreasing.
    public var y: [Double]

    public init(x: [Double], y: [Double]) {
        precondition(x.count == y.count && !x.isEmpty, "one probability per breakpoint, at least one")
        self.x = x
        self.y = y
    }

    /// Linear interpolation between breakpoints, clipped to the first and last outside them
    /// (scikit-learn's `interp1d` arithmetic after `np.clip`).
    public func probability(score: Double) -> Double {
        guard x.count > 1 else { return y[0] }
        let clipped = min(max(score, x[0]), x[x.count - 1])
        var low = 0, high = x.count
        while low < high {
            let middle = (low + high) / 2
            if x[middle] < clipped { low = middle + 1 } else { high = middle }
        }
        let upper = min(max(low, 1), x.count - 1), lower = upper - 1
        let slope = (y[upper] - y[lower]) / (x[upper] - x[lower])
        return slope * (clipped - x[lower]) + y[lower]
    }

    /// Fits as scikit-learn's `IsotonicRegression(increasing=True, out_of_bounds="clip", y_min=0, y_max=1)`:
    /// rows sorted by score, labels averaged over scores closer than 1e-15 to their group's first score
    /// (numpy's float64 resolution, as sklearn's `_make_unique`), pool-adjacent-violators on those means
    /// weighted by counts, then only the first and last score of each constant run kept. Means of 0/1
    /// labels already lie in [0, 1], so the bounds need no clipping. O(n log n) for the sort, O(n) after.
    public static func fit(scores: [Double], labels: [Bool]) -> IsotonicCalibrator {
        precondition(scores.count == labels.count && !scores.isEmpty, "one label per score, at least one row")
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var uniqueScores: [Double] = [], positives: [Double] = [], counts: [Double] = []
        for row in order {
            if let first = uniqueScores.last, scores[row] - first < 1e-15 {
                counts[counts.count - 1] += 1
                if labels[row] { positives[positives.count - 1] += 1 }
            } else {
                uniqueScores.append(scores[row])
                counts.append(1)
                positives.append(labels[row] ? 1 : 0)
            }
        }
        let blocks = poolAdjacentViolators(positives: positives, counts: counts)
        var x: [Double] = [], y: [Double] = []
        for block in blocks {
            let mean = block.positives / block.count
            x.append(uniqueScores[block.first])
            y.append(mean)
            if block.last > block.first {
                x.append(uniqueScores[block.last])
                y.append(mean)
            }
        }
        return IsotonicCalibrator(x: x, y: y)
    }

    /// Runs of consecutive unique scores sharing one fitted mean, strictly increasing from run to run:
    /// each new point starts a run, merged backwards while the previous run's mean is not below it.
    private static func poolAdjacentViolators(
        positives: [Double], counts: [Double]
    ) -> [(first: Int, last: Int, positives: Double, count: Double)] {
        var blocks: [(first: Int, last: Int, positives: Double, count: Double)] = []
        for index in positives.indices {
            var block = (first: index, last: index, positives: positives[index], count: counts[index])
            while let previous = blocks.last, previous.positives / previous.count >= block.positives / block.count {
                blocks.removeLast()
                block = (previous.first, block.last, previous.positives + block.positives, previous.count + block.count)
            }
            blocks.append(block)
        }
        return blocks
    }
}
