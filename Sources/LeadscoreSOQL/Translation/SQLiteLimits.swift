/// SQLite's compile-time limits a translated query must stay within, so that a query SQLite cannot run
/// is refused as too complicated (a 400 for the client) instead of failing inside the server (a 500).
///
/// The values are those of the SQLite the local server links (Debian's 3.40): a parser stack of 100
/// entries (`YYSTACKDEPTH`), which nested parentheses fill at about three entries per level, and at
/// most 32,766 bound values (`SQLITE_MAX_VARIABLE_NUMBER`). Long AND/OR chains are emitted as balanced
/// trees, which keeps SQLite's 1,000-level expression depth out of reach.
enum SQLiteLimits {
    /// The deepest parenthesis nesting accepted; measured to run on SQLite 3.40 whatever the operators.
    static let maximumParenthesisDepth = 28
    static let maximumArguments = 32_766

    static func check(_ query: SQLiteQuery) throws(SOQLError) {
        if query.arguments.count > maximumArguments {
            throw tooComplicated("it has \(query.arguments.count) values, more than the \(maximumArguments) SQLite can bind; "
                + "split long IN lists over several queries")
        }
        var depth = 0
        var deepest = 0
        var inIdentifier = false
        for character in query.sql {
            switch character {
            case "\"": inIdentifier.toggle()
            case "(" where !inIdentifier:
                depth += 1
                deepest = max(deepest, depth)
            case ")" where !inIdentifier: depth -= 1
            default: break
            }
        }
        if deepest > maximumParenthesisDepth {
            throw tooComplicated("its conditions nest \(deepest) levels deep once translated, more than the "
                + "\(maximumParenthesisDepth) SQLite can parse; flatten the parentheses or split the query")
        }
    }

    private static func tooComplicated(_ reason: String) -> SOQLError {
        SOQLError(code: "QUERY_TOO_COMPLICATED", message: "Query is too complicated for this local Salesforce-compatible server: \(reason)")
    }
}
