import Foundation
import LeadscoreData

/// One Bulk API 2.0 query job and the job info the API answers for it.
///
/// Fields and values follow the Bulk API 2.0 Developer Guide ("Create a Query Job", "Get Information
/// About a Query Job"): `state` moves UploadComplete → InProgress → JobComplete (or Failed, or
/// Aborted on request); `concurrencyMode` is always Parallel and `contentType` always CSV.
struct BulkQueryJob: Sendable {
    enum State: String, Sendable {
        case uploadComplete = "UploadComplete", inProgress = "InProgress", jobComplete = "JobComplete"
        case aborted = "Aborted", failed = "Failed"
    }

    /// The column delimiters Bulk API 2.0 offers, by their API names.
    enum Delimiter: String, Sendable, CaseIterable {
        case comma = "COMMA", tab = "TAB", pipe = "PIPE", semicolon = "SEMICOLON", caret = "CARET", backquote = "BACKQUOTE"

        var character: String {
            switch self {
            case .comma: return ","
            case .tab: return "\t"
            case .pipe: return "|"
            case .semicolon: return ";"
            case .caret: return "^"
            case .backquote: return "`"
            }
        }
    }

    enum LineEnding: String, Sendable, CaseIterable {
        case lf = "LF", crlf = "CRLF"

        var text: String { self == .lf ? "\n" : "\r\n" }
    }

    var id: String
    var operation: String
    var object: String
    var query: String
    var createdById: String
    var createdDate: Date
    var systemModstamp: Date
    var state = State.uploadComplete
    var apiVersion: String
    var delimiter = Delimiter.comma
    var lineEnding = LineEnding.lf
    var numberRecordsProcessed = 0
    var totalProcessingTime = 0
    var errorMessage: String?
    /// The CSV result, header line included, once the job completed.
    var result: BulkQueryResult?

    /// The job info: the short form answered on create and abort, the full one on GET.
    func info(full: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id)), ("operation", .string(operation)), ("object", .string(object)),
            ("createdById", .string(createdById)),
            ("createdDate", .string(SalesforceDate.formatSalesforceDateTime(createdDate.timeIntervalSince1970))),
            ("systemModstamp", .string(SalesforceDate.formatSalesforceDateTime(systemModstamp.timeIntervalSince1970))),
            ("state", .string(state.rawValue)), ("concurrencyMode", .string("Parallel")), ("contentType", .string("CSV")),
            ("apiVersion", .double(Double(apiVersion) ?? 62)), ("lineEnding", .string(lineEnding.rawValue)),
            ("columnDelimiter", .string(delimiter.rawValue)),
        ]
        if full {
            members += [
                ("numberRecordsProcessed", .integer(Int64(numberRecordsProcessed))), ("retries", .integer(0)),
                ("totalProcessingTime", .integer(Int64(totalProcessingTime))), ("jobType", .string("V2Query")),
                ("isPkChunkingSupported", .bool(true)),
            ]
            if let errorMessage { members.append(("errorMessage", .string(errorMessage))) }
        }
        return .object(members)
    }
}
