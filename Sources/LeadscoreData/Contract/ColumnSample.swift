import Foundation

/// What a contract draft learns about one CSV column from a sample of rows: enough to guess its type.
///
/// Placeholders (`N/A`, `--None--`, `-`…) are skipped like empty values, so a number column with
/// gaps written as `N/A` drafts as a number and a picklist does not offer `Select` as a level. The
/// draft has no contract yet, so it uses the default list, which it then writes into the contract.
struct ColumnSample {
    let header: String
    private(set) var nonEmpty = 0
    private var notBoolean = 0, notNumber = 0, notWhole = 0, notDate = 0, withTime = 0
    private var notId = 0, emails = 0, withSemicolon = 0
    private var counts: [String: Int] = [:]
    private var tooMany = false
    /// The lowest and highest numbers seen (meaningful when the column drafts as a number).
    private(set) var lowest = Double.infinity, highest = -Double.infinity
    private static let maxTracked = 200

    init(header: String) {
        self.header = header
    }

    mutating func observe(_ raw: String) {
        let value = FieldParser.trimmed(raw)
        guard !MissingValues.standard.isMissing(value) else { return }
        nonEmpty += 1
        if FieldParser.parseBoolean(value) == nil { notBoolean += 1 }
        if let number = FieldParser.parseNumber(value) {
            if number.rounded() != number { notWhole += 1 }
            lowest = min(lowest, number)
            highest = max(highest, number)
        } else {
            notNumber += 1
        }
        if SalesforceDate.parse(value) == nil { notDate += 1 } else if value.count > 10 { withTime += 1 }
        if !SalesforceId.isValid(value) { notId += 1 }
        if value.contains("@") { emails += 1 }
        if value.contains(";") { withSemicolon += 1 }
        if !tooMany {
            counts[value, default: 0] += 1
            if counts.count > Self.maxTracked { tooMany = true; counts = [:] }
        }
    }

    func inferredType(name: String) -> FieldType {
        guard nonEmpty > 0 else { return .string }
        if notBoolean == 0 { return .boolean }
        if notNumber == 0 {
            // Salesforce ids are never all digits, so numbers win over ids here.
            return notWhole == 0 ? .integer : .number
        }
        if notDate == 0 { return withTime > 0 ? .datetime : .date }
        if notId == 0 { return .id }
        if Double(emails) >= 0.95 * Double(nonEmpty) { return .email }
        if name.lowercased().contains("phone") || name == "Fax" { return .phone }
        if !tooMany {
            if Double(withSemicolon) >= 0.02 * Double(nonEmpty), multiValues.count <= 60 { return .multipicklist }
            if counts.count <= 60, Double(counts.count) <= 0.5 * Double(nonEmpty) { return .picklist }
        }
        return .string
    }

    /// Observed values, most frequent first (split on `;` for multi-select picklists).
    func topValues(_ type: FieldType) -> [String] {
        let source = type == .multipicklist ? multiValues : counts
        return source.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    private var multiValues: [String: Int] {
        var values: [String: Int] = [:]
        for (combination, count) in counts {
            for part in combination.split(separator: ";") {
                let trimmed = part.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { values[trimmed, default: 0] += count }
            }
        }
        return values
    }
}

