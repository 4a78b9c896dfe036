/// ROC and precision–recall curves for the model card's plots.
///
/// Both curves have one point per distinct score (ties move together, as in scikit-learn's
/// `roc_curve(drop_intermediate=False)` and `precision_recall_curve`), which is hundreds of thousands of
/// points on a real validation set; `maxPoints` thins them evenly for plotting while keeping the first
/// and last points, so the curve still starts and ends where it should.
public enum Curves {
    /// x = false-positive rate, y = true-positive rate, from (0, 0) to (1, 1) as the threshold falls.
    /// Empty when only one class is present (the rates are undefined).
    public static func roc(probabilities: [Double], labels: [Bool], maxPoints: Int = 101) -> [CurvePoint] {
        let counts = thresholdCounts(probabilities: probabilities, labels: labels)
        guard let last = counts.last, last.truePositives > 0, last.falsePositives > 0 else { return [] }
        let positives = Double(last.truePositives), negatives = Double(last.falsePositives)
        let points = [CurvePoint(x: 0, y: 0)] + counts.map { count in
            CurvePoint(x: Double(count.falsePositives) / negatives, y: Double(count.truePositives) / positives)
        }
        return downsample(points, maxPoints: maxPoints)
    }

    /// x = recall, y = precision, starting at scikit-learn's anchor (recall 0, precision 1) and then one
    /// point per distinct score from the highest down. Empty when there are no positives.
    public static func precisionRecall(probabilities: [Double], labels: [Bool], maxPoints: Int = 101) -> [CurvePoint] {
        let points = precisionRecallPoints(probabilities: probabilities, labels: labels)
        return downsample(points, maxPoints: maxPoints)
    }

    /// The full precision–recall curve, which average precision sums over.
    static func precisionRecallPoints(probabilities: [Double], labels: [Bool]) -> [CurvePoint] {
        let counts = thresholdCounts(probabilities: probabilities, labels: labels)
        guard let last = counts.last, last.truePositives > 0 else { return [] }
        let positives = Double(last.truePositives)
        return [CurvePoint(x: 0, y: 1)] + counts.map { count in
            let predicted = Double(count.truePositives + count.falsePositives)
            return CurvePoint(x: Double(count.truePositives) / positives, y: Double(count.truePositives) / predicted)
        }
    }

    /// Cumulative true and false positives when every row scoring at least each distinct score is
    /// called positive, from the highest score down (scikit-learn's `_binary_clf_curve`).
    static func thresholdCounts(probabilities: [Double], labels: [Bool]) -> [(truePositives: Int, falsePositives: Int)] {
        precondition(probabilities.count == labels.count, "one label per probability")
        let order = BinaryMetrics.descendingOrder(probabilities)
        var counts: [(truePositives: Int, falsePositives: Int)] = []
        var truePositives = 0, falsePositives = 0
        for (position, row) in order.enumerated() {
            if labels[row] { truePositives += 1 } else { falsePositives += 1 }
            let isLastOfTie = position + 1 == order.count || probabilities[order[position + 1]] != probabilities[row]
            if isLastOfTie { counts.append((truePositives, falsePositives)) }
        }
        return counts
    }

    /// At most `maxPoints` points at evenly spaced positions, always including the first and last.
    static func downsample(_ points: [CurvePoint], maxPoints: Int) -> [CurvePoint] {
        precondition(maxPoints >= 2, "a curve needs its two end points")
        guard points.count > maxPoints else { return points }
        let span = Double(points.count - 1) / Double(maxPoints - 1)
        return (0..<maxPoints).map { step in points[Int((Double(step) * span).rounded())] }
    }
}
