/// Parses a WHERE condition: field expressions joined by AND / OR, negated by NOT, grouped by parentheses.
///
/// SOQL has no precedence between AND and OR: `A AND B OR C` is refused and must be written
/// `(A AND B) OR C` or `A AND (B OR C)`. NOT applies to the operand right after it.
enum ConditionParser {
    /// How deep parentheses and NOTs may nest. It keeps the recursive descent far from the end of a
    /// thread's stack; the translator has a lower bound of its own for what SQLite can parse.
    static let maximumNesting = 32

    static func parseCondition(_ cursor: inout TokenCursor, depth: Int = 0) throws(SOQLError) -> SOQLCondition {
        var operands = [try parseOperand(&cursor, depth: depth)]
        var connective: String?
        while cursor.current.isKeyword("AND") || cursor.current.isKeyword("OR") {
            let token = cursor.take()
            let word = token.text.uppercased()
            if let connective, connective != word {
                throw token.unexpected("SOQL needs parentheses to combine AND and OR, e.g. (A AND B) OR C")
            }
            connective = word
            operands.append(try parseOperand(&cursor, depth: depth))
        }
        switch connective {
        case "AND": return .and(operands)
        case "OR": return .or(operands)
        default: return operands[0]
        }
    }

    private static func parseOperand(_ cursor: inout TokenCursor, depth: Int) throws(SOQLError) -> SOQLCondition {
        let token = cursor.current
        if token.isKeyword("NOT") || token.isSymbol("("), depth >= maximumNesting {
            throw SOQLError(code: "QUERY_TOO_COMPLICATED", message: "conditions nest more than \(maximumNesting) levels deep "
                + "at row \(token.line), column \(token.column); flatten the parentheses")
        }
        if cursor.skipKeyword("NOT") {
            return .not(try parseOperand(&cursor, depth: depth + 1))
        }
        if cursor.skipSymbol("(") {
            if cursor.current.isKeyword("SELECT") {
                throw .unsupported("A subquery in WHERE", instead: "query the other object first and filter on its ids")
            }
            let inner = try parseCondition(&cursor, depth: depth + 1)
            try cursor.expectSymbol(")")
            return inner
        }
        return try parseFieldExpression(&cursor)
    }

    /// Words that cannot start a field expression; seeing one means the condition is incomplete.
    private static let reservedWords: Set = [
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "ORDER", "GROUP", "LIMIT", "OFFSET", "HAVING", "WITH",
        "NULL", "TRUE", "FALSE", "IN", "LIKE",
    ]

    private static func parseFieldExpression(_ cursor: inout TokenCursor) throws(SOQLError) -> SOQLCondition {
        let token = cursor.take()
        guard case .word(let field) = token.kind, !reservedWords.contains(field.uppercased()) else {
            throw token.unexpected("expected a field name")
        }
        if cursor.current.isSymbol("(") {
            throw .unsupported("The function \(field)() in WHERE", instead: "compare the plain field with a literal")
        }
        try SOQLParser.refuseRelationship(field)

        let operatorToken = cursor.take()
        if case .symbol(let symbol) = operatorToken.kind, let comparison = SOQLComparisonOperator(rawValue: symbol) {
            return .field(field, .compare(comparison, try parseValue(&cursor)))
        }
        if operatorToken.isKeyword("IN") {
            return .field(field, .isIn(try parseValueList(&cursor)))
        }
        if operatorToken.isKeyword("NOT") {
            guard cursor.skipKeyword("IN") else {
                throw cursor.current.unexpected("after a field, NOT can only start NOT IN; to negate LIKE write NOT \(field) LIKE '…'")
            }
            return .field(field, .notIn(try parseValueList(&cursor)))
        }
        if operatorToken.isKeyword("LIKE") {
            let patternToken = cursor.take()
            guard case .quoted(let raw) = patternToken.kind else {
                throw patternToken.unexpected("LIKE takes a quoted pattern, e.g. LIKE 'Acme%'")
            }
            return .field(field, .like(try SOQLStringLiteral.likePattern(of: patternToken, raw: raw)))
        }
        if operatorToken.isKeyword("INCLUDES") || operatorToken.isKeyword("EXCLUDES") {
            throw .unsupported("The multi-select picklist operator \(operatorToken.text.uppercased())",
                               instead: "filter with = or LIKE on the field's text instead")
        }
        throw operatorToken.unexpected("expected an operator: =, !=, <>, <, <=, >, >=, IN, NOT IN or LIKE")
    }

