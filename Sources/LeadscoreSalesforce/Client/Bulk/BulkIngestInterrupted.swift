/// A Bulk API 2.0 ingest that stopped before every job completed.
///
/// `outcome` still has one entry per input row: rows of completed jobs and of a job that failed after
/// processing part of its data carry Salesforce's results, rows never uploaded (or whose upload was not
/// completed) are ``BulkIngestRowOutcome/unprocessed``, and rows of a job whose end the client did not see
/// are ``BulkIngestRowOutcome/unknown``. `error` says why it stopped (``BulkIngestError``,
/// ``SalesforceAPIError``, ``SalesforceClientError``).
public struct BulkIngestInterrupted: Error, Sendable, CustomStringConvertible {
    public let outcome: BulkIngestOutcome
    public let error: any Error

    public init(outcome: BulkIngestOutcome, error: any Error) {
        self.outcome = outcome
        self.error = error
    }

    public var description: String {
        "the Bulk API ingest stopped (\(outcome)): \(error)"
    }
}
