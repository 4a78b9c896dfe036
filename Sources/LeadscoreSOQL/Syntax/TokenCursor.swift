/// A position in a token list, with the small look-ahead SOQL's grammar needs.
struct TokenCursor {
    private let tokens: [SOQLToken]
    private var index = 0

    /// `tokens` must end with an `.end` token, as ``SOQLLexer/tokens(of:)`` returns them.
    init(_ tokens: [SOQLToken]) {
        self.tokens = tokens
    }

    /// The current token (the `.end` token once everything is consumed).
    var current: SOQLToken { tokens[min(index, tokens.count - 1)] }

    /// The token after the current one.
    var following: SOQLToken { tokens[min(index + 1, tokens.count - 1)] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    /// Consumes the current token and returns it.
    mutating func take() -> SOQLToken {
        defer { advance() }
        return current
    }

    /// Consumes the keyword if it is next.
    mutating func skipKeyword(_ keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        advance()
        return true
    }

    /// Consumes the symbol if it is next.
    mutating func skipSymbol(_ symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    /// Consumes the keyword, or fails naming what was found instead.
    mutating func expectKeyword(_ keyword: String) throws(SOQLError) {
        guard skipKeyword(keyword) else { throw current.unexpected("expected \(keyword)") }
    }

    /// Consumes the symbol, or fails naming what was found instead.
    mutating func expectSymbol(_ symbol: String) throws(SOQLError) {
        guard skipSymbol(symbol) else { throw current.unexpected("expected '\(symbol)'") }
    }
}
