import Foundation
import LeadscoreData

/// Outcomes from a CSV export of leads (a Data Loader export or a lead report saved as CSV): `Id`,
/// `IsConverted`, `ConvertedDate`, `CreatedDate` and optionally `Status` (the contract's own label and
/// creation fields when it names others). Column names match case-insensitively; the delimiter is
/// detected as `CSVReader` does. Rows of leads that were never scored are skipped unread.
///
/// The file is refused, with every problem at once (up to ``problemLimit``), when a column is missing,
/// a row is malformed, or a scored lead's values cannot be read: a lead quietly dropped would bias the
/// cohort it belongs to.
public struct CSVOutcomeSource: OutcomeSource {
    public static let problemLimit = 20

    public let url: URL
    public let delimiter: CSVDelimiterChoice

    public init(url: URL, delimiter: CSVDelimiterChoice = .detect) {
        self.url = url
        self.delimiter = delimiter
    }

    public var name: String { url.lastPathComponent }

    public func outcomes(for leads: Set<String>, fields: OutcomeFields) async throws -> OutcomeLookup {
        let reader = try CSVReader(url: url, delimiter: delimiter)
        try reader.requireSeveralColumns()
        let columns = try Columns(header: reader.header, fields: fields, source: name)
        var problems = CSVProblems(source: name, limit: Self.problemLimit)
        var outcomes: [String: LeadOutcome] = [:]
        var lines: [String: Int] = [:]
        while let record = try reader.next() {
            let row: CSVRow
            switch record {
            case let .malformed(problem):
                problems.add(line: problem.line, field: nil, problem: problem.reason,
                             fix: "check the quoting on that line, or export the file again")
                continue
            case let .row(read): row = read
            }
            let id = row.values[columns.id].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else {
                problems.add(line: row.line, field: fields.id, problem: "the lead id is empty", fix: "export the Id column with every row")
                continue
            }
            let key = LeadOutcome.key(for: id)
            guard leads.contains(key), let outcome = columns.outcome(id: id, row: row, fields: fields, problems: &problems) else {
                continue
            }
            if let earlier = outcomes[key] {
                var same = outcome
                same.leadId = earlier.leadId  // the 15- and 18-character spellings of one lead
                if earlier != same {
                    problems.add(line: row.line, field: fields.id, problem: "lead \(id) is also on line \(lines[key] ?? 0) with other values",
                                 fix: "export each lead once (a report grouped by another object repeats leads)")
                }
                continue
            }
            outcomes[key] = outcome
            lines[key] = row.line
        }
        try problems.throwIfAny()
        var notes: [String] = []
        if columns.status == nil {
            notes.append("\(name) has no \(fields.status) column: worked rates are unknown (export Status to see them)")
        }
        return OutcomeLookup(outcomes: outcomes, hasStatus: columns.status != nil, notes: notes)
    }

    /// Where each field sits in the header.
    private struct Columns {
        let id: Int
        let flag: Int
        let date: Int?
        let created: Int
        let status: Int?

        init(header: [String], fields: OutcomeFields, source: String) throws {
            func position(_ name: String) -> Int? {
                header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
            }
            let required = [fields.id, fields.flag, fields.created] + [fields.date].compactMap { $0 }
            let missing = required.filter { position($0) == nil }
            guard missing.isEmpty else {
                throw InputError(
                    source: source, line: 1, field: missing.joined(separator: ", "),
                    problem: "the header has no \(missing.joined(separator: ", ")) column (it has \(header.prefix(12).joined(separator: ", ")))",
                    fix: "export the leads with \(required.joined(separator: ", ")) and \(fields.status), named by their API names")
            }
            id = position(fields.id)!
            flag = position(fields.flag)!
            date = fields.date.flatMap(position)
            created = position(fields.created)!
            status = position(fields.status)
        }

        /// The row's outcome, or nil after recording why it cannot be read.
        func outcome(id leadId: String, row: CSVRow, fields: OutcomeFields, problems: inout CSVProblems) -> LeadOutcome? {
            let flagText = row.values[flag].trimmingCharacters(in: .whitespaces)
            guard let converted = FieldParser.parseBoolean(flagText) else {
                problems.add(line: row.line, field: fields.flag, problem: "'\(flagText.prefix(40))' is not a yes/no value",
                             fix: "use true/false, 1/0 or Yes/No, as Salesforce exports \(fields.flag)")
                return nil
            }
            var readable = true
            func time(_ column: Int?, _ name: String?) -> Double? {
                guard let column, let name else { return nil }
                let text = row.values[column].trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { return nil }
                guard let seconds = SalesforceDate.parse(text) else {
                    problems.add(line: row.line, field: name, problem: "'\(text.prefix(40))' is not a date",
                                 fix: "use 2025-03-04, 2025-03-04T15:22:10.000+0000 or 3/4/2025 3:22 PM")
                    readable = false
                    return nil
                }
                return seconds
            }
            let convertedAt = time(date, fields.date)
            let createdAt = time(created, fields.created)
            if converted, let dateField = fields.date, convertedAt == nil, readable {
                problems.add(line: row.line, field: dateField,
                             problem: "\(fields.flag) is true but \(dateField) is empty, so the conversion cannot be placed in the label window",
                             fix: "export \(dateField) with the leads (Salesforce sets it on every converted lead)")
                readable = false
            }
            guard readable else { return nil }
            let statusText = status.map { row.values[$0].trimmingCharacters(in: .whitespaces) }
            return LeadOutcome(leadId: leadId, converted: converted, convertedAt: convertedAt, createdAt: createdAt,
                               status: statusText.flatMap { $0.isEmpty ? nil : $0 })
        }
    }
}
