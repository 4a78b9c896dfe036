import LeadscoreData

/// A test on one field's value, as admins write them in rules and overrides.
public struct FieldCondition: Sendable, Codable, Equatable {
    public enum Test: Sendable, Codable, Equatable {
        /// The value, as text, equals one of these (case-insensitive); booleans read `true`/`false`.
        case oneOf([String])
        case atLeast(Double)
        case below(Double)
        case present
        case missing
    }

    /// A snapshot column: a contract field or a derived column such as `Email.domain_class`.
    public var field: String
    public var test: Test

    public init(field: String, test: Test) {
        self.field = field
        self.test = test
    }

    public func matches(_ value: FieldValue) -> Bool {
        switch test {
        case .present: return value != .missing
        case .missing: return value == .missing
        case let .atLeast(bound): return Self.number(value).map { $0 >= bound } ?? false
        case let .below(bound): return Self.number(value).map { $0 < bound } ?? false
        case let .oneOf(choices):
            guard let text = Self.text(value)?.lowercased() else { return false }
            // A multi-select value matches when any of its selections does.
            let selections = MultiSelect.values(of: text)
            return choices.contains { choice in selections.contains(choice.lowercased()) }
        }
    }

    static func number(_ value: FieldValue) -> Double? {
        switch value {
        case let .number(number): return number
        case let .bool(flag): return flag ? 1 : 0
        default: return nil
        }
    }

    static func text(_ value: FieldValue) -> String? {
        switch value {
        case let .text(text): return text
        case let .bool(flag): return flag ? "true" : "false"
        case let .number(number): return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .time, .missing: return nil
        }
    }
}
