/// What became of one row of a Bulk API 2.0 ingest.
///
/// Salesforce reports rows in three result files (Bulk API 2.0 Developer Guide, "Get Job Successful Record
/// Results", "Get Job Failed Record Results", "Get Job Unprocessed Record Results"); a row in none of them
/// is ``unknown``.
public enum BulkIngestRowOutcome: Sendable, Equatable, CustomStringConvertible {
    /// Written: `sf__Id` and `sf__Created` from the successful results.
    case success(id: String, created: Bool)
    /// Processed and refused: `sf__Id` (when Salesforce gives one) and `sf__Error`, Salesforce's
    /// `STATUS_CODE:message:fields` text, e.g. `FIELD_CUSTOM_VALIDATION_EXCEPTION:Tier must be A-D:AI_Tier__c --`.
    case failure(id: String?, error: String)
    /// Not processed: the job failed or was aborted before reaching it, or its upload was never sent or
    /// never completed. Nothing was written for it, so it can be sent again.
    case unprocessed
    /// Sent, but Salesforce gave no result for it: the run stopped while the job was still processing, or
    /// the job's results were not recorded ("Results are not recorded for batches that exceed the daily
    /// batch allocation"). Check the record in the org before sending it again (an insert could duplicate).
    case unknown

    public var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case let .success(id, created): return "\(created ? "created" : "written") \(id)"
        case let .failure(id, error): return "failed\(id.map { " \($0)" } ?? ""): \(error)"
        case .unprocessed: return "not processed"
        case .unknown: return "no result"
        }
    }
}
