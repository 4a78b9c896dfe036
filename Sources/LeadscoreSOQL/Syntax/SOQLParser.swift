/// Parses the subset of SOQL the local Salesforce-compatible server answers.
///
/// ```
/// SELECT field, … | COUNT()
/// FROM Object
/// [WHERE condition]
/// [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST], …]
/// [LIMIT n] [OFFSET n]
/// ```
/// Keywords are case-insensitive. Everything else SOQL allows — subqueries, relationship fields
/// (`Owner.Name`), aggregate functions other than `COUNT()`, GROUP BY, WITH, FOR UPDATE, TYPEOF,
/// semi-joins, bind variables — is refused with `MALFORMED_QUERY` naming the construct, so a client
/// never gets an answer computed from a query this server did not fully understand.
public enum SOQLParser {
    /// The largest LIMIT accepted (Salesforce's maximum query row count).
    public static let maximumLimit = 50_000_000
    /// The largest OFFSET Salesforce allows: "The maximum offset is 2,000 rows."
    public static let maximumOffset = 2_000

    /// Salesforce's limit: "By default, SOQL statements can't exceed 100,000 characters."
    public static let maximumLength = 100_000

    /// The query in `text`, or the first problem found, with Salesforce's error code.
    public static func parse(_ text: String) throws(SOQLError) -> SOQLQuery {
        guard text.count <= maximumLength else {
            throw .malformed("SOQL statements cannot exceed \(maximumLength) characters; this one has \(text.count). "
                + "Split it into several queries")
        }
        var cursor = TokenCursor(try SOQLLexer.tokens(of: text))
        try cursor.expectKeyword("SELECT")
        let selection = try parseSelection(&cursor)
        try cursor.expectKeyword("FROM")
        var query = SOQLQuery(selection: selection, object: try parseObject(&cursor))
        try parseClauses(&cursor, into: &query)
        if query.selection == .count, let first = query.ordering.first {
            throw .malformed("ORDER BY \(first.field) cannot be used with COUNT(), which returns no records; remove ORDER BY")
        }
        return query
    }

    // MARK: - SELECT

    private static func parseSelection(_ cursor: inout TokenCursor) throws(SOQLError) -> SOQLQuery.Selection {
        var fields: [String] = []
        var countToken: SOQLToken?
        repeat {
            let token = cursor.take()
            if token.isSymbol("*") {
                throw token.unexpected("SOQL has no SELECT *; list the fields, e.g. SELECT Id, Name FROM Lead")
            }
            if token.isSymbol("(") {
                throw .unsupported("A subquery in SELECT (child relationship query)", instead: "query the child object separately")
            }
            guard case .word(let name) = token.kind, !token.isKeyword("FROM") else {
                throw token.unexpected("expected a field name")
            }
            if token.isKeyword("TYPEOF") {
                throw .unsupported("TYPEOF", instead: "select the polymorphic id field (e.g. OwnerId) instead")
            }
            if cursor.current.isSymbol("(") {
                try parseFunction(name, &cursor)
                if countToken != nil { throw .malformed("duplicate field selected: COUNT()") }
                countToken = token
            } else {
                try refuseRelationship(name)
                if fields.contains(where: { $0.lowercased() == name.lowercased() }) {
                    throw .malformed("duplicate field selected: \(name)")
                }
                fields.append(name)
            }
        } while cursor.skipSymbol(",")

        guard let countToken else { return .fields(fields) }
        guard fields.isEmpty else {
            throw .malformed("COUNT() at row \(countToken.line), column \(countToken.column) must be the only item in "
                + "SELECT; query the fields separately")
        }
        return .count
    }

    /// Accepts `COUNT()` (the cursor on its `(`) and refuses every other function call in SELECT.
    private static func parseFunction(_ name: String, _ cursor: inout TokenCursor) throws(SOQLError) {
        let upper = name.uppercased()
        if upper == "COUNT", cursor.following.isSymbol(")") {
            cursor.advance()
            cursor.advance()
            return
        }
        if ["COUNT", "COUNT_DISTINCT", "AVG", "MIN", "MAX", "SUM"].contains(upper) {
            throw .unsupported("The aggregate function \(upper)(…)", instead: "only COUNT() is available, e.g. SELECT COUNT() FROM Lead")
        }
        throw .unsupported("The function \(name)() in SELECT", instead: "select the plain field instead")
    }

    /// Refuses `Owner.Name`-style paths: relationship queries need joins this server does not make.
    static func refuseRelationship(_ name: String) throws(SOQLError) {
        guard name.contains(".") else { return }
        throw .unsupported("The relationship field '\(name)'", instead: "select or filter on the id field (e.g. OwnerId) "
            + "and query the related object separately")
    }

    // MARK: - FROM

