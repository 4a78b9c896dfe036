import Foundation
import LeadscoreSOQL

/// SOQL's WHERE and ORDER BY semantics evaluated in plain Swift over `TestLead` values, written from
/// the reference's rules and sharing no code with the translator: date literal ranges come from
/// Foundation's calendar, case folding from Swift's Unicode case mapping.
///
/// The rules: two-valued logic; null is a value for `=`/`!=`/`IN`/`NOT IN` (and '' means null for
/// text); `<`…`>=` and LIKE are false for null; a missing boolean is false; text compares
/// case-insensitively letter by letter; ids compare on their 15-character form; a date literal range
/// is `[start, end)` with `<` before start, `<=` before end, `>` from end, `>=` from start.
struct ReferenceEvaluator {
    let now: Date

    enum Cell: Equatable {
        case null, text(String), id(String), number(Double), boolean(Bool), day(String), instant(Int64)
    }

    static func cell(_ field: String, of lead: TestLead) -> Cell {
        func text(_ value: String?) -> Cell { value.map(Cell.text) ?? .null }
        switch field {
        case "Id": return .id(lead.id)
        case "OwnerId": return lead.ownerId.map(Cell.id) ?? .null
        case "LastName": return text(lead.lastName)
        case "Company": return text(lead.company)
        case "Status": return text(lead.status)
        case "Rating": return text(lead.rating)
        case "NumberOfEmployees": return lead.employees.map { .number(Double($0)) } ?? .null
        case "AnnualRevenue": return lead.revenue.map(Cell.number) ?? .null
        case "IsConverted": return .boolean(lead.converted ?? false)
        case "HasOptedOutOfEmail": return .boolean(lead.optedOut ?? false)
        case "ConvertedDate": return lead.convertedDate.map(Cell.day) ?? .null
        case "CreatedDate": return lead.createdMilliseconds.map(Cell.instant) ?? .null
        default: fatalError("the reference evaluator does not know field \(field)")
        }
    }

    func holds(_ condition: SOQLCondition, for lead: TestLead) -> Bool {
        switch condition {
        case .and(let operands): return operands.allSatisfy { holds($0, for: lead) }
        case .or(let operands): return operands.contains { holds($0, for: lead) }
        case .not(let operand): return !holds(operand, for: lead)
        case .field(let field, let predicate):
            let cell = Self.cell(field, of: lead)
            switch predicate {
            case .compare(.equal, let value): return equals(cell, value)
            case .compare(.notEqual, let value): return !equals(cell, value)
            case .compare(let comparison, let value): return compare(cell, comparison, value)
            case .isIn(let values): return values.contains { equals(cell, $0) }
            case .notIn(let values): return !values.contains { equals(cell, $0) }
            case .like(let pattern):
                guard case .text(let text) = cell else { return false }
                return Self.like(Array(Self.folded(text)), pattern.elements.flatMap(Self.pieces))
            }
        }
    }

    // MARK: - Equality and order

    private func equals(_ cell: Cell, _ value: SOQLValue) -> Bool {
        switch (cell, value) {
        case (.boolean(let flag), .null): return !flag
        case (.boolean(let flag), .boolean(let wanted)): return flag == wanted
        case (.null, .null), (.null, .string("")): return true
        case (.null, _), (_, .null): return false
        case (_, .dateLiteral(let literal)):
            let (start, end) = bounds(literal, for: cell)
            return compareCells(cell, start) >= 0 && compareCells(cell, end) < 0
        default: return compareCells(cell, Self.cell(of: value)) == 0
        }
    }

    private func compare(_ cell: Cell, _ comparison: SOQLComparisonOperator, _ value: SOQLValue) -> Bool {
        guard cell != .null else { return false }
        if case .dateLiteral(let literal) = value {
            let (start, end) = bounds(literal, for: cell)
            switch comparison {
            case .lessThan: return compareCells(cell, start) < 0
            case .lessOrEqual: return compareCells(cell, end) < 0
            case .greaterThan: return compareCells(cell, end) >= 0
            default: return compareCells(cell, start) >= 0
            }
        }
        let order = compareCells(cell, Self.cell(of: value))
        switch comparison {
        case .lessThan: return order < 0
        case .lessOrEqual: return order <= 0
        case .greaterThan: return order > 0
        case .greaterOrEqual: return order >= 0
        default: return order == 0
        }
    }

    private static func cell(of value: SOQLValue) -> Cell {
        switch value {
        case .string(let text): return .text(text)
        case .integer(let number): return .number(Double(number))
        case .decimal(let number): return .number(number)
        case .boolean(let flag): return .boolean(flag)
        case .date(let day): return .day(day.description)
        case .dateTime(let milliseconds): return .instant(milliseconds)
        case .null, .dateLiteral: return .null
        }
    }

