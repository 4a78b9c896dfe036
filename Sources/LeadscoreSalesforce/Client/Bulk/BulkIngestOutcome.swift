/// What a Bulk API 2.0 ingest did, row by row: one ``BulkIngestRowOutcome`` per data row of the input
/// CSV, in the file's order, and the jobs that carried them (visible in Setup → Bulk Data Load Jobs).
///
/// The per-row list is the point: Salesforce returns its results in no particular order, so the client
/// matches them back to the input rows before the caller sees them.
public struct BulkIngestOutcome: Sendable, Equatable, CustomStringConvertible {
    public let object: String
    public let operation: BulkIngestOperation
    /// One job per upload part, in order (a file over ``SalesforceClient/bulkUploadLimit`` needs several).
    public let jobIds: [String]
    /// One per data row of the input file, in its order.
    public let rows: [BulkIngestRowOutcome]
    /// Result rows that matched no input row (none, unless the file changed or Salesforce altered the
    /// echoed values); they are counted, not guessed onto a row.
    public let unmatchedResults: Int

    public init(object: String, operation: BulkIngestOperation, jobIds: [String], rows: [BulkIngestRowOutcome],
                unmatchedResults: Int = 0) {
        self.object = object
        self.operation = operation
        self.jobIds = jobIds
        self.rows = rows
        self.unmatchedResults = unmatchedResults
    }

    /// Rows written (created or updated).
    public var succeeded: Int { rows.filter(\.isSuccess).count }

    /// Rows Salesforce created (an insert, or an upsert whose external id matched nothing).
    public var created: Int {
        rows.filter { if case .success(_, true) = $0 { return true } else { return false } }.count
    }

    public var failed: Int {
        rows.filter { if case .failure = $0 { return true } else { return false } }.count
    }

    public var unprocessed: Int { rows.filter { $0 == .unprocessed }.count }
    public var unknown: Int { rows.filter { $0 == .unknown }.count }

    public var description: String {
        var parts = ["\(succeeded) of \(rows.count) \(object) row\(rows.count == 1 ? "" : "s") written (\(created) created)",
                     "\(failed) failed"]
        if unprocessed > 0 { parts.append("\(unprocessed) not processed") }
        if unknown > 0 { parts.append("\(unknown) without a result") }
        if unmatchedResults > 0 { parts.append("\(unmatchedResults) unmatched result\(unmatchedResults == 1 ? "" : "s")") }
        let jobs = jobIds.isEmpty ? "no job" : "job\(jobIds.count == 1 ? "" : "s") \(jobIds.joined(separator: ", "))"
        return parts.joined(separator: ", ") + " (\(operation), \(jobs))"
    }
}
