import Foundation
import LeadscoreData

/// One Bulk API 2.0 ingest job and the job info the API answers for it.
///
/// Fields and values follow the Bulk API 2.0 Developer Guide ("Create a Job", "Upload Complete", "Get
/// Information About an Ingest Job", "Job States"): a job is created Open, takes its CSV data in one
/// upload, moves to UploadComplete when the client closes it, then InProgress and JobComplete (or
/// Failed, or Aborted on request). `contentUrl` is relative to the instance, without a leading slash,
/// as Salesforce writes it: `services/data/v62.0/jobs/ingest/750…/batches`.
struct IngestJob: Sendable {
    enum State: String, Sendable {
        case open = "Open", uploadComplete = "UploadComplete", inProgress = "InProgress", jobComplete = "JobComplete"
        case aborted = "Aborted", failed = "Failed"

        /// Processing is over: results can be read and the job deleted.
        var isFinal: Bool { [.jobComplete, .aborted, .failed].contains(self) }
    }

    /// The operations this server runs. Bulk API 2.0 also has delete, hardDelete and upserts of
    /// relationship columns, which the org (which keeps no deleted records) does not model.
    enum Operation: String, Sendable, CaseIterable {
        case insert, update, upsert
    }

    /// The job's result resources, by their path segment.
    enum Results: String, Sendable, CaseIterable {
        case successful = "successfulResults", failed = "failedResults", unprocessed = "unprocessedrecords"
    }

    /// The job's CSV data and results on disk, in the job's own folder.
    struct Files: Sendable {
        let folder: URL
        var data: URL { folder.appendingPathComponent("data.csv") }
        var successful: URL { file(.successful) }
        var failed: URL { file(.failed) }
        var unprocessed: URL { file(.unprocessed) }

        func file(_ results: Results) -> URL {
            folder.appendingPathComponent("\(results.rawValue).csv")
        }
    }

    var id: String
    var operation: Operation
    var object: String
    var externalIdFieldName: String?
    var createdById: String
    var createdDate: Date
    var systemModstamp: Date
    var state = State.open
    var apiVersion: String
    var lineEnding = BulkQueryJob.LineEnding.lf
    var files: Files
    /// The CSV data was received (a job takes one upload).
    var hasData = false
    /// An upload is being received right now.
    var isReceiving = false
    var numberRecordsProcessed = 0
    var numberRecordsFailed = 0
    var totalProcessingTime = 0
    var errorMessage: String?

    /// The job info: the short form answered on create, close and abort, the full one on GET.
    func info(full: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id)), ("operation", .string(operation.rawValue)), ("object", .string(object)),
            ("createdById", .string(createdById)),
            ("createdDate", .string(SalesforceDate.formatSalesforceDateTime(createdDate.timeIntervalSince1970))),
            ("systemModstamp", .string(SalesforceDate.formatSalesforceDateTime(systemModstamp.timeIntervalSince1970))),
            ("state", .string(state.rawValue)),
        ]
        if let externalIdFieldName { members.append(("externalIdFieldName", .string(externalIdFieldName))) }
        members += [
            ("concurrencyMode", .string("Parallel")), ("contentType", .string("CSV")),
            ("apiVersion", .double(Double(apiVersion) ?? 62)),
        ]
        if state == .open { members.append(("contentUrl", .string("services/data/v\(apiVersion)/jobs/ingest/\(id)/batches"))) }
        members += [("lineEnding", .string(lineEnding.rawValue)), ("columnDelimiter", .string("COMMA"))]
        if full {
            members += [
                ("jobType", .string("V2Ingest")), ("numberRecordsProcessed", .integer(Int64(numberRecordsProcessed))),
                ("numberRecordsFailed", .integer(Int64(numberRecordsFailed))), ("retries", .integer(0)),
                ("totalProcessingTime", .integer(Int64(totalProcessingTime))),
                ("apiActiveProcessingTime", .integer(Int64(totalProcessingTime))), ("apexProcessingTime", .integer(0)),
            ]
            if let errorMessage { members.append(("errorMessage", .string(errorMessage))) }
        }
        return .object(members)
    }
}
