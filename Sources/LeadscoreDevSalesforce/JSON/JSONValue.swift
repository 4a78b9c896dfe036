import Foundation

/// A JSON value as Salesforce's REST API writes and reads it.
///
/// Objects keep their member order, because Salesforce answers with `attributes` first and then the
/// fields in SELECT order, and doubles keep a decimal point (`1500000.0`), because that is how a
/// currency field comes back from a real org: clients that tell integers from doubles see the same
/// types here. Parsing keeps `true` apart from `1`, so a boolean sent to a number field is a type
/// error, as it is in Salesforce.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (left: JSONValue, right: JSONValue) -> Bool {
        switch (left, right) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The member named `key` of an object, or `nil`.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case let .bool(flag) = self { return flag }
        return nil
    }

    /// A human name for the kind of value, for error messages (`VALUE_STRING`, as Salesforce's parser says).
    var tokenName: String {
        switch self {
        case .null: return "VALUE_NULL"
        case .bool(true): return "VALUE_TRUE"
        case .bool(false): return "VALUE_FALSE"
        case .integer: return "VALUE_NUMBER_INT"
        case .double: return "VALUE_NUMBER_FLOAT"
        case .string: return "VALUE_STRING"
        case .array: return "START_ARRAY"
        case .object: return "START_OBJECT"
        }
    }

    // MARK: Parsing

    /// Parses a request body. Throws ``JSONValue/ParseError`` with the decoder's reason.
    public static func parse(_ data: Data) throws(ParseError) -> JSONValue {
        do {
            return try JSONDecoder().decode(Decoded.self, from: data).value
        } catch {
            throw ParseError(reason: Self.reason(error))
        }
    }

    /// Why a body is not JSON, in words a client developer can act on.
    public struct ParseError: Error, Sendable {
        public var reason: String
    }

    private static func reason(_ error: any Error) -> String {
        if case let DecodingError.dataCorrupted(context) = error {
            return context.debugDescription
        }
        return "the body is not valid JSON"
    }

    /// Decodable bridge: tries null, Bool, integer, double, string, array, object in turn.
    private struct Decoded: Decodable {
        let value: JSONValue

        init(from decoder: any Decoder) throws {
            if var array = try? decoder.unkeyedContainer() {
                var items: [JSONValue] = []
                while !array.isAtEnd { items.append(try array.decode(Decoded.self).value) }
                value = .array(items)
                return
            }
            if let object = try? decoder.container(keyedBy: AnyKey.self) {
                var members: [(String, JSONValue)] = []
                for key in object.allKeys { members.append((key.stringValue, try object.decode(Decoded.self, forKey: key).value)) }
                value = .object(members)
                return
            }
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                value = .null
            } else if let flag = try? single.decode(Bool.self) {
                value = .bool(flag)
            } else if let whole = try? single.decode(Int64.self) {
                value = .integer(whole)
            } else if let number = try? single.decode(Double.self) {
                value = .double(number)
            } else {
                value = .string(try single.decode(String.self))
            }
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    // MARK: Writing

    /// Compact JSON text.
    public var serialized: String {
        var text = ""
        write(into: &text)
        return text
    }

    public var data: Data { Data(serialized.utf8) }

    private func write(into text: inout String) {
        switch self {
        case .null: text += "null"
        case let .bool(flag): text += flag ? "true" : "false"
        case let .integer(whole): text += String(whole)
        case let .double(number): text += Self.format(number)
        case let .string(string): Self.writeString(string, into: &text)
        case let .array(items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                item.write(into: &text)
            }
            text += "]"
        case let .object(members):
            text += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { text += "," }
                Self.writeString(key, into: &text)
                text += ":"
                value.write(into: &text)
            }
            text += "}"
        }
    }

    /// `1500000.0`, `0.25`, `1.0E21`: always with a decimal point or exponent, never `nan`.
    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        let text = String(number)
        return text.contains(".") || text.contains("e") || text.contains("E") ? text : text + ".0"
    }

    private static func writeString(_ string: String, into text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
