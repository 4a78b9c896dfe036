/// A translated query: SQLite SQL with `?` placeholders and the values to bind to them, in order.
/// (Not named `SQLiteStatement`: GRDB, which the local server also imports, has a type by that name.)
///
/// Every value from the query travels as an argument, never inside the SQL text, so no SOQL literal can
/// change the statement's structure. For a field selection the statement returns one row per record,
/// its columns being ``selectedFields`` in SELECT order. For `COUNT()` it returns one row with one
/// integer column.
public struct SQLiteQuery: Sendable, Equatable {
    public var sql: String
    public var arguments: [SQLiteArgument]
    /// The selected fields' canonical names, in SELECT order; empty for `COUNT()`.
    public var selectedFields: [String]
    /// Whether this is `SELECT COUNT()`: the caller answers `totalSize` with no records.
    public var isCount: Bool

    public init(sql: String, arguments: [SQLiteArgument], selectedFields: [String], isCount: Bool) {
        self.sql = sql
        self.arguments = arguments
        self.selectedFields = selectedFields
        self.isCount = isCount
    }
}

/// A value bound to one `?` of a ``SQLiteQuery``, typed as SQLite stores it (one case per SQLite
/// storage class, so callers can bind exhaustively; the translator itself tests nulls with `IS NULL`).
public enum SQLiteArgument: Sendable, Equatable {
    case null
    case integer(Int64)
    case double(Double)
    case text(String)
}
