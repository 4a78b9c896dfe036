import Foundation

/// One JSON value from (or for) the Salesforce REST API.
///
/// Numbers keep the exact text Salesforce sent (`12`, `12.5`, `1.5E7`) instead of passing through a
/// `Double`: a currency field stays `12` rather than becoming `12.0`, and a 17-digit decimal is not
/// rounded before the contract's parser sees it. ``text`` renders any scalar the way an extract CSV
/// writes it.
public enum SalesforceValue: Sendable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    /// The number's JSON text, exactly as received (or as made by `init(_:)`).
    case number(String)
    case string(String)
    case object([String: SalesforceValue])
    case array([SalesforceValue])

    /// A number from a Double, written the shortest way that reads back the same (`12`, `0.125`);
    /// nil for NaN and infinities, which JSON cannot carry.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e15 {
            self = .number(String(Int64(value)))
        } else {
            self = .number(String(value))
        }
    }

    public init(_ value: Int) {
        self = .number(String(value))
    }

    /// The value as a CSV cell: strings as they are, numbers as received, `true`/`false`, nil for null,
    /// and compact JSON for objects and arrays (rare in Lead fields: compound address or geolocation).
    public var text: String? {
        switch self {
        case .null: return nil
        case let .bool(flag): return flag ? "true" : "false"
        case let .number(text): return text
        case let .string(text): return text
        case .object, .array: return String(decoding: SalesforceJSONWriter.data(for: self), as: UTF8.self)
        }
    }

    public var stringValue: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case let .bool(flag) = self { return flag }
        return nil
    }

    /// Numbers as Double (precision may be lost beyond 15–17 digits; use ``text`` to keep it).
    public var doubleValue: Double? {
        if case let .number(text) = self { return Double(text) }
        return nil
    }

    /// Numbers that are whole and fit an `Int` (`totalSize`, counts).
    public var intValue: Int? {
        guard case let .number(text) = self else { return nil }
        if let value = Int(text) { return value }
        guard let double = Double(text), double == double.rounded(), abs(double) < 9e15 else { return nil }
        return Int(double)
    }

    public var objectValue: [String: SalesforceValue]? {
        if case let .object(members) = self { return members }
        return nil
    }

    public var arrayValue: [SalesforceValue]? {
        if case let .array(items) = self { return items }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// The member `key` of an object; nil for other values or a missing member.
    public subscript(key: String) -> SalesforceValue? {
        objectValue?[key]
    }

    /// Parses a JSON document.
    public init(json data: Data) throws {
        self = try SalesforceJSONParser.parse(data)
    }

    /// Compact JSON text.
    public var description: String {
        String(decoding: SalesforceJSONWriter.data(for: self), as: UTF8.self)
    }
}
