/// Decodes the body of a single-quoted SOQL literal.
///
/// The escapes are those of the reference's "Quoted String Escape Sequences": `\n \r \t \b \f` (either
/// case), `\"`, `\'`, `\\`, `\uXXXX`, and — in a LIKE expression only — `\%` and `\_` for a literal
/// percent sign or underscore. "If you use a backslash character in any other context, an error occurs."
enum SOQLStringLiteral {
    /// The text of a literal used as a value (`Name = 'O\'Brien'`).
    static func text(of token: SOQLToken, raw: String) throws(SOQLError) -> String {
        try decode(raw, token: token, isLikePattern: false).literalText
    }

    /// The pattern of a literal used after LIKE (`Name LIKE '50\% off%'`).
    static func likePattern(of token: SOQLToken, raw: String) throws(SOQLError) -> SOQLLikePattern {
        try decode(raw, token: token, isLikePattern: true)
    }

    /// Salesforce's limit: "4,000 characters for each string within a WHERE clause".
    static let maximumLength = 4_000

    private static func decode(_ raw: String, token: SOQLToken, isLikePattern: Bool) throws(SOQLError) -> SOQLLikePattern {
        var elements: [SOQLLikePattern.Element] = []
        var text = String.UnicodeScalarView()
        func flushText() {
            if !text.isEmpty { elements.append(.text(String(text))) }
            text = String.UnicodeScalarView()
        }
        var scalars = raw.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "%" where isLikePattern:
                flushText()
                elements.append(.anyCharacters)
            case "_" where isLikePattern:
                flushText()
                elements.append(.anyCharacter)
            case "\\":
                guard let escaped = scalars.next() else { throw invalidEscape("\\", in: token) }
                text.append(try unescape(escaped, rest: &scalars, isLikePattern: isLikePattern, token: token))
            default:
                text.append(scalar)
            }
        }
        flushText()
        let length = elements.reduce(0) { length, element in
            if case .text(let text) = element { return length + text.count }
            return length + 1
        }
        guard length <= maximumLength else {
            throw .malformed("the string at row \(token.line), column \(token.column) has \(length) characters, more than the "
                + "\(maximumLength) a WHERE clause allows; compare with a shorter value or use LIKE with a prefix")
        }
        return SOQLLikePattern(elements)
    }

    private static func unescape(
        _ escaped: Unicode.Scalar,
        rest scalars: inout String.UnicodeScalarView.Iterator,
        isLikePattern: Bool,
        token: SOQLToken
    ) throws(SOQLError) -> Unicode.Scalar {
        switch escaped {
        case "n", "N": return "\n"
        case "r", "R": return "\r"
        case "t", "T": return "\t"
        case "b", "B": return "\u{8}"
        case "f", "F": return "\u{C}"
        case "\"", "'", "\\": return escaped
        case "%", "_":
            guard isLikePattern else {
                throw .malformed("invalid escape sequence '\\\(escaped)' in \(token.text) at row \(token.line), "
                    + "column \(token.column): \\% and \\_ are only allowed in a LIKE pattern; write \(escaped) alone")
            }
            return escaped
        case "u", "U":
            var hex = ""
            for _ in 0..<4 {
                guard let digit = scalars.next() else { break }
                hex.unicodeScalars.append(digit)
            }
            guard hex.unicodeScalars.count == 4, hex.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit),
                  let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw invalidEscape("\\u\(hex)", in: token)
            }
            return scalar
        default:
            throw invalidEscape("\\\(escaped)", in: token)
        }
    }

    private static func invalidEscape(_ sequence: String, in token: SOQLToken) -> SOQLError {
        .malformed("invalid escape sequence '\(sequence)' in \(token.text) at row \(token.line), column \(token.column); "
            + "a backslash may only start \\n, \\r, \\t, \\b, \\f, \\\", \\', \\\\, \\uXXXX (and \\%, \\_ in LIKE); "
            + "write a backslash itself as \\\\")
    }
}