    /// `( value, … )` after IN / NOT IN.
    private static func parseValueList(_ cursor: inout TokenCursor) throws(SOQLError) -> [SOQLValue] {
        if cursor.current.isSymbol(":") {
            throw .unsupported("A bind variable", instead: "write the values themselves, e.g. IN ('Hot', 'Warm')")
        }
        try cursor.expectSymbol("(")
        if cursor.current.isKeyword("SELECT") {
            throw .unsupported("A semi-join or anti-join subquery in IN / NOT IN",
                               instead: "query the other object first and list its ids")
        }
        var values: [SOQLValue] = []
        repeat {
            values.append(try parseValue(&cursor))
        } while cursor.skipSymbol(",")
        try cursor.expectSymbol(")")
        return values
    }

    // MARK: - Values

    private static func parseValue(_ cursor: inout TokenCursor) throws(SOQLError) -> SOQLValue {
        let token = cursor.take()
        switch token.kind {
        case .quoted(let raw):
            return .string(try SOQLStringLiteral.text(of: token, raw: raw))
        case .number(let text):
            if !text.contains("."), let integer = Int64(text) { return .integer(integer) }
            guard let decimal = Double(text), decimal.isFinite else { throw token.unexpected("the number is too large") }
            return .decimal(decimal)
        case .date(let day):
            return .date(day)
        case .dateTime(let milliseconds):
            return .dateTime(millisecondsSinceEpoch: milliseconds)
        case .word(let word):
            return try parseWordValue(word.uppercased(), token: token, &cursor)
        case .symbol(":"):
            throw .unsupported("A bind variable (:\(cursor.current.text))", instead: "write the value itself")
        default:
            throw token.unexpected(valueHint)
        }
    }

    private static let valueHint = "a value is a literal: 'quoted text', a number, a date such as 2025-03-04, "
        + "a dateTime such as 2025-03-04T15:22:10Z, a date literal such as TODAY, true, false or null"

    private static func parseWordValue(_ word: String, token: SOQLToken, _ cursor: inout TokenCursor) throws(SOQLError) -> SOQLValue {
        switch word {
        case "TRUE": return .boolean(true)
        case "FALSE": return .boolean(false)
        case "NULL": return .null
        case "TODAY": return .dateLiteral(.today)
        case "YESTERDAY": return .dateLiteral(.yesterday)
        case "TOMORROW": return .dateLiteral(.tomorrow)
        case "THIS_MONTH": return .dateLiteral(.thisMonth)
        case "LAST_MONTH": return .dateLiteral(.lastMonth)
        case "THIS_YEAR": return .dateLiteral(.thisYear)
        case "LAST_YEAR": return .dateLiteral(.lastYear)
        case "LAST_N_DAYS": return .dateLiteral(.lastNDays(try parseDayCount(word, &cursor)))
        case "NEXT_N_DAYS": return .dateLiteral(.nextNDays(try parseDayCount(word, &cursor)))
        default:
            let looksLikeDateLiteral = ["LAST_", "THIS_", "NEXT_", "N_"].contains(where: word.hasPrefix)
            guard looksLikeDateLiteral else { throw token.unexpected(valueHint) }
            throw .malformed("date literal \(word) is not supported by this local Salesforce-compatible server; "
                + "use one of \(SOQLDateLiteral.supportedSpellings) or compare with explicit dates")
        }
    }

    /// The `:n` of `LAST_N_DAYS:n` / `NEXT_N_DAYS:n`.
    private static func parseDayCount(_ literal: String, _ cursor: inout TokenCursor) throws(SOQLError) -> Int {
        try cursor.expectSymbol(":")
        let token = cursor.take()
        guard case .number(let text) = token.kind, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber),
              let count = Int(text) else {
            throw token.unexpected("\(literal) takes a non-negative whole number of days, e.g. \(literal):30")
        }
        return count
    }
}
