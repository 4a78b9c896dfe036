import Foundation

/// What a Bulk API 2.0 query wrote: one CSV file (header once, then every page's rows), how many
/// records and pages it took, and the job Id (visible in Setup → Bulk Data Load Jobs).
public struct BulkQueryOutcome: Sendable, Equatable {
    public let jobId: String
    /// Data rows in the file (a quoted value spanning lines counts once).
    public let records: Int
    /// Result pages downloaded (`maxRecords` rows each, the last one shorter).
    public let pages: Int
    /// Size of the file in bytes.
    public let bytes: Int
    public let file: URL

    public init(jobId: String, records: Int, pages: Int, bytes: Int, file: URL) {
        self.jobId = jobId
        self.records = records
        self.pages = pages
        self.bytes = bytes
        self.file = file
    }
}
