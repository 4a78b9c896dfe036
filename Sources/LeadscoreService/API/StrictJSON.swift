/// RFC 8259 JSON, checked strictly before a request body is decoded: Foundation's decoder accepts
/// trailing commas and lets the first of two equal keys win, so `{"lead": {...}, "lead": {...}}` was
/// scored as whichever the parser kept. Here a duplicate key names itself, and every problem has a line
/// and column.
enum StrictJSON {
    struct Problem: Error, Equatable {
        var message: String
        var line: Int
        var column: Int

        var description: String { "\(message) at line \(line), column \(column)" }
    }

    /// Throws the first problem of `bytes` as JSON text; nesting deeper than `maxDepth` is a problem too.
    static func check(_ bytes: [UInt8], maxDepth: Int = 64) throws(Problem) {
        var scanner = Scanner(bytes: bytes, maxDepth: maxDepth)
        scanner.skipSpace()
        try scanner.value(depth: 0)
        scanner.skipSpace()
        guard scanner.atEnd else { throw scanner.problem("unexpected text after the JSON value") }
    }

    private struct Scanner {
        let bytes: [UInt8]
        let maxDepth: Int
        var index = 0

        init(bytes: [UInt8], maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        var atEnd: Bool { index >= bytes.count }
        var current: UInt8? { atEnd ? nil : bytes[index] }

        func problem(_ message: String) -> Problem {
            var line = 1, column = 1
            for byte in bytes[..<min(index, bytes.count)] {
                if byte == UInt8(ascii: "\n") { (line, column) = (line + 1, 1) } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            return Problem(message: message, line: line, column: column)
        }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func value(depth: Int) throws(Problem) {
            guard depth < maxDepth else { throw problem("nesting deeper than \(maxDepth) levels") }
            switch current {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case let byte? where byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte): try number()
            case nil: throw problem("the JSON text ends where a value was expected")
            default: throw problem("a value was expected")
            }
        }

        private mutating func object(depth: Int) throws(Problem) {
            index += 1
            skipSpace()
            if current == UInt8(ascii: "}") {
                index += 1
                return
            }
            var keys = Set<String>()
            while true {
                guard current == UInt8(ascii: "\"") else {
                    throw problem(current == nil ? "the object is not closed" : "a member name in double quotes was expected")
                }
                let start = index
                let key = try string()
                guard keys.insert(key).inserted else {
                    index = start
                    throw problem("duplicate key \"\(key.prefix(80))\"")
                }
                skipSpace()
                guard current == UInt8(ascii: ":") else { throw problem("':' was expected after the member name") }
                index += 1
                skipSpace()
                try value(depth: depth + 1)
                if try closes(with: "}", container: "object") { return }
            }
        }

        private mutating func array(depth: Int) throws(Problem) {
            index += 1
            skipSpace()
            if current == UInt8(ascii: "]") {
                index += 1
                return
            }
            while true {
                try value(depth: depth + 1)
                if try closes(with: "]", container: "array") { return }
            }
        }

        /// After a member or element: true when `closing` ends the container (consumed), false after a
        /// comma that another member or element must follow.
        private mutating func closes(with closing: Unicode.Scalar, container: String) throws(Problem) -> Bool {
            skipSpace()
            if current == UInt8(ascii: closing) {
                index += 1
                return true
            }
            guard current == UInt8(ascii: ",") else {
                throw problem(current == nil ? "the \(container) is not closed" : "',' or '\(closing)' was expected")
            }
            index += 1
            skipSpace()
            if current == UInt8(ascii: closing) { throw problem("trailing comma before '\(closing)'") }
            return false
        }

        /// A string's decoded text (keys are compared decoded: `"a"` and `"\u0061"` are the same key).
        private mutating func string() throws(Problem) -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var runStart = index
            func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars) }
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""):
                    flush(index)
                    index += 1
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush(index)
                    index += 1
                    guard let escaped = current else { throw problem("the string is not closed") }
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(escaped))
                    case UInt8(ascii: "b"): scalars.append("\u{8}")
                    case UInt8(ascii: "f"): scalars.append("\u{C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"): scalars.append(try unicodeEscape())
                    default:
                        index -= 2
                        throw problem("an unknown escape in a string")
                    }
                    runStart = index
                case 0x00..<0x20:
                    throw problem("a control character inside a string (escape it, e.g. \\n)")
                default:
                    index += 1
                }
            }
            throw problem("the string is not closed")
        }

        /// `XXXX` after `\u`, with a surrogate pair read as one scalar; a lone surrogate is refused.
        private mutating func unicodeEscape() throws(Problem) -> Unicode.Scalar {
            let high = try hex4()
            guard (0xD800...0xDFFF).contains(high) else { return Unicode.Scalar(high)! }
            guard high < 0xDC00, current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                throw problem("a lone UTF-16 surrogate in a \\u escape")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw problem("a lone UTF-16 surrogate in a \\u escape") }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        }

        private mutating func hex4() throws(Problem) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = current, let digit = Self.hexValue(byte) else { throw problem("\\u needs four hex digits") }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        private static func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case 0x30...0x39: return UInt32(byte - 0x30)
            case 0x41...0x46: return UInt32(byte - 0x41 + 10)
            case 0x61...0x66: return UInt32(byte - 0x61 + 10)
            default: return nil
            }
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        private mutating func number() throws(Problem) {
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, (0x30...0x39).contains(first) else { throw problem("a digit was expected") }
            index += 1
            if first == 0x30, let next = current, (0x30...0x39).contains(next) { throw problem("a number with a leading zero") }
            skipDigits()
            if current == UInt8(ascii: ".") {
                index += 1
                guard try digits() else { throw problem("a digit was expected after '.'") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard try digits() else { throw problem("a digit was expected in the exponent") }
            }
        }

        private mutating func digits() throws(Problem) -> Bool {
            let start = index
            skipDigits()
            return index > start
        }

        private mutating func skipDigits() {
            while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
        }

        private mutating func literal(_ word: StaticString) throws(Problem) {
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            guard index + expected.count <= bytes.count, bytes[index..<(index + expected.count)].elementsEqual(expected) else {
                throw problem("a value was expected")
            }
            index += expected.count
        }
    }
}
