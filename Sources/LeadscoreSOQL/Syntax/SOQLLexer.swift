/// Splits a SOQL statement into tokens.
///
/// Dates and datetimes are recognised here because SOQL writes them bare (`CreatedDate > 2025-01-01`),
/// where a naive lexer would see a subtraction. Their fields are validated here too, so a literal such
/// as `2025-02-30` or a datetime without a zone never reaches a comparison.
struct SOQLLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// All tokens, ending with one `.end` token.
    static func tokens(of text: String) throws(SOQLError) -> [SOQLToken] {
        var lexer = SOQLLexer(text)
        var tokens: [SOQLToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws(SOQLError) -> SOQLToken {
        while let scalar = peek(), scalar.properties.isWhitespace { advance() }
        let start = (index: index, line: line, column: column)
        func token(_ kind: SOQLToken.Kind) -> SOQLToken {
            SOQLToken(kind: kind, text: text(from: start.index), line: start.line, column: start.column)
        }
        guard let scalar = peek() else { return token(.end) }

        if isWordStart(scalar) {
            while let next = peek(), isWordPart(next) { advance() }
            return token(.word(text(from: start.index)))
        }
        if isDigit(scalar) || ((scalar == "-" || scalar == "+") && peek(offset: 1).map(isDigit) == true) {
            if let temporal = try temporalLiteral(line: start.line, column: start.column) {
                return token(temporal)
            }
            return token(.number(number()))
        }
        switch scalar {
        case "'":
            return token(.quoted(raw: try quotedBody(line: start.line, column: start.column)))
        case "\"":
            throw .malformed("double quotes are not allowed at row \(start.line), column \(start.column); "
                + "enclose text in single quotes, e.g. Status = 'Open'")
        case "!":
            advance()
            guard peek() == "=" else { throw token(.symbol("!")).unexpected("did you mean '!='?") }
            advance()
            return token(.symbol("!="))
        case "<":
            advance()
            if peek() == "=" || peek() == ">" { advance() }
            let text = text(from: start.index)
            return token(.symbol(text == "<>" ? "!=" : text))
        case ">":
            advance()
            if peek() == "=" { advance() }
            return token(.symbol(text(from: start.index)))
        default:
            advance()
            return token(.symbol(text(from: start.index)))
        }
    }

    // MARK: - Literals

    /// A date or datetime if the characters here spell `YYYY-MM-DD`, else `nil` (and nothing consumed).
    private mutating func temporalLiteral(line: Int, column: Int) throws(SOQLError) -> SOQLToken.Kind? {
        guard (0..<10).allSatisfy({ offset in
            let scalar = peek(offset: offset)
            return offset == 4 || offset == 7 ? scalar == "-" : scalar.map(isDigit) == true
        }) else { return nil }
        let start = index
        let year = digits(4)
        advance()
        let month = digits(2)
        advance()
        let day = digits(2)
        guard let date = SOQLDay(year: year, month: month, day: day) else {
            throw .malformed("invalid date \(text(from: start)) at row \(line), column \(column); "
                + "write an existing day as YYYY-MM-DD, e.g. 2025-03-04")
        }
        guard peek() == "T" || peek() == "t" else { return .date(date) }
        advance()
        return .dateTime(try timeOfDay(on: date, line: line, column: column))
    }

    /// `hh:mm:ss[.s…](Z|±hh:mm)` after the `T` of a datetime, as milliseconds since the epoch.
    private mutating func timeOfDay(on date: SOQLDay, line: Int, column: Int) throws(SOQLError) -> Int64 {
        let invalid = SOQLError.malformed("invalid dateTime at row \(line), column \(column); write "
            + "YYYY-MM-DDThh:mm:ssZ, YYYY-MM-DDThh:mm:ss.sssZ or an offset such as 2025-03-04T09:30:00-08:00")
        func twoDigits(_ lexer: inout SOQLLexer) throws(SOQLError) -> Int {
            guard lexer.peek().map(lexer.isDigit) == true, lexer.peek(offset: 1).map(lexer.isDigit) == true else { throw invalid }
            return lexer.digits(2)
        }
        let hour = try twoDigits(&self)
        guard peek() == ":" else { throw invalid }
        advance()
        let minute = try twoDigits(&self)
        guard peek() == ":" else { throw invalid }
        advance()
        let second = try twoDigits(&self)
        var milliseconds = 0
        if peek() == "." {
            advance()
            var count = 0
            while let scalar = peek(), isDigit(scalar) {
                // Stored values have millisecond precision; a finer literal could only be compared wrongly.
                guard count < 3 else { throw invalid }
                milliseconds = milliseconds * 10 + Int(scalar.value - 48)
                count += 1
                advance()
            }
            guard count > 0 else { throw invalid }
            for _ in count..<3 { milliseconds *= 10 }
        }
        var offsetMinutes = 0
        if peek() == "Z" || peek() == "z" {
            advance()
        } else if peek() == "+" || peek() == "-" {
            let sign = peek() == "-" ? -1 : 1
            advance()
            let offsetHours = try twoDigits(&self)
            guard peek() == ":" else { throw invalid }
            advance()
            let minutes = try twoDigits(&self)
            guard offsetHours <= 18, minutes < 60 else { throw invalid }
            offsetMinutes = sign * (offsetHours * 60 + minutes)
        } else {
            throw invalid
        }
        guard hour < 24, minute < 60, second < 60 else { throw invalid }
        if let next = peek(), isWordPart(next) { throw invalid }
        let secondOfDay = hour * 3600 + minute * 60 + second - offsetMinutes * 60
        return date.startMillisecondsSinceEpoch + Int64(secondOfDay) * 1000 + Int64(milliseconds)
    }

    /// `[+-]digits[.digits]`; the caller has checked that a digit follows any sign.
    private mutating func number() -> String {
        let start = index
        if peek() == "-" || peek() == "+" { advance() }
        while let scalar = peek(), isDigit(scalar) { advance() }
        if peek() == ".", peek(offset: 1).map(isDigit) == true {
            advance()
            while let scalar = peek(), isDigit(scalar) { advance() }
        }
        return text(from: start)
    }

    /// The characters between single quotes, escapes kept; a backslash always takes the next character.
    private mutating func quotedBody(line: Int, column: Int) throws(SOQLError) -> String {
        advance()
        let start = index
        while let scalar = peek() {
            if scalar == "'" {
                let body = text(from: start)
                advance()
                return body
            }
            if scalar == "\\" { advance() }
            advance()
        }
        throw .malformed("unterminated string literal starting at row \(line), column \(column); "
            + "close it with a single quote and write a quote inside text as \\'")
    }

    // MARK: - Characters

    private func peek(offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func digits(_ count: Int) -> Int {
        var value = 0
        for _ in 0..<count {
            value = value * 10 + Int((peek()?.value ?? 48) - 48)
            advance()
        }
        return value
    }

    private func text(from start: Int) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<index])
        return String(text)
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    private func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        isWordStart(scalar) || isDigit(scalar) || scalar == "."
    }
}
