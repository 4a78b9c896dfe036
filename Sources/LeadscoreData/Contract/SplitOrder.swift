/// How a snapshot splits rows that have no creation time (`split:` in `contract.yaml`).
///
/// With a creation time on every row the split is temporal whatever this says. Without one,
/// leadscore cannot see time, so the admin says what the row order means: many exports have no
/// creation date but are sorted oldest first, and then the last rows are the best stand-in for the
/// future leads a model will score.
public enum SplitOrder: String, Sendable, Codable, CaseIterable {
    /// Stratified random by a well-mixed hash of each row (the default): right when the row order
    /// says nothing about time.
    case random
    /// By row position: the first rows train, the next validate, the last test. Right when the
    /// export is sorted by time, oldest first, so validation and test are the latest leads.
    case rowOrder = "row_order"
}