    private static func parseObject(_ cursor: inout TokenCursor) throws(SOQLError) -> String {
        let token = cursor.take()
        guard case .word(let object) = token.kind, !Self.clauseKeywords.contains(object.uppercased()) else {
            throw token.unexpected("expected an sObject name after FROM, e.g. FROM Lead")
        }
        guard !object.contains(".") else { throw token.unexpected("expected an sObject name after FROM, e.g. FROM Lead") }
        if cursor.current.isSymbol(",") {
            throw .unsupported("Querying several objects in FROM", instead: "query one object at a time")
        }
        if case .word(let alias) = cursor.current.kind,
           !Self.clauseKeywords.contains(alias.uppercased()), Self.unsupportedClauses[alias.uppercased()] == nil {
            throw .unsupported("The object alias '\(alias)'", instead: "refer to fields by their own names")
        }
        return object
    }

    // MARK: - WHERE, ORDER BY, LIMIT, OFFSET

    /// The clauses this server implements, in the order SOQL requires them.
    private static let clauseKeywords = ["WHERE", "ORDER", "LIMIT", "OFFSET"]

    /// Clauses SOQL has and this server refuses, by their first keyword.
    private static let unsupportedClauses = [
        "WITH": "A WITH clause (WITH SECURITY_ENFORCED, WITH DATA CATEGORY, …)",
        "GROUP": "GROUP BY",
        "HAVING": "HAVING",
        "FOR": "FOR VIEW / FOR REFERENCE / FOR UPDATE",
        "UPDATE": "UPDATE TRACKING / UPDATE VIEWSTAT",
        "USING": "USING SCOPE",
        "ALL": "ALL ROWS",
    ]

    private static func parseClauses(_ cursor: inout TokenCursor, into query: inout SOQLQuery) throws(SOQLError) {
        var nextAllowed = 0
        while cursor.current.kind != .end {
            let token = cursor.current
            guard case .word(let word) = token.kind else { throw token.unexpected() }
            if let construct = unsupportedClauses[word.uppercased()] {
                throw .unsupported(construct, instead: "remove it; this server answers SELECT … FROM … [WHERE] [ORDER BY] [LIMIT] [OFFSET]")
            }
            guard let position = clauseKeywords.firstIndex(of: word.uppercased()), position >= nextAllowed else {
                throw token.unexpected("clauses go in the order WHERE, ORDER BY, LIMIT, OFFSET, each at most once")
            }
            cursor.advance()
            switch position {
            case 0: query.condition = try ConditionParser.parseCondition(&cursor)
            case 1: query.ordering = try parseOrdering(&cursor)
            case 2: query.limit = try parseRowCount(&cursor, clause: "LIMIT")
            default: query.offset = try parseRowCount(&cursor, clause: "OFFSET")
            }
            nextAllowed = position + 1
        }
    }

    private static func parseOrdering(_ cursor: inout TokenCursor) throws(SOQLError) -> [SOQLOrdering] {
        try cursor.expectKeyword("BY")
        var ordering: [SOQLOrdering] = []
        repeat {
            let token = cursor.take()
            guard case .word(let field) = token.kind, !clauseKeywords.contains(field.uppercased()) else {
                throw token.unexpected("expected a field name after ORDER BY")
            }
            if cursor.current.isSymbol("(") {
                throw .unsupported("The function \(field)() in ORDER BY", instead: "order by a plain field")
            }
            try refuseRelationship(field)
            var item = SOQLOrdering(field: field)
            if cursor.skipKeyword("DESC") {
                item.descending = true
            } else {
                _ = cursor.skipKeyword("ASC")
            }
            if cursor.skipKeyword("NULLS") {
                if cursor.skipKeyword("LAST") {
                    item.nullsFirst = false
                } else {
                    try cursor.expectKeyword("FIRST")
                }
            }
            ordering.append(item)
        } while cursor.skipSymbol(",")
        return ordering
    }

    /// The non-negative integer after LIMIT or OFFSET, within Salesforce's bounds.
    private static func parseRowCount(_ cursor: inout TokenCursor, clause: String) throws(SOQLError) -> Int {
        let token = cursor.take()
        if token.isSymbol(":") {
            throw .unsupported("A bind variable after \(clause)", instead: "write the number itself, e.g. \(clause) 100")
        }
        guard case .number(let text) = token.kind, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else {
            throw token.unexpected("\(clause) takes a non-negative whole number, e.g. \(clause) 100")
        }
        let maximum = clause == "LIMIT" ? maximumLimit : maximumOffset
        guard let value = Int(text), value <= maximum else {
            throw clause == "LIMIT"
                ? .numberOutsideValidRange("LIMIT \(text) is beyond the maximum of \(maximum) rows; page with a smaller LIMIT")
                : .numberOutsideValidRange("Maximum SOQL offset allowed is \(maximum); got OFFSET \(text). "
                    + "Page further with a WHERE condition on an ordered field instead")
        }
        return value
    }
}
