import Foundation

/// Translates a parsed query into one parameterised SQLite statement over the local server's tables.
///
/// The statement follows the storage conventions of ``SOQLFieldType``. It selects the fields in SELECT
/// order, filters as SOQL does (two-valued logic, case-insensitive text, id forms, date literal ranges;
/// see ``SOQLCondition``), sorts as the SOQL reference documents (ascending, nulls first, text
/// case-insensitively by its upper-case form), and always ends the order with `rowid` so that equal
/// sort keys, and queries without ORDER BY, come back in a stable order page after page.
///
/// Two deliberate limits. Text is sorted by SQLite's `upper()`, which folds ASCII letters only, so
/// other letters sort by code point rather than by their upper-case form. LIMIT and OFFSET are not
/// re-checked here (the parser enforces Salesforce's bounds), so the server may page a result past
/// 2,000 rows with queries it builds itself.
///
/// ```swift
/// let query = try SOQLParser.parse("SELECT Id FROM lead WHERE CreatedDate = LAST_N_DAYS:7 ORDER BY Name")
/// let statement = try SOQLTranslator.translate(query, schemas: [leadSchema], table: { $0 }, now: Date())
/// // statement.sql: SELECT "Id" FROM "Lead" WHERE (… >= ? AND … < ?) ORDER BY …, rowid
/// ```
public enum SOQLTranslator {
    /// The SQLite statement answering `query`.
    /// - Parameters:
    ///   - schemas: the org's sObjects; `query.object` and its fields are looked up case-insensitively.
    ///   - table: the SQLite table holding an sObject, given its canonical name.
    ///   - now: the moment relative date literals (`TODAY`, `LAST_N_DAYS:n`, …) are resolved against.
    /// - Throws: ``SOQLError`` with `INVALID_TYPE` for an unknown object, `INVALID_FIELD` for an unknown
    ///   field or a value of the wrong type, the other codes Salesforce uses for invalid filters, and
    ///   `QUERY_TOO_COMPLICATED` for a query beyond what SQLite can run (see `SQLiteLimits`).
    public static func translate(
        _ query: SOQLQuery,
        schemas: [SOQLSchema],
        table: (String) -> String,
        now: Date
    ) throws(SOQLError) -> SQLiteQuery {
        guard let schema = schemas.first(where: { $0.object.lowercased() == query.object.lowercased() }) else {
            throw .unsupportedObject(query.object)
        }
        var selectedFields: [String] = []
        if case .fields(let names) = query.selection {
            guard !names.isEmpty else { throw .malformed("SELECT needs at least one field, e.g. SELECT Id FROM \(schema.object)") }
            for name in names { selectedFields.append(try schema.resolve(name).name) }
        }

        var filter = ConditionTranslator(schema: schema, now: now)
        var sql = " FROM \(SQLiteName.quoted(table(schema.object)))"
        if let condition = query.condition {
            sql += " WHERE " + (try filter.sql(for: condition))
        }
        var arguments = filter.arguments

        if case .fields = query.selection {
            sql += " ORDER BY " + (try orderingTerms(query.ordering, schema: schema) + ["rowid"]).joined(separator: ", ")
        }
        switch (query.limit, query.offset) {
        case (let limit?, let offset?):
            sql += " LIMIT ? OFFSET ?"
            arguments += [.integer(Int64(limit)), .integer(Int64(offset))]
        case (let limit?, nil):
            sql += " LIMIT ?"
            arguments.append(.integer(Int64(limit)))
        case (nil, let offset?):
            sql += " LIMIT -1 OFFSET ?"
            arguments.append(.integer(Int64(offset)))
        case (nil, nil):
            break
        }

        guard case .fields = query.selection else {
            // COUNT() counts the records the same LIMIT and OFFSET would return.
            let counted = query.limit == nil && query.offset == nil
                ? "SELECT COUNT(*)" + sql
                : "SELECT COUNT(*) FROM (SELECT 1" + sql + ")"
            let statement = SQLiteQuery(sql: counted, arguments: arguments, selectedFields: [], isCount: true)
            try SQLiteLimits.check(statement)
            return statement
        }
        let columns = selectedFields.map(SQLiteName.quoted).joined(separator: ", ")
        let statement = SQLiteQuery(sql: "SELECT \(columns)" + sql, arguments: arguments, selectedFields: selectedFields, isCount: false)
        try SQLiteLimits.check(statement)
        return statement
    }

    /// ORDER BY terms without placeholders, so the WHERE arguments stay first.
    private static func orderingTerms(_ ordering: [SOQLOrdering], schema: SOQLSchema) throws(SOQLError) -> [String] {
        var terms: [String] = []
        for item in ordering {
            let field = try schema.resolve(item.field)
            let column = SQLiteName.quoted(field.name)
            let direction = item.descending ? "DESC" : "ASC"
            switch field.type {
            case .anyType:
                throw .notSortable(field.name)
            case .boolean:
                // A missing boolean is false (see ConditionTranslator), so there are no nulls to place.
                terms.append("IFNULL(\(column), 0) \(direction)")
                continue
            case .text:
                // "For English locales, SOQL uses the UTF-8 values of the uppercase characters."
                terms.append("(\(column) IS NULL) \(item.nullsFirst ? "DESC" : "ASC")")
                terms.append("upper(\(column)) \(direction)")
            case .id, .integer, .double, .date, .dateTime:
                terms.append("(\(column) IS NULL) \(item.nullsFirst ? "DESC" : "ASC")")
                terms.append("\(column) \(direction)")
            }
        }
        return terms
    }
}
