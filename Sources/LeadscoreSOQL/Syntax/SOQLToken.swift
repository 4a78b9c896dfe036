/// One lexical unit of a SOQL statement and where it starts, so errors can point at it.
struct SOQLToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A keyword, a name (possibly dotted, `Owner.Name`) or a date literal's name (`LAST_N_DAYS`).
        case word(String)
        /// A single-quoted literal's body with its escapes not yet decoded: what they mean depends on
        /// whether the literal is a LIKE pattern.
        case quoted(raw: String)
        /// A number as written: optional sign, digits, optional fraction.
        case number(String)
        /// An unquoted `YYYY-MM-DD`.
        case date(SOQLDay)
        /// An unquoted `YYYY-MM-DDThh:mm:ss[.sss](Z|±hh:mm)`, in milliseconds since the epoch.
        case dateTime(Int64)
        /// Punctuation or an operator: `( ) , : = != <> < <= > >=`, or any other single character.
        case symbol(String)
        /// The end of the statement.
        case end
    }

    var kind: Kind
    /// The token as written, for messages.
    var text: String
    /// 1-based line and column of the first character.
    var line: Int
    var column: Int

    /// Whether this is the keyword `keyword` (given in upper case), in any case.
    func isKeyword(_ keyword: String) -> Bool {
        if case .word(let word) = kind { return word.uppercased() == keyword }
        return false
    }

    func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol(symbol)
    }

    /// Salesforce's wording for a token the grammar does not allow here, with its position.
    func unexpected(_ hint: String? = nil) -> SOQLError {
        let shown: String
        switch kind {
        case .end: shown = "end of query"
        case .quoted: shown = text
        default: shown = "'\(text)'"
        }
        var message = "unexpected token: \(shown) at row \(line), column \(column)"
        if let hint { message += "; \(hint)" }
        return .malformed(message)
    }
}