    /// -1, 0 or 1 for two non-null cells of the same kind (a text value against an id cell is an id).
    func compareCells(_ left: Cell, _ right: Cell) -> Int {
        func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
        switch (left, right) {
        case (.text(let a), .text(let b)): return Self.order(Self.folded(a), Self.folded(b))
        case (.id(let a), .text(let b)), (.id(let a), .id(let b)):
            return Self.order(Array(String(a.prefix(15)).unicodeScalars), Array(String(b.prefix(15)).unicodeScalars))
        case (.number(let a), .number(let b)): return order(a, b)
        case (.boolean(let a), .boolean(let b)): return order(a ? 1 : 0, b ? 1 : 0)
        case (.day(let a), .day(let b)): return order(a, b)
        case (.instant(let a), .instant(let b)): return order(a, b)
        default: fatalError("cannot compare \(left) with \(right)")
        }
    }

    private static func order(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        for (x, y) in zip(a, b) where x != y { return x.value < y.value ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Each letter replaced by its upper case when that is a single letter (as `equalsIgnoreCase` does).
    static func folded(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.map { scalar in
            let upper = String(scalar).uppercased().unicodeScalars
            return upper.count == 1 ? upper.first! : scalar
        }
    }

    // MARK: - ORDER BY

    /// `leads` in ORDER BY order: nulls first unless NULLS LAST (whatever the direction), a missing
    /// boolean as false, text by its upper-case form with ASCII letters folded (the documented limit:
    /// other letters keep their code point), and storage order between equal keys.
    func sorted(_ leads: [TestLead], by ordering: [SOQLOrdering]) -> [TestLead] {
        leads.sorted { left, right in
            for item in ordering {
                let a = Self.cell(item.field, of: left), b = Self.cell(item.field, of: right)
                if a == .null || b == .null {
                    if a == b { continue }
                    return (a == .null) == item.nullsFirst
                }
                let order = Self.sortOrder(a, b, compare: compareCells)
                if order != 0 { return item.descending ? order > 0 : order < 0 }
            }
            return left.number < right.number
        }
    }

    private static func sortOrder(_ a: Cell, _ b: Cell, compare: (Cell, Cell) -> Int) -> Int {
        func asciiUpper(_ text: String) -> [Unicode.Scalar] {
            text.unicodeScalars.map { ("a"..."z").contains($0) ? Unicode.Scalar($0.value - 32)! : $0 }
        }
        switch (a, b) {
        case (.text(let x), .text(let y)): return order(asciiUpper(x), asciiUpper(y))
        case (.id(let x), .id(let y)): return order(Array(x.unicodeScalars), Array(y.unicodeScalars))
        default: return compare(a, b)
        }
    }

    // MARK: - LIKE

    private enum Piece: Equatable { case scalar(Unicode.Scalar), one, many }

    private static func pieces(_ element: SOQLLikePattern.Element) -> [Piece] {
        switch element {
        case .anyCharacter: [.one]
        case .anyCharacters: [.many]
        case .text(let text): folded(text).map(Piece.scalar)
        }
    }

    private static func like(_ text: [Unicode.Scalar], _ pattern: [Piece]) -> Bool {
        // matches[i][j]: text[i...] matches pattern[j...]
        var matches = Array(repeating: Array(repeating: false, count: pattern.count + 1), count: text.count + 1)
        matches[text.count][pattern.count] = true
        for i in stride(from: text.count, through: 0, by: -1) {
            for j in stride(from: pattern.count - 1, through: 0, by: -1) {
                switch pattern[j] {
                case .many: matches[i][j] = matches[i][j + 1] || (i < text.count && matches[i + 1][j])
                case .one: matches[i][j] = i < text.count && matches[i + 1][j + 1]
                case .scalar(let scalar): matches[i][j] = i < text.count && text[i] == scalar && matches[i + 1][j + 1]
                }
            }
        }
        return matches[0][0]
    }

    // MARK: - Date literals, from Foundation's Gregorian calendar in UTC

    private func bounds(_ literal: SOQLDateLiteral, for cell: Cell) -> (Cell, Cell) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: now)
        func day(_ offset: Int, from date: Date = today) -> Date { calendar.date(byAdding: .day, value: offset, to: date)! }
        func period(_ component: Calendar.Component, back: Int) -> (Date, Date) {
            let current = calendar.dateInterval(of: component, for: now)!
            let start = calendar.date(byAdding: component, value: -back, to: current.start)!
            return (start, calendar.date(byAdding: component, value: 1, to: start)!)
        }
        let (start, end): (Date, Date) = switch literal {
        case .today: (today, day(1))
        case .yesterday: (day(-1), today)
        case .tomorrow: (day(1), day(2))
        case .lastNDays(let count): (day(-count), day(1))
        case .nextNDays(let count): (day(1), day(1 + count))
        case .thisMonth: period(.month, back: 0)
        case .lastMonth: period(.month, back: 1)
        case .thisYear: period(.year, back: 0)
        case .lastYear: period(.year, back: 1)
        }
        func stored(_ date: Date) -> Cell {
            if case .instant = cell { return .instant(Int64(date.timeIntervalSince1970 * 1000)) }
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return .day(String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!))
        }
        return (stored(start), stored(end))
    }
}
