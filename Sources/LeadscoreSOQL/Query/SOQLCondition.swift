/// A WHERE condition: field expressions combined with AND, OR and NOT.
///
/// SOQL's logic is two-valued. A field expression is either true or false for a record, null
/// included: `null` is a value like any other for `=`, `!=`, `IN` and `NOT IN` (so `Rating != 'Hot'`
/// keeps records without a rating, as Salesforce does), while `<`, `<=`, `>`, `>=` and `LIKE` are false
/// for a null field. `NOT` then simply negates. ``SOQLTranslator`` keeps every SQL fragment non-null so
/// SQLite's three-valued logic cannot change an answer.
public indirect enum SOQLCondition: Sendable, Equatable {
    /// `a AND b AND …` (at least two operands).
    case and([SOQLCondition])
    /// `a OR b OR …` (at least two operands).
    case or([SOQLCondition])
    /// `NOT a`.
    case not(SOQLCondition)
    /// `Field <predicate>`, e.g. `Status = 'Open'`, `Rating IN ('Hot', 'Warm')`, `Email LIKE '%@acme.com'`.
    case field(String, SOQLPredicate)
}

/// What a field expression says about its field.
public enum SOQLPredicate: Sendable, Equatable {
    /// `= != < <= > >=` with one value.
    case compare(SOQLComparisonOperator, SOQLValue)
    /// `IN (v1, v2, …)`: true when the field equals one of the values.
    case isIn([SOQLValue])
    /// `NOT IN (v1, v2, …)`: true when the field equals none of the values.
    case notIn([SOQLValue])
    /// `LIKE 'pattern'`: a case-insensitive match with `%` and `_` wildcards, text fields only.
    case like(SOQLLikePattern)
}

/// The comparison operators of a field expression. `<>` is parsed as ``notEqual``.
public enum SOQLComparisonOperator: String, Sendable, Equatable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case lessThan = "<"
    case lessOrEqual = "<="
    case greaterThan = ">"
    case greaterOrEqual = ">="
}
