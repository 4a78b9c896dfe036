/// A parsed SOQL `SELECT`: what to select, from which sObject, which rows, in which order, which page.
///
/// Names are kept as the query spelled them. ``SOQLTranslator`` resolves them against a ``SOQLSchema``
/// (case-insensitively, as Salesforce does), so parsing needs no schema and reports syntax only.
///
/// ```swift
/// let query = try SOQLParser.parse("SELECT Id, Name FROM Lead WHERE IsConverted = false LIMIT 10")
/// // query.selection == .fields(["Id", "Name"]), query.object == "Lead", query.limit == 10
/// ```
public struct SOQLQuery: Sendable, Equatable {
    /// What a query returns: records with these fields, or only how many records match.
    public enum Selection: Sendable, Equatable {
        /// `SELECT f1, f2, …`: field names in SELECT order, no duplicates (case-insensitively).
        case fields([String])
        /// `SELECT COUNT()`: the number of matching records, and no records.
        case count
    }

    public var selection: Selection
    /// The sObject after FROM, as spelled.
    public var object: String
    /// The WHERE condition, if any.
    public var condition: SOQLCondition?
    /// ORDER BY items in priority order; empty without ORDER BY.
    public var ordering: [SOQLOrdering]
    /// LIMIT, at most ``SOQLParser/maximumLimit``.
    public var limit: Int?
    /// OFFSET, at most ``SOQLParser/maximumOffset``.
    public var offset: Int?

    public init(
        selection: Selection,
        object: String,
        condition: SOQLCondition? = nil,
        ordering: [SOQLOrdering] = [],
        limit: Int? = nil,
        offset: Int? = nil
    ) {
        self.selection = selection
        self.object = object
        self.condition = condition
        self.ordering = ordering
        self.limit = limit
        self.offset = offset
    }
}

/// One ORDER BY item: `field [ASC|DESC] [NULLS FIRST|LAST]`.
///
/// The SOQL reference: "Default order is ascending" and "By default, null values are sorted first", so
/// the defaults are `descending == false`, `nullsFirst == true`, whatever the direction.
public struct SOQLOrdering: Sendable, Equatable {
    public var field: String
    public var descending: Bool
    public var nullsFirst: Bool

    public init(field: String, descending: Bool = false, nullsFirst: Bool = true) {
        self.field = field
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}
