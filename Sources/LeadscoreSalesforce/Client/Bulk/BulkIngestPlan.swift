import Foundation
import LeadscoreData

/// An ingest CSV checked before anything is sent, and cut into uploads Salesforce accepts.
///
/// Every mistake Salesforce would only report after the job ran (or worse, would read differently from
/// what was meant) is found here with its line and a fix: a header that is not field API names, a missing
/// `Id` or external id column, a row with the wrong number of values, an update row whose Id is not a
/// Salesforce Id. The file is read twice (structure and parts, then values); neither pass holds it in memory.
struct BulkIngestPlan {
    /// The most bytes one upload carries. "Upload Job Data" (Bulk API 2.0 Developer Guide,
    /// https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/upload_job_data.htm):
    /// "A request can provide CSV data that does not in total exceed 150 MB of base64 encoded content …
    /// To account for the base64 conversion increase, upload data that does not exceed 100 MB."
    static let maxPartBytes = 100_000_000
    /// Row problems listed before the rest are only counted.
    static let maxListedProblems = 20

    let header: [String]
    /// Uploaded at the start of every part.
    let headerLine: [UInt8]
    let rows: Int
    let parts: [BulkUploadPart]
    /// The column that names each row's record (`Id`, the external id), nil for an insert.
    let keyColumn: Int?

    init(file: URL, operation: BulkIngestOperation, partBytes: Int) throws {
        let source = file.lastPathComponent
        (headerLine, parts) = try BulkUploadSplitter(source: source, partBytes: partBytes).split(file)
        // Jobs are created with columnDelimiter COMMA, so the file is read exactly as Salesforce will read it.
        let reader = try CSVReader(url: file, delimiter: .fixed(.comma))
        header = reader.header
        keyColumn = try Self.check(header: header, operation: operation, source: source)
        var problems: [InputError] = []
        var unlisted = 0
        var rows = 0
        func report(_ problem: InputError) {
            if problems.count < Self.maxListedProblems { problems.append(problem) } else { unlisted += 1 }
        }
        while let record = try reader.next() {
            switch record {
            case let .malformed(problem):
                report(InputError(source: source, line: problem.line, problem: problem.reason,
                                  fix: "write every row with one value per header column, quoted where needed"))
            case let .row(row):
                rows += 1
                if let keyColumn, let problem = Self.check(key: row.values[keyColumn], of: operation) {
                    report(InputError(source: source, line: row.line, field: header[keyColumn], problem: problem.problem, fix: problem.fix))
                }
            }
        }
        if unlisted > 0 {
            problems.append(InputError(source: source, problem: "\(unlisted) more row\(unlisted == 1 ? " has" : "s have") problems",
                                       fix: "fix the rows above, then check the file again"))
        }
        guard problems.isEmpty else { throw InputErrors(problems) }
        // Both passes see the same rows unless the file changed between them.
        guard rows == parts.reduce(0, { $0 + $1.rows }) else {
            throw InputError(source: source, problem: "the file changed while it was being read",
                             fix: "write the file completely before the ingest starts")
        }
        self.rows = rows
    }

    /// Checks the header and returns the key column's index.
    private static func check(header: [String], operation: BulkIngestOperation, source: String) throws -> Int? {
        var problems: [InputError] = []
        var seen: Set<String> = []
        for name in header {
            if !isColumnName(name) {
                problems.append(InputError(
                    source: source, line: 1, field: name, problem: "is not a field API name",
                    fix: "name each column after a field's API name, e.g. AI_Score__c (a parent's field as Owner.Email)"))
            } else if name.lowercased().hasPrefix("sf__") {
                problems.append(InputError(source: source, line: 1, field: name,
                                           problem: "uses the sf__ prefix Salesforce keeps for its results", fix: "remove the column"))
            }
            if !seen.insert(name.lowercased()).inserted {
                problems.append(InputError(source: source, line: 1, field: name, problem: "appears twice in the header",
                                           fix: "keep one column per field"))
            }
        }
        let idColumn = header.firstIndex { $0.lowercased() == "id" }
        var keyColumn: Int?
        switch operation {
        case .insert:
            if idColumn != nil {
                problems.append(InputError(source: source, line: 1, field: "Id",
                                           problem: "an insert creates records, so they have no Id yet",
                                           fix: "remove the Id column, or run an update"))
            }
        case .update, .upsert:
            let name = operation.keyColumn ?? "Id"
            keyColumn = header.firstIndex { $0.lowercased() == name.lowercased() }
            if keyColumn == nil {
                problems.append(InputError(source: source, line: 1, field: name,
                                           problem: "the \(operation) needs the \(name) column to find each record",
                                           fix: "add a \(name) column with every row's value"))
            }
        }
        guard problems.isEmpty else { throw InputErrors(problems) }
        return keyColumn
    }

    /// What is wrong with one row's key value, if anything.
    private static func check(key value: String, of operation: BulkIngestOperation) -> (problem: String, fix: String)? {
        switch operation {
        case .update where !SalesforceId.isValid(value):
            return ("'\(value)' is not a 15- or 18-character Salesforce Id", "put the record's Id in the Id column")
        case .upsert where value.isEmpty:
            return ("is empty, so Salesforce cannot tell which record to update", "give every row its external id")
        default:
            return nil
        }
    }

    /// A field API name, or a relationship path as "Relationship Fields in a Header Row" allows
    /// (`Owner.Email`, polymorphic `Owner:User.Email`).
    private static func isColumnName(_ name: String) -> Bool {
        let segments = name.split(separator: ".", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: ":", omittingEmptySubsequences: false) }
        return segments.allSatisfy { segment in
            segment.first?.isLetter == true && segment.count <= 255
                && segment.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }
        }
    }
}
