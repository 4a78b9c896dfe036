import Foundation

/// Turns a WHERE condition into SQLite SQL for one sObject, checking each value against its field's type.
///
/// Every fragment this produces is 0 or 1 and never NULL, so SQLite's three-valued logic cannot leak
/// into SOQL's two-valued one (see ``SOQLCondition``): a null field is tested with `IS NULL` explicitly
/// and every other comparison is guarded by `IS NOT NULL`. `!=` and `NOT IN` are the negation of `=`
/// and `IN`, which is what keeps records with a null field in `Rating != 'Hot'`.
struct ConditionTranslator {
    let schema: SOQLSchema
    let now: Date
    /// Values for the `?` placeholders, in the order they appear in the SQL produced so far.
    private(set) var arguments: [SQLiteArgument] = []

    init(schema: SOQLSchema, now: Date) {
        self.schema = schema
        self.now = now
    }

    mutating func sql(for condition: SOQLCondition) throws(SOQLError) -> String {
        switch condition {
        case .and(let operands): return try joined(operands, with: "AND")
        case .or(let operands): return try joined(operands, with: "OR")
        case .not(.not(let operand)):
            // Two-valued logic makes a double negation the identity; dropping it keeps SQLite's parser
            // stack (one entry per pending NOT) bounded by the nesting of parentheses.
            return try sql(for: operand)
        case .not(let operand): return "NOT " + (try sql(for: operand))
        case .field(let name, let predicate):
            let field = try schema.resolve(name)
            guard field.type != .anyType else { throw .notFilterable(field.name) }
            switch predicate {
            case .compare(.equal, let value): return try membership(field, [value])
            case .compare(.notEqual, let value): return "NOT " + (try membership(field, [value]))
            case .compare(let comparison, let value): return try ordered(field, comparison, value)
            case .isIn(let values): return try membership(field, values)
            case .notIn(let values): return "NOT " + (try membership(field, values))
            case .like(let pattern): return try like(field, pattern)
            }
        }
    }

    private mutating func joined(_ operands: [SOQLCondition], with connective: String) throws(SOQLError) -> String {
        var parts: [String] = []
        for operand in operands { parts.append(try sql(for: operand)) }
        return Self.balanced(parts, connective)
    }

    /// `(a OR b OR …)`, grouped in halves past eight operands: SQLite nests a flat chain one level per
    /// operator and refuses expressions deeper than 1,000 levels, so long chains must become trees.
    /// A single operand stays as it is (every fragment binds tighter than AND and OR); none at all, as
    /// only a programmatically built condition can have, is the identity (true for AND, false for OR).
    private static func balanced(_ parts: [String], _ connective: String) -> String {
        guard parts.count > 1 else { return parts.first ?? (connective == "AND" ? "1" : "0") }
        guard parts.count > 8 else { return "(" + parts.joined(separator: " \(connective) ") + ")" }
        let middle = parts.count / 2
        return "(" + balanced(Array(parts[..<middle]), connective) + " \(connective) "
            + balanced(Array(parts[middle...]), connective) + ")"
    }

    // MARK: - = and IN

    /// True when the field equals one of `values` (null included); `=` is the one-value case.
    private mutating func membership(_ field: SOQLSchema.Field, _ values: [SOQLValue]) throws(SOQLError) -> String {
        let column = SQLiteName.quoted(field.name)
        if field.type == .boolean {
            // "WHERE Test_c = null is equivalent to WHERE Test_c = false": a missing boolean is false.
            var wanted: [Int64] = []
            for value in values {
                switch value {
                case .boolean(let flag): wanted.append(flag ? 1 : 0)
                case .null: wanted.append(0)
                default: throw .filterValue(field: field.name, mustBe: .boolean)
                }
            }
            return "(IFNULL(\(column), 0) IN (\(wanted.map { bind(.integer($0)) }.joined(separator: ", "))))"
        }

        var includesNull = false
        var exactTexts: [String] = []
        var exactValues: [SQLiteArgument] = []
        var ranges: [(start: SQLiteArgument, end: SQLiteArgument)] = []
        for value in values {
            if value == .null || (value == .string("") && (field.type == .text || field.type == .id)) {
                // Salesforce keeps blank text as null, so '' finds the records without a value.
                includesNull = true
            } else if field.type == .text {
                guard case .string(let text) = value else { throw .filterValue(field: field.name, mustBe: .text) }
                exactTexts.append(text)
            } else if let range = try dayRange(field, value) {
                ranges.append(range)
            } else {
                exactValues.append(try exactArgument(field, value))
            }
        }

        var terms: [String] = []
        if includesNull { terms.append("\(column) IS NULL") }
        let foldedByUpper = exactTexts.filter(CaseInsensitiveText.isFoldedByUpper)
        if !foldedByUpper.isEmpty {
            let placeholders = foldedByUpper.map { bind(.text(CaseInsensitiveText.upper($0))) }
            terms.append("(\(column) IS NOT NULL AND upper(\(column)) IN (\(placeholders.joined(separator: ", "))))")
        }
        for text in exactTexts where !CaseInsensitiveText.isFoldedByUpper(text) {
            let pattern = try CaseInsensitiveText.globPattern([.text(text)], field: field.name)
            terms.append("(\(column) IS NOT NULL AND \(column) GLOB \(bind(.text(pattern))))")
        }
        if !exactValues.isEmpty {
            let compared = field.type == .id ? "substr(\(column), 1, 15)" : column
            let placeholders = exactValues.map { bind($0) }
            terms.append("(\(column) IS NOT NULL AND \(compared) IN (\(placeholders.joined(separator: ", "))))")
        }
        for range in ranges {
            terms.append("(\(column) IS NOT NULL AND \(column) >= \(bind(range.start)) AND \(column) < \(bind(range.end)))")
        }
        return Self.balanced(terms, "OR")
    }

