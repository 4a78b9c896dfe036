import Foundation
import LeadscoreData

/// The three result files of an ingest job, written as its records are processed (Bulk API 2.0
/// Developer Guide, "Get Job Successful Record Results", "Get Job Failed Record Results", "Get Job
/// Unprocessed Record Results"):
///
/// - `successfulResults/`: `sf__Id`, `sf__Created`, then the row's original values;
/// - `failedResults/`: `sf__Id` (when the row named a record), `sf__Error`, then the original values;
/// - `unprocessedrecords/`: the original header and the rows never processed (the job was aborted, or
///   failed before its first record).
///
/// Every value is quoted, as Salesforce writes its CSV results, and lines end as the job's data did.
struct IngestResultFiles {
    private var successful: BulkCSVWriter
    private var failures: BulkCSVWriter
    private var skipped: BulkCSVWriter

    init(job: IngestJob, header: [String]) throws {
        let ending = job.lineEnding.text
        successful = try BulkCSVWriter(file: job.files.successful, header: ["sf__Id", "sf__Created"] + header, delimiter: ",", lineEnding: ending)
        failures = try BulkCSVWriter(file: job.files.failed, header: ["sf__Id", "sf__Error"] + header, delimiter: ",", lineEnding: ending)
        skipped = try BulkCSVWriter(file: job.files.unprocessed, header: header, delimiter: ",", lineEnding: ending)
    }

    mutating func succeeded(_ row: CSVRow, id: String, created: Bool) throws {
        try successful.write([id, created ? "true" : "false"] + row.values)
    }

    /// `sf__Error` is `STATUS_CODE:message:fields --`, e.g.
    /// `REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --`.
    mutating func failed(_ row: CSVRow, id: String?, error: RecordError) throws {
        let text = "\(error.statusCode):\(error.message):\(error.fields.joined(separator: ",")) --"
        try failures.write([id ?? "", text] + row.values)
    }

    mutating func unprocessed(_ rows: [CSVRow]) throws {
        for row in rows { try skipped.write(row.values) }
    }

    mutating func finish() throws {
        _ = try successful.finish()
        _ = try failures.finish()
        _ = try skipped.finish()
    }

    /// A job that failed before its first record: no successes or failures, and all of its data unprocessed,
    /// exactly as uploaded.
    static func failBeforeProcessing(_ job: IngestJob) {
        let ending = job.lineEnding.text
        try? Data(("\"sf__Id\",\"sf__Created\"" + ending).utf8).write(to: job.files.successful)
        try? Data(("\"sf__Id\",\"sf__Error\"" + ending).utf8).write(to: job.files.failed)
        if FileManager.default.fileExists(atPath: job.files.data.path) {
            try? FileManager.default.removeItem(at: job.files.unprocessed)
            try? FileManager.default.copyItem(at: job.files.data, to: job.files.unprocessed)
        } else {
            try? Data().write(to: job.files.unprocessed)
        }
    }
}
