import Foundation
import LeadscoreSOQL

/// Writes a condition tree back as SOQL text, escaping as the reference requires, so that random trees
/// go through the real parser. Compound operands are always parenthesised, which is what lets the
/// parsed tree equal the generated one.
enum SOQLRenderer {
    static func render(_ condition: SOQLCondition) -> String {
        switch condition {
        case .and(let operands): return operands.map(operand).joined(separator: " AND ")
        case .or(let operands): return operands.map(operand).joined(separator: " OR ")
        case .not(let inner): return "NOT " + operand(inner)
        case .field(let field, let predicate): return field + " " + render(predicate)
        }
    }

    private static func operand(_ condition: SOQLCondition) -> String {
        if case .field = condition { return render(condition) }
        return "(" + render(condition) + ")"
    }

    private static func render(_ predicate: SOQLPredicate) -> String {
        switch predicate {
        case .compare(let comparison, let value): return comparison.rawValue + " " + render(value)
        case .isIn(let values): return "IN (" + values.map(render).joined(separator: ", ") + ")"
        case .notIn(let values): return "NOT IN (" + values.map(render).joined(separator: ", ") + ")"
        case .like(let pattern): return "LIKE '" + render(pattern) + "'"
        }
    }

    static func render(_ value: SOQLValue) -> String {
        switch value {
        case .string(let text): return "'" + escaped(text) + "'"
        case .integer(let number): return String(number)
        case .decimal(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "FALSE"
        case .null: return "null"
        case .date(let day): return day.description
        case .dateTime(let milliseconds):
            let days = Int((Double(milliseconds) / 86_400_000).rounded(.down))
            let ofDay = Int(milliseconds - Int64(days) * 86_400_000)
            let time = String(format: "%02d:%02d:%02d.%03d", ofDay / 3_600_000, ofDay / 60_000 % 60, ofDay / 1000 % 60, ofDay % 1000)
            return "\(SOQLDay(daysSinceEpoch: days)!)T\(time)Z"
        case .dateLiteral(let literal): return literal.description
        }
    }

    private static func render(_ pattern: SOQLLikePattern) -> String {
        pattern.elements.map { element in
            switch element {
            case .anyCharacter: "_"
            case .anyCharacters: "%"
            case .text(let text): escaped(text).replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            }
        }.joined()
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "'", with: "\\'")
            .replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\t", with: "\\t")
    }
}
