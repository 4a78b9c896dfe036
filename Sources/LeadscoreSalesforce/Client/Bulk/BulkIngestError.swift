/// Why a Bulk API 2.0 ingest job did not complete. Thrown inside ``BulkIngestInterrupted``, which says
/// what became of each row.
public enum BulkIngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The job ended `Failed`, or was `Aborted` by someone in the org, with Salesforce's `errorMessage`.
    case jobFailed(jobId: String, state: String, message: String)
    /// The job was still running when `bulk_timeout_minutes` ran out; the client aborted it.
    case jobTimedOut(jobId: String, state: String, minutes: Int)

    public var description: String {
        switch self {
        case let .jobFailed(jobId, state, message):
            return "Bulk API ingest job \(jobId) ended \(state): \(message). Fix: the message names the problem (a field "
                + "the integration user cannot edit, a file Salesforce cannot read, the daily record allowance); rows "
                + "marked not processed were not written and can be sent again. The job is in Setup → Bulk Data Load Jobs"
        case let .jobTimedOut(jobId, state, minutes):
            return "Bulk API ingest job \(jobId) was still \(state) after \(minutes) minutes and was aborted; rows it had "
                + "processed are written. Fix: check the job in Setup → Bulk Data Load Jobs (triggers and flows on the "
                + "object slow it down), raise salesforce.bulk_timeout_minutes, or send fewer rows per run"
        }
    }
}