    // MARK: - < <= > >=

    private mutating func ordered(
        _ field: SOQLSchema.Field, _ comparison: SOQLComparisonOperator, _ value: SOQLValue
    ) throws(SOQLError) -> String {
        let column = SQLiteName.quoted(field.name)
        guard value != .null else {
            throw .malformed("null can only be compared with = or !=, not \(comparison.rawValue) (field '\(field.name)')")
        }
        if field.type == .boolean {
            throw .invalidOperator(comparison.rawValue, field: field.name, type: .boolean, allowed: "use = or != with true or false")
        }
        if field.type == .text {
            guard case .string(let text) = value else { throw .filterValue(field: field.name, mustBe: .text) }
            // Ordering needs every stored letter folded, which SQLite's upper() does for ASCII only. Against
            // an ASCII value that is enough: any other character sorts after ASCII in either case.
            guard text.unicodeScalars.allSatisfy(\.isASCII) else {
                throw .unsupported("Comparing text field '\(field.name)' with \(comparison.rawValue) against '\(text)', "
                    + "which has non-ASCII characters,", instead: "use =, IN or LIKE for such values")
            }
            return "(\(column) IS NOT NULL AND upper(\(column)) \(comparison.rawValue) \(bind(.text(CaseInsensitiveText.upper(text)))))"
        }
        if let range = try dayRange(field, value) {
            // The documented meaning of a range literal on each side: < before its start, <= before its
            // end, > from its end on, >= from its start on.
            let (sqlOperator, bound) = switch comparison {
            case .lessThan: ("<", range.start)
            case .lessOrEqual: ("<", range.end)
            case .greaterThan: (">=", range.end)
            default: (">=", range.start)
            }
            return "(\(column) IS NOT NULL AND \(column) \(sqlOperator) \(bind(bound)))"
        }
        let argument = try exactArgument(field, value)
        let compared = field.type == .id ? "substr(\(column), 1, 15)" : column
        return "(\(column) IS NOT NULL AND \(compared) \(comparison.rawValue) \(bind(argument)))"
    }

    // MARK: - LIKE

    private mutating func like(_ field: SOQLSchema.Field, _ pattern: SOQLLikePattern) throws(SOQLError) -> String {
        guard field.type == .text else {
            throw .invalidOperator("LIKE", field: field.name, type: field.type, allowed: "LIKE applies to text fields only; use = or IN")
        }
        let column = SQLiteName.quoted(field.name)
        let glob = try CaseInsensitiveText.globPattern(pattern.elements, field: field.name)
        return "(\(column) IS NOT NULL AND \(column) GLOB \(bind(.text(glob))))"
    }

    // MARK: - Values

    /// The stored form of a single value for a number, id, date or dateTime field.
    private func exactArgument(_ field: SOQLSchema.Field, _ value: SOQLValue) throws(SOQLError) -> SQLiteArgument {
        switch (field.type, value) {
        case (.id, .string(let text)):
            guard let canonical = RecordIdLiteral.canonical(text) else { throw .invalidID(text) }
            return .text(canonical)
        case (.integer, .integer(let number)), (.double, .integer(let number)): return .integer(number)
        case (.integer, .decimal(let number)), (.double, .decimal(let number)): return .double(number)
        case (.date, .date(let day)): return .text(day.description)
        case (.dateTime, .dateTime(let milliseconds)): return .integer(milliseconds)
        default: throw .filterValue(field: field.name, mustBe: field.type)
        }
    }

    /// The stored bounds `[start, end)` of a relative date literal, or `nil` when `value` is not one.
    private func dayRange(
        _ field: SOQLSchema.Field, _ value: SOQLValue
    ) throws(SOQLError) -> (start: SQLiteArgument, end: SQLiteArgument)? {
        guard case .dateLiteral(let literal) = value else { return nil }
        guard field.type == .date || field.type == .dateTime else { throw .filterValue(field: field.name, mustBe: field.type) }
        guard let range = literal.range(relativeTo: now) else {
            throw .numberOutsideValidRange("\(literal) reaches beyond the years 0001–9999; use a smaller number of days")
        }
        if field.type == .date { return (.text(range.start.description), .text(range.end.description)) }
        return (.integer(range.start.startMillisecondsSinceEpoch), .integer(range.end.startMillisecondsSinceEpoch))
    }

    private mutating func bind(_ argument: SQLiteArgument) -> String {
        arguments.append(argument)
        return "?"
    }
}
