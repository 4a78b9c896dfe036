import Foundation
import LeadscoreData

/// Bulk API 2.0 ingest: writes a CSV file's rows to an object as insert, update or upsert jobs and maps
/// Salesforce's results back to each row.
///
/// Bulk API 2.0 Developer Guide, "Bulk API 2.0 Ingest" and its reference pages
/// (https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/bulk_api_2_0.htm). Limits
/// ("Bulk API and Bulk API 2.0 Limits and Allocations"): 150 MB per upload after base64 (so 100 MB of CSV),
/// and Salesforce processes a job in internal batches of 10,000 records, so a job of any size finishes in
/// batch-sized steps rather than all at once.
extension SalesforceClient {
    /// The most CSV bytes one upload (one job) carries: 100 MB, per "Upload Job Data".
    public static let bulkUploadLimit = BulkIngestPlan.maxPartBytes

    /// Writes the rows of `file` to `object` with Bulk API 2.0 and reports what became of each row.
    ///
    /// The file needs a header of field API names, comma delimiters and LF line ends (``BulkIngestCSV``
    /// writes one); an update needs an `Id` column, an upsert its external id column. It is checked whole
    /// before anything is sent. A file larger than `partBytes` (default and maximum ``bulkUploadLimit``) is cut
    /// at row boundaries into parts, one job each, run one after another. For each job: create, upload,
    /// close (`UploadComplete`), poll with backoff (1 s growing to 15 s) until `JobComplete`, `Failed` or
    /// `Aborted` — after `config.bulkTimeoutMinutes` the job is aborted — then download its successful and
    /// failed results (and, for a job that did not complete, its unprocessed records) and match them to the
    /// input rows by `Id`, external id, or (insert) the rows' values; Salesforce keeps no order.
    /// `onProgress` hears every poll.
    ///
    /// - Throws: before anything is sent, `InputErrors` for a file Salesforce would misread (each with its
    ///   line and fix) or ``SalesforceClientError/invalidArgument(name:problem:)``; once a job exists,
    ///   ``BulkIngestInterrupted`` with an outcome for every row and the cause: ``BulkIngestError`` for a job
    ///   that failed (Salesforce's `errorMessage`) or ran out of time, else the transport's error.
    @discardableResult
    public func bulkIngest(_ object: String, operation: BulkIngestOperation, csv file: URL, partBytes: Int? = nil,
                           onProgress: (@Sendable (BulkIngestProgress) -> Void)? = nil) async throws -> BulkIngestOutcome {
        try Self.checkName(object, what: "object")
        if case let .upsert(field) = operation { try Self.checkName(field, what: "external id field") }
        let partBytes = partBytes ?? Self.bulkUploadLimit
        guard (1...Self.bulkUploadLimit).contains(partBytes) else {
            throw SalesforceClientError.invalidArgument(
                name: "partBytes", problem: "must be between 1 and \(Self.bulkUploadLimit) (it is \(partBytes))")
        }
        let plan = try BulkIngestPlan(file: file, operation: operation, partBytes: partBytes)
        var rows: [BulkIngestRowOutcome] = []
        rows.reserveCapacity(plan.rows)
        var jobIds: [String] = []
        var unmatched = 0
        func outcome() -> BulkIngestOutcome {
            BulkIngestOutcome(object: object, operation: operation, jobIds: jobIds, rows: rows, unmatchedResults: unmatched)
        }
        guard !plan.parts.isEmpty else { return outcome() }
        let directory = try Self.makeResultsDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Results are matched part by part while this reader walks the input once.
        let reader = try CSVReader(url: file, delimiter: .fixed(.comma))

        for part in plan.parts {
            var jobId: String?
            // What this part's rows are if the run stops now: nothing is processed before the job is closed.
            var pending = BulkIngestRowOutcome.unprocessed
            do {
                let id = try await createIngestJob(object, operation: operation)
                jobId = id
                jobIds.append(id)
                logger.info("Bulk API ingest job created", metadata: [
                    "job": "\(id)", "object": "\(object)", "operation": "\(operation.jobOperation)",
                    "part": "\(part.number)/\(plan.parts.count)", "rows": "\(part.rows)",
                ])
                let body = BulkUploadBody(file: file, headerLine: plan.headerLine, range: part.range)
                try await uploadIngestData(id, body: body, label: "part \(part.number) of \(plan.parts.count)")
                pending = .unknown
                do {
                    try await closeIngestJob(id)
                } catch let refused as SalesforceAPIError where (400..<500).contains(refused.status) {
                    // A resent close is refused when the first one arrived; the job's state tells which.
                    guard try await ingestJobInfo(id).state != "Open" else {
                        pending = .unprocessed
                        throw refused
                    }
                }
                let (info, abortedWhile) = try await waitForIngestJob(id) { info in
                    onProgress?(BulkIngestProgress(part: part.number, parts: plan.parts.count, jobId: id, state: info.state,
                                                   recordsProcessed: info.recordsProcessed, recordsFailed: info.recordsFailed))
                }
                var results = try await ingestResults(id, state: info.state, header: plan.header, operation: operation,
                                                      directory: directory)
                rows += try match(part, reader: reader, results: &results, source: file.lastPathComponent)
                unmatched += results.remaining
                logger.info("Bulk API ingest job ended", metadata: [
                    "job": "\(id)", "state": "\(info.state)", "processed": "\(info.recordsProcessed)",
                    "failed": "\(info.recordsFailed)", "unmatched_results": "\(results.remaining)",
                ])
                if let abortedWhile {
                    throw BulkIngestError.jobTimedOut(jobId: id, state: abortedWhile, minutes: config.bulkTimeoutMinutes)
                }
                guard info.state == "JobComplete" else {
                    throw BulkIngestError.jobFailed(jobId: id, state: info.state, message: info.errorMessage ?? "no errorMessage given")
                }
            } catch {
                if pending == .unprocessed, let jobId {
                    // Make sure a job holding part of the data is never processed.
                    try? await abortIngestJob(jobId)
                }
                rows += Array(repeating: pending, count: part.firstRow + part.rows - rows.count)
                rows += Array(repeating: .unprocessed, count: plan.rows - rows.count)
                throw BulkIngestInterrupted(outcome: outcome(), error: error)
            }
        }
        return outcome()
    }

