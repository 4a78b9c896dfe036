import Foundation

/// Whether the conversion rate moves with row order: the sign that a random split is hiding drift.
///
/// Without a creation time the split is random, so train, validation and test each mix every part
/// of the export. Many exports are sorted by time even without a date column, and when conversion
/// drifts over time, a random split chooses and judges the model on a blend of all periods instead
/// of on the latest one. The rows' order is all there is to go on, so this asks whether the label
/// depends on it.
///
/// The test is the Mann–Whitney U (Wilcoxon rank-sum) test of the positives' row positions against
/// the negatives', two-sided, with the normal approximation: the rank correlation between row
/// position and label is zero exactly when U sits at its mean. Positions are the ranks themselves
/// (1…n, all distinct), so there are no ties to correct for:
///
///     R = Σ positions of the positives      U = R − n₁(n₁ + 1)/2
///     z = (U − n₁n₂/2) / √(n₁n₂(n + 1)/12)
///
/// with n₁ positives, n₂ negatives and n = n₁ + n₂. A positive z means positives sit later in the
/// file (the rate rises with row order). No continuity correction: with thousands of rows it
/// changes z by a negligible amount, and the threshold is what guards against chance.
public struct RowOrderDrift: Sendable, Codable, Equatable {
    /// |z| at or above this flags the snapshot. Three standard errors: a chance finding in about one
    /// export in 370 when the order carries no information, so a shuffled export is rarely flagged.
    public static let threshold = 3.0

    /// The rank-sum z statistic (positive: conversions concentrate in later rows).
    public var z: Double
    /// Conversion rate of the first and last third of the rows (thirds of `count / 3` rows each).
    public var firstThirdRate: Double
    public var lastThirdRate: Double

    public init(z: Double, firstThirdRate: Double, lastThirdRate: Double) {
        self.z = z
        self.firstThirdRate = firstThirdRate
        self.lastThirdRate = lastThirdRate
    }

    /// The test over labels in row order; `nil` when it says nothing: fewer than three rows, or
    /// only one class.
    public init?(labels: [Bool]) {
        let count = labels.count
        var positives = 0, positionSum = 0
        for (index, label) in labels.enumerated() where label {
            positives += 1
            positionSum += index + 1
        }
        let negatives = count - positives
        guard count >= 3, positives > 0, negatives > 0 else { return nil }
        let (n1, n2) = (Double(positives), Double(negatives))
        let u = Double(positionSum) - n1 * (n1 + 1) / 2
        let standardError = (n1 * n2 * Double(count + 1) / 12).squareRoot()
        let third = count / 3
        func rate(_ rows: ArraySlice<Bool>) -> Double { Double(rows.filter { $0 }.count) / Double(rows.count) }
        self.init(z: (u - n1 * n2 / 2) / standardError,
                  firstThirdRate: rate(labels.prefix(third)), lastThirdRate: rate(labels.suffix(third)))
    }

    /// Whether the order matters enough to tell the user.
    public var isFlagged: Bool { abs(z) >= Self.threshold }

    /// The snapshot warning: what was seen and the contract change that makes the split follow it.
    public var warning: String {
        func percent(_ rate: Double) -> String { String(format: "%.1f%%", rate * 100) }
        return "ROW ORDER DRIFT: the conversion rate moves with row order (first third \(percent(firstThirdRate)), "
            + "last third \(percent(lastThirdRate)), z = \(String(format: "%.1f", z))): if the export is sorted by time, "
            + "set `split: row_order` in contract.yaml so validation and test are the latest rows"
    }
}
