/// SQLite's compile-time limits a translated query must stay within, so that a query SQLite cannot run
/// is refused as too complicated (a 400 for the client) instead of failing inside the server (a 500).
///
/// The values are those of the SQLite the local server links (Debian's 3.40): a parser stack of 100
/// entries (`YYSTACKDEPTH`) and at most 32,766 bound values (`SQLITE_MAX_VARIABLE_NUMBER`). Each open
/// parenthesis holds about three parser-stack entries (the operand before it, its operator, itself)
/// and a `NOT` before it one more; the translated statement is measured that way. Long AND/OR chains
/// are emitted as balanced trees, which keeps SQLite's 1,000-level expression depth out of reach, and
/// GLOB patterns stay under its 50,000-byte pattern limit because the parser limits strings to 4,000
/// characters (at most ten bytes each once turned into case classes).
enum SQLiteLimits {
    /// The largest parser-stack estimate accepted. Measured on SQLite 3.40, the worst shapes tried
    /// (AND/OR/NOT alternating at every level) overflow from an estimate of 93 and random shapes from
    /// about 100; a condition within this bound nests some twelve levels of parentheses.
    static let maximumNestingCost = 81
    static let maximumArguments = 32_766

    static func check(_ query: SQLiteQuery) throws(SOQLError) {
        if query.arguments.count > maximumArguments {
            throw tooComplicated("it has \(query.arguments.count) values, more than the \(maximumArguments) SQLite can bind; "
                + "split long IN lists over several queries")
        }
        if nestingCost(of: query.sql) > maximumNestingCost {
            throw tooComplicated("its conditions nest too deeply for SQLite to parse once translated; "
                + "flatten the parentheses or split the query")
        }
    }

    /// The parser-stack estimate of `sql` at its deepest point: 3 per open parenthesis, plus 1 when
    /// the parenthesis follows `NOT`. Double-quoted identifiers are skipped.
    static func nestingCost(of sql: String) -> Int {
        var open: [Int] = []
        var deepest = 0
        var inIdentifier = false
        var previous: [Character] = []
        for character in sql {
            switch character {
            case "\"": inIdentifier.toggle()
            case "(" where !inIdentifier:
                open.append(previous.suffix(4) == Array("NOT ") ? 4 : 3)
                deepest = max(deepest, open.reduce(0, +))
            case ")" where !inIdentifier:
                _ = open.popLast()
            default: break
            }
            previous.append(character)
            if previous.count > 4 { previous.removeFirst() }
        }
        return deepest
    }

    private static func tooComplicated(_ reason: String) -> SOQLError {
        SOQLError(code: "QUERY_TOO_COMPLICATED", message: "Query is too complicated for this local Salesforce-compatible server: \(reason)")
    }
}
