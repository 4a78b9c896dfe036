/// What a Bulk API 2.0 ingest job does with each CSV row.
///
/// Bulk API 2.0 Developer Guide, "Create a Job" (`POST /services/data/vXX.X/jobs/ingest`,
/// https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/create_job.htm):
/// `operation` is `insert`, `update` or `upsert`, and `externalIdFieldName` is "required for upsert
/// operations. Field values must also exist in CSV job data."
public enum BulkIngestOperation: Sendable, Equatable, CustomStringConvertible {
    /// Creates a record per row; the file must not have an `Id` column.
    case insert
    /// Updates the record named by the row's `Id` column.
    case update
    /// Updates the record whose `externalIdField` matches the row's value, or creates one.
    case upsert(externalIdField: String)

    /// The job's `operation` value.
    var jobOperation: String {
        switch self {
        case .insert: return "insert"
        case .update: return "update"
        case .upsert: return "upsert"
        }
    }

    /// The column that names a row's record, both in the upload and in the result files: `Id` for an
    /// update, the external id for an upsert, none for an insert (its rows are known by their content).
    var keyColumn: String? {
        switch self {
        case .insert: return nil
        case .update: return "Id"
        case let .upsert(field): return field
        }
    }

    public var description: String {
        guard case let .upsert(field) = self else { return jobOperation }
        return "upsert by \(field)"
    }
}
