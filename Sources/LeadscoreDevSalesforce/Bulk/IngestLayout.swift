import Foundation
import LeadscoreData

/// An ingest job's CSV checked as a whole before any record is written, as Salesforce checks it: the
/// line ending the job declared, a header of the object's fields (an unknown column fails the job:
/// "InvalidBatch : Field name not found : Nope__c"), well-formed rows, and for an upsert the external id
/// column and which keys more than one row carries.
///
/// A problem here fails the job (state Failed, `errorMessage` set) and leaves every record unprocessed,
/// which is how Bulk API 2.0 reports data it could not read (Bulk API 2.0 Developer Guide, "Errors":
/// ClientInputError, InvalidBatch).
struct IngestLayout: Sendable {
    /// What one CSV column writes.
    enum Column: Sendable {
        /// The record Id (update; refused in insert and upsert jobs).
        case id
        case field(ObjectDescribe.FieldDescribe)
    }

    /// Why the job failed, in Salesforce's `errorMessage` words.
    struct Failure: Error, Sendable {
        var message: String
    }

    /// The header as uploaded: result files repeat it.
    var header: [String]
    var columns: [Column]
    /// The external id column of an upsert.
    var keyColumn: Int?
    /// Keys (in ``Upserter/comparable(_:)`` form) that more than one row carries.
    var sharedKeys: Set<String> = []
    var rows = 0

    /// Reads `job`'s data file once, start to end.
    static func read(_ job: IngestJob, object: ObjectDescribe, catalog: OrgCatalog, upserter: Upserter?) throws -> IngestLayout {
        guard FileManager.default.fileExists(atPath: job.files.data.path) else {
            throw Failure(message: "ClientInputError : No data was uploaded to job \(job.id) before it was closed")
        }
        try checkLineEnding(job)
        let reader: CSVReader
        do {
            // The job was created with columnDelimiter COMMA (the only one this server accepts).
            reader = try CSVReader(url: job.files.data, delimiter: .fixed(.comma))
        } catch {
            throw Failure(message: "ClientInputError : The job's data cannot be read as CSV")
        }
        var layout = IngestLayout(header: reader.header, columns: [])
        guard !reader.header.isEmpty else { throw Failure(message: "ClientInputError : The job's data has no header row") }
        var seen = Set<String>()
        for name in reader.header {
            guard seen.insert(name.lowercased()).inserted else { throw Failure(message: "InvalidBatch : Duplicate field name: \(name)") }
            if name.caseInsensitiveCompare("Id") == .orderedSame {
                layout.columns.append(.id)
            } else if let field = catalog.visibleField(name, of: object) {
                layout.columns.append(.field(field))
            } else {
                throw Failure(message: "InvalidBatch : Field name not found : \(name)")
            }
        }
        if job.operation == .update, !layout.columns.contains(where: { if case .id = $0 { true } else { false } }) {
            throw Failure(message: "InvalidBatch : An update job's data needs an Id column naming the records to update")
        }
        if let upserter {
            guard let index = reader.header.firstIndex(where: { $0.caseInsensitiveCompare(upserter.key.name) == .orderedSame }) else {
                throw Failure(message: "InvalidBatch : The external id field \(upserter.key.name) is not a column of the job's data")
            }
            layout.keyColumn = index
        }
        var keyCounts: [String: Int] = [:]
        while let record = try reader.next() {
            switch record {
            case let .malformed(problem):
                throw Failure(message: "ClientInputError : line \(problem.line): \(problem.reason)")
            case let .row(row):
                layout.rows += 1
                if let upserter, let index = layout.keyColumn, !row.values[index].isEmpty,
                   case let .success(stored)? = try? upserter.storedKey(.string(row.values[index])) {
                    keyCounts[upserter.comparable(stored), default: 0] += 1
                }
            }
        }
        layout.sharedKeys = Set(keyCounts.filter { $0.value > 1 }.keys)
        return layout
    }

    /// The first line must end as the job said: LF alone, or CR LF ("ClientInputError : LineEnding is
    /// invalid on user data. Current LineEnding setting is LF").
    private static func checkLineEnding(_ job: IngestJob) throws {
        guard let handle = try? FileHandle(forReadingFrom: job.files.data) else {
            throw Failure(message: "ClientInputError : The job's data cannot be read")
        }
        defer { try? handle.close() }
        let start = [UInt8]((try? handle.read(upToCount: 1 << 16)) ?? Data())
        guard let newline = start.firstIndex(of: UInt8(ascii: "\n")) else { return }
        let crlf = newline > 0 && start[newline - 1] == UInt8(ascii: "\r")
        if crlf != (job.lineEnding == .crlf) {
            let setting = job.lineEnding.rawValue
            throw Failure(message: "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is \(setting)")
        }
    }
}
