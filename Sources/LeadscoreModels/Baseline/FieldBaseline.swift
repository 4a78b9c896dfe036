import LeadscoreData

/// One monitored input field as it looked in the training leads: the bins its values fall into and
/// the share of training leads in each, so a monitor can tell how far today's leads have moved.
///
/// Bin layout (``bin(_:)`` returns these indices; ``shares`` has one entry per bin):
/// - numeric: value bins `0...edges.count`, then one `missing` bin. Bins are closed on the right,
///   `(-∞, e₀]`, `(e₀, e₁]`, …, `(e_last, +∞)`: a value equal to an edge goes to the lower bin, as with
///   pandas' `pd.cut(..., right=True)`. That matches how the edges are chosen (the inverted-CDF decile
///   is the smallest value with at least that share of training values at or below it), so each bin
///   holds about a tenth of the training values when they are spread out.
/// - categorical: one bin per entry of ``levels`` (most frequent first), then `other` (any present
///   value not in `levels`, whether seen in training and pooled or never seen), then `missing`.
///
/// A monitor stores only these bin numbers per scored lead, never the values themselves.
public struct FieldBaseline: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case numeric, categorical
    }

    /// At most this many categorical levels get their own bin: more would make PSI noisy.
    public static let maximumLevels = 20
    /// A level needs at least this share of the present training values for a bin of its own.
    public static let minimumLevelShare = 0.01
    /// Known values are kept only up to this many; a free-text-like field with more cannot be judged
    /// for unseen values, and the baseline stays small inside the bundle.
    public static let maximumKnownValues = 2_000

    /// The snapshot column (contract field) name.
    public var name: String
    public var kind: Kind
    /// Numeric: the interior cut points, unique and increasing; empty for categorical fields. Fewer than
    /// nine when values repeat (a 0/1 flag has the single edge 0, so two value bins).
    public var edges: [Double]
    /// Numeric: the smallest and largest training values (`nil` when none was present, and for categorical).
    public var minimum: Double?
    public var maximum: Double?
    /// Categorical: the values that have a bin of their own, most frequent first; empty for numeric.
    public var levels: [String]
    /// Categorical: every value seen in training, sorted, when there were at most ``maximumKnownValues``;
    /// for multi-select picklists the single values, not their combinations. Empty otherwise.
    public var knownValues: [String]
    /// Whether ``knownValues`` lists every training value, so a value outside it is truly unseen.
    public var knownValuesComplete: Bool
    /// Categorical: values are `;`-separated multi-select picklist choices, so a new combination of
    /// known choices is not "unseen".
    public var multiSelect: Bool
    /// Training share per bin, in the layout above; sums to 1.
    public var shares: [Double]
    /// Share of training leads with the field missing (the `missing` bin's share).
    public var nullRate: Double

    public init(name: String, kind: Kind, edges: [Double] = [], minimum: Double? = nil, maximum: Double? = nil,
                levels: [String] = [], knownValues: [String] = [], knownValuesComplete: Bool = false,
                multiSelect: Bool = false, shares: [Double], nullRate: Double) {
        self.name = name
        self.kind = kind
        self.edges = edges
        self.minimum = minimum
        self.maximum = maximum
        self.levels = levels
        self.knownValues = knownValues
        self.knownValuesComplete = knownValuesComplete
        self.multiSelect = multiSelect
        self.shares = shares
        self.nullRate = nullRate
    }

    /// How many bins the layout has (value or level bins, `other` for categorical, `missing`).
    public var binCount: Int {
        switch kind {
        case .numeric: return edges.count + 2
        case .categorical: return levels.count + 2
        }
    }

    /// The index of the `missing` bin: always the last.
    public var missingBin: Int { binCount - 1 }

    /// The bin `value` falls in. A numeric field's text (which validation never lets through) counts as
    /// missing; a categorical field's number, flag or time counts as `other`. Empty text is missing,
    /// as in a snapshot.
    public func bin(_ value: FieldValue) -> Int {
        switch kind {
        case .numeric:
            guard let number = value.numeric, !number.isNaN else { return missingBin }
            return Self.valueBin(number, edges: edges)
        case .categorical:
            switch value {
            case .missing: return missingBin
            case let .text(text):
                if text.isEmpty { return missingBin }
                return levels.firstIndex(of: text) ?? levels.count
            case .number, .bool, .time: return levels.count
            }
        }
    }

    /// Whether `value` is a categorical value never seen in training (for multi-select picklists: holds a
    /// choice never seen). Always `false` when ``knownValuesComplete`` is `false`: with more than
    /// ``maximumKnownValues`` training values there is no complete list to judge against.
    public func isUnseen(_ value: FieldValue) -> Bool {
        guard kind == .categorical, knownValuesComplete else { return false }
        switch value {
        case .missing: return false
        case let .text(text):
            if text.isEmpty { return false }
            if multiSelect { return MultiSelect.values(of: text).contains { !isKnown($0) } }
            return !isKnown(text)
        case .number, .bool, .time: return true
        }
    }

    /// Whether `value` is a number below the training minimum or above the training maximum.
    public func isOutOfRange(_ value: FieldValue) -> Bool {
        guard kind == .numeric, let number = value.numeric, !number.isNaN,
              let minimum, let maximum else { return false }
        return number < minimum || number > maximum
    }

    /// The first bin whose upper edge is at or above `number` (binary search over ≤ 9 edges).
    static func valueBin(_ number: Double, edges: [Double]) -> Int {
        var low = 0, high = edges.count
        while low < high {
            let middle = (low + high) / 2
            if number <= edges[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Binary search in the sorted ``knownValues``.
    private func isKnown(_ text: String) -> Bool {
        var low = 0, high = knownValues.count
        while low < high {
            let middle = (low + high) / 2
            if knownValues[middle] < text { low = middle + 1 } else { high = middle }
        }
        return low < knownValues.count && knownValues[low] == text
    }
}
