import Foundation
import LeadscoreData

/// A lead export as the coverage check reads it: only `Id` and `CreatedDate` (matched case-insensitively),
/// every row checked, rows created outside the window skipped. A row without a readable creation time
/// refuses the file: Salesforce sets `CreatedDate` on every lead, so an empty one means a broken export,
/// and a lead quietly dropped would flatter the coverage.
extension CSVOutcomeSource: CreatedLeadSource {
    public func createdLeads(from: Date, to: Date) async throws -> CreatedLeads {
        let reader = try CSVReader(url: url, delimiter: delimiter)
        try reader.requireSeveralColumns()
        let (idField, createdField) = (CreatedLeads.idField, CreatedLeads.createdField)
        func position(_ name: String) -> Int? {
            reader.header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
        }
        guard let idColumn = position(idField), let createdColumn = position(createdField) else {
            let missing = [idField, createdField].filter { position($0) == nil }.joined(separator: ", ")
            throw InputError(source: name, line: 1, field: missing,
                             problem: "the header has no \(missing) column (it has \(reader.header.prefix(12).joined(separator: ", ")))",
                             fix: "export the leads with \(idField) and \(createdField), named by their API names")
        }
        let (start, end) = (from.timeIntervalSince1970, to.timeIntervalSince1970)
        var problems = CSVProblems(source: name, limit: Self.problemLimit)
        var leads = CreatedLeads()
        while let record = try reader.next() {
            guard case let .row(row) = record else {
                if case let .malformed(problem) = record {
                    problems.add(line: problem.line, field: nil, problem: problem.reason,
                                 fix: "check the quoting on that line, or export the file again")
                }
                continue
            }
            let id = row.values[idColumn].trimmingCharacters(in: .whitespaces)
            let text = row.values[createdColumn].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else {
                problems.add(line: row.line, field: idField, problem: "the lead id is empty", fix: "export the Id column with every row")
                continue
            }
            guard let seconds = SalesforceDate.parse(text) else {
                problems.add(line: row.line, field: createdField,
                             problem: text.isEmpty ? "lead \(id) has no \(createdField)" : "'\(text.prefix(40))' is not a date",
                             fix: "export \(createdField) with every lead, e.g. 2025-03-04T15:22:10.000+0000")
                continue
            }
            if seconds >= start, seconds < end { leads.add(id: id, at: seconds) }
        }
        try problems.throwIfAny()
        return leads
    }
}
