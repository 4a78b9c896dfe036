/// One fitted step of the feature pipeline: how one snapshot column becomes model columns.
///
/// A flat, self-describing value (not an enum with payloads) so the saved JSON reads plainly and
/// other tools can interpret it.
public struct FeatureStep: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// A number; missing → `nan` plus an `=missing` indicator, or 0, per the contract.
        case numeric
        /// A yes/no value as 1/0.
        case flag
        /// Days from a date to the scoring moment; dates after the scoring moment count as missing.
        case recency
        /// One column per frequent value, plus `Unknown` (missing) and `Other` (rare or unseen).
        case oneHot
        /// One column per frequent value of a multi-select picklist, plus `Other` and `Unknown`.
        case multiHot
        /// One column per lead-source group of the contract's taxonomy, plus `Other` and `Unknown`.
        case sourceGroup
    }

    public var kind: Kind
    /// The snapshot column read (a contract field or a derived column such as `Email.domain_class`).
    public var column: String
    /// The contract field the column comes from; explanations are summed back to it.
    public var sourceField: String
    /// `numeric`, `flag`, `recency`: add an `=missing` indicator column.
    public var missingIndicator: Bool
    /// `numeric`: missing means zero.
    public var missingIsZero: Bool
    /// `numeric`: the training median (for models that need a filled-in value).
    public var median: Double?
    /// `oneHot`, `multiHot`: the values that get their own column, most frequent first.
    public var levels: [String]
    /// `sourceGroup`: the taxonomy.
    public var groups: [SourceGroup]

    public init(kind: Kind, column: String, sourceField: String, missingIndicator: Bool = false,
                missingIsZero: Bool = false, median: Double? = nil, levels: [String] = [], groups: [SourceGroup] = []) {
        self.kind = kind
        self.column = column
        self.sourceField = sourceField
        self.missingIndicator = missingIndicator
        self.missingIsZero = missingIsZero
        self.median = median
        self.levels = levels
        self.groups = groups
    }

    /// Model column names this step writes, in order.
    public var outputNames: [String] {
        switch kind {
        case .numeric, .flag:
            return [column] + (missingIndicator ? ["\(column)=missing"] : [])
        case .recency:
            return ["days_since_\(column)"] + (missingIndicator ? ["days_since_\(column)=missing"] : [])
        case .oneHot:
            return levels.map { "\(column)=\($0)" } + ["\(column)=Other", "\(column)=Unknown"]
        case .multiHot:
            return levels.map { "\(column) has \($0)" } + ["\(column) has Other", "\(column)=Unknown"]
        case .sourceGroup:
            return groups.map { "\(column) group=\($0.name)" } + ["\(column) group=Other", "\(column) group=Unknown"]
        }
    }
}
