/// Where a Bulk API 2.0 ingest stands, reported after each check of a job's state, so a command can
/// show progress while Salesforce processes the rows.
public struct BulkIngestProgress: Sendable, Equatable {
    /// The upload part this job carries, from 1.
    public let part: Int
    public let parts: Int
    public let jobId: String
    /// The job's `state`: `UploadComplete`, `InProgress`, `JobComplete`, `Failed` or `Aborted`.
    public let state: String
    /// The job's `numberRecordsProcessed` and `numberRecordsFailed` so far.
    public let recordsProcessed: Int
    public let recordsFailed: Int

    public init(part: Int, parts: Int, jobId: String, state: String, recordsProcessed: Int, recordsFailed: Int) {
        self.part = part
        self.parts = parts
        self.jobId = jobId
        self.state = state
        self.recordsProcessed = recordsProcessed
        self.recordsFailed = recordsFailed
    }
}
