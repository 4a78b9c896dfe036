import Foundation

/// A JSON reader that keeps each number's text (Foundation's decoders turn `12` and `12.0` into the
/// same Double). Strict RFC 8259: anything else is a ``SalesforceJSONError`` with the byte offset, never
/// a crash; nesting is capped so a hostile body cannot exhaust the stack.
enum SalesforceJSONParser {
    static let maxDepth = 256

    static func parse(_ data: Data) throws -> SalesforceValue {
        try data.withUnsafeBytes { raw in
            var cursor = Cursor(bytes: raw.bindMemory(to: UInt8.self))
            cursor.skipWhitespace()
            let value = try cursor.value(depth: 0)
            cursor.skipWhitespace()
            guard cursor.atEnd else { throw cursor.failure("unexpected text after the JSON value") }
            return value
        }
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        var atEnd: Bool { position >= bytes.count }
        var current: UInt8? { atEnd ? nil : bytes[position] }

        func failure(_ problem: String) -> SalesforceJSONError {
            SalesforceJSONError(offset: position, problem: problem)
        }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
        }

        mutating func value(depth: Int) throws -> SalesforceValue {
            guard depth < SalesforceJSONParser.maxDepth else { throw failure("nesting deeper than \(SalesforceJSONParser.maxDepth)") }
            guard let byte = current else { throw failure("the JSON ends where a value was expected") }
            switch byte {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw failure("unexpected character '\(Character(Unicode.Scalar(byte)))'")
            }
        }

        mutating func literal(_ word: String) throws {
            let expected = Array(word.utf8)
            guard position + expected.count <= bytes.count,
                  expected.indices.allSatisfy({ bytes[position + $0] == expected[$0] }) else {
                throw failure("expected \(word)")
            }
            position += expected.count
        }

        mutating func object(depth: Int) throws -> SalesforceValue {
            position += 1
            var members: [String: SalesforceValue] = [:]
            skipWhitespace()
            if current == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw failure("expected a member name in quotes") }
                let key = try string()
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw failure("expected ':' after a member name") }
                position += 1
                skipWhitespace()
                members[key] = try value(depth: depth + 1)
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "}"): position += 1; return .object(members)
                default: throw failure("expected ',' or '}' in an object")
                }
            }
        }

        mutating func array(depth: Int) throws -> SalesforceValue {
            position += 1
            var items: [SalesforceValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "]"): position += 1; return .array(items)
                default: throw failure("expected ',' or ']' in an array")
                }
            }
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, returned as text.
        mutating func number() throws -> String {
            let start = position
            if current == UInt8(ascii: "-") { position += 1 }
            guard let first = current, isDigit(first) else { throw failure("a number needs digits") }
            if first == UInt8(ascii: "0") { position += 1 } else { skipDigits() }
            if current == UInt8(ascii: ".") {
                position += 1
                guard let byte = current, isDigit(byte) else { throw failure("a decimal point needs digits after it") }
                skipDigits()
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                position += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
                guard let byte = current, isDigit(byte) else { throw failure("an exponent needs digits") }
                skipDigits()
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        mutating func skipDigits() {
            while let byte = current, isDigit(byte) { position += 1 }
        }

        /// A string literal; the fast path copies runs without escapes in one go.
        mutating func string() throws -> String {
            position += 1
            var text = ""
            var runStart = position
            while true {
                guard let byte = current else { throw failure("a string is not closed") }
                if byte == UInt8(ascii: "\"") {
                    text += try run(from: runStart)
                    position += 1
                    return text
                }
                if byte < 0x20 { throw failure("a control character inside a string must be escaped") }
                if byte == UInt8(ascii: "\\") {
                    text += try run(from: runStart)
                    position += 1
                    text.unicodeScalars.append(try escape())
                    runStart = position
                    continue
                }
                position += 1
            }
        }

        func run(from start: Int) throws -> String {
            guard start < position else { return "" }
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
            guard let text = String(validating: slice, as: UTF8.self) else {
                throw SalesforceJSONError(offset: start, problem: "a string is not valid UTF-8")
            }
            return text
        }

        mutating func escape() throws -> Unicode.Scalar {
            guard let byte = current else { throw failure("a string ends inside an escape") }
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                let unit = try hexUnit()
                if (0xD800..<0xDC00).contains(unit) {
                    guard current == UInt8(ascii: "\\") else { throw failure("a lone high surrogate in \\u escape") }
                    position += 1
                    guard current == UInt8(ascii: "u") else { throw failure("a lone high surrogate in \\u escape") }
                    position += 1
                    let low = try hexUnit()
                    guard (0xDC00..<0xE000).contains(low) else { throw failure("an invalid surrogate pair") }
                    let combined = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    return Unicode.Scalar(combined)!
                }
                guard let scalar = Unicode.Scalar(unit) else { throw failure("a lone low surrogate in \\u escape") }
                return scalar
            default:
                throw failure("unknown escape '\\\(Character(Unicode.Scalar(byte)))'")
            }
        }

        mutating func hexUnit() throws -> UInt16 {
            guard position + 4 <= bytes.count else { throw failure("a \\u escape needs four hex digits") }
            var unit: UInt16 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw failure("a \\u escape needs four hex digits")
                }
                unit = unit << 4 | UInt16(digit)
                position += 1
            }
            return unit
        }
    }
}

/// A body that is not the JSON Salesforce documents; the offset helps when reporting a broken proxy or truncation.
public struct SalesforceJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let problem: String

    public var description: String { "invalid JSON at byte \(offset): \(problem)" }
}
