/// One typed value of a lead field, after parsing.
public enum FieldValue: Sendable, Equatable, Hashable {
    case missing
    case text(String)
    case number(Double)
    case bool(Bool)
    /// Seconds since 1970-01-01 UTC.
    case time(Double)

    /// The value as a number where that makes sense (flags as 0/1, times as epoch seconds).
    public var numeric: Double? {
        switch self {
        case let .number(value), let .time(value): return value
        case let .bool(flag): return flag ? 1 : 0
        case .missing, .text: return nil
        }
    }

    public var isMissing: Bool { self == .missing }
}
