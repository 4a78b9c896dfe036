import LeadscoreData

/// The fourth candidate: logistic regression and gradient-boosted trees averaged on the log-odds
/// scale, `w · trees + (1 − w) · logistic`, then calibrated like any other family.
///
/// Why a blend: the two families fail differently. Trees find interactions and thresholds but can
/// overfit a period; the linear model extrapolates smoothly and often holds up better when inputs
/// drift. Averaging their margins is the simplest ensemble a data scientist would defend, and it
/// keeps explanations exact: both families' contributions add up to their margins, so the weighted
/// sum of contributions adds up to the blend's margin, field by field.
public struct BlendModel: Sendable {
    public var linear: LinearModel
    public var trees: Booster
    /// The trees' share `w` of the margin, chosen on validation from ``BlendSearch/weights``.
    public var treeWeight: Double

    public init(linear: LinearModel, trees: Booster, treeWeight: Double) {
        self.linear = linear
        self.trees = trees
        self.treeWeight = treeWeight
    }

    /// `w · treeMargins + (1 − w) · linearMargins`, element by element.
    public static func combine(linear: [Double], trees: [Double], treeWeight: Double) -> [Double] {
        precondition(linear.count == trees.count, "one margin per lead from each family")
        return zip(linear, trees).map { (1 - treeWeight) * $0 + treeWeight * $1 }
    }
}

/// The blend's weight on disk (`blend.json`); the two models have their own files.
struct BlendWeight: Codable, Equatable {
    var treeWeight: Double
}