    /// Downloads a finished job's result files and indexes them. A completed job has no unprocessed
    /// records ("Get Job Unprocessed Record Results" is for failed or aborted jobs), so that call is spared.
    private func ingestResults(_ jobId: String, state: String, header: [String], operation: BulkIngestOperation,
                               directory: URL) async throws -> BulkResultIndex {
        var index = BulkResultIndex(inputHeader: header, operation: operation)
        let kinds: [BulkResultIndex.Kind] = state == "JobComplete" ? [.successfulResults, .failedResults]
            : BulkResultIndex.Kind.allCases
        for kind in kinds {
            guard let results = try await downloadIngestResults(jobId, kind: kind, into: directory) else { continue }
            try index.add(kind, file: results, label: "read \(kind.rawValue) of Bulk API job \(jobId)")
            try? FileManager.default.removeItem(at: results)
        }
        return index
    }

    /// The outcomes of one part's rows, read in order from the input; what is left in `results` matched no row.
    private func match(_ part: BulkUploadPart, reader: CSVReader, results: inout BulkResultIndex,
                       source: String) throws -> [BulkIngestRowOutcome] {
        var outcomes: [BulkIngestRowOutcome] = []
        outcomes.reserveCapacity(part.rows)
        for _ in 0..<part.rows {
            guard case let .row(row)? = try reader.next() else {
                throw SalesforceClientError.invalidArgument(
                    name: "CSV file \(source)", problem: "changed during the ingest. Fix: leave the file unchanged until the ingest ends")
            }
            outcomes.append(results.take(row.values) ?? .unknown)
        }
        return outcomes
    }

    /// A private directory for the result files: they hold record values.
    private static func makeResultsDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        return directory
    }
}
