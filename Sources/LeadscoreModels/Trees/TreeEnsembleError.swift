/// Why an XGBoost model cannot be evaluated by ``TreeEnsemble``. Scoring then stays with XGBoost's own
/// predictor (``Booster``), so these are reasons to fall back, not failures of a bundle.
public enum TreeEnsembleError: Error, Equatable, CustomStringConvertible {
    /// The JSON is not XGBoost's model format.
    case unreadable(String)
    /// A valid model using something the Swift evaluator does not implement (categorical splits, DART,
    /// several outputs, an objective other than binary logistic).
    case unsupported(String)
    /// Arrays of a tree disagree with each other (lengths, child indices out of range, a cycle).
    case malformed(tree: Int, String)

    public var description: String {
        switch self {
        case let .unreadable(detail): return "not an XGBoost JSON model: \(detail)"
        case let .unsupported(detail): return "XGBoost model not supported by the Swift evaluator: \(detail)"
        case let .malformed(tree, detail): return "XGBoost model tree \(tree) is malformed: \(detail)"
        }
    }
}
