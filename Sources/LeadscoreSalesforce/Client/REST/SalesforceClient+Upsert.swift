import Foundation

/// Upserts through sObject Collections: create or update up to 200 records per request, matched by an
/// external id field instead of the record Id.
///
/// Salesforce REST API Developer Guide, "Upsert Records Using sObject Collections"
/// (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm):
/// `PATCH /services/data/vXX.X/composite/sobjects/{object}/{externalIdField}` with `allOrNone` and `records`,
/// each record with `attributes.type` and the external id field; "Only external ids are supported. Don't use
/// record ids"; UpsertResults come back "in the same order" as the records. The single-record form is
/// "Insert or Update (Upsert) a Record Using an External ID" (`PATCH /sobjects/{object}/{field}/{value}`).
extension SalesforceClient {
    /// Creates or updates records by `externalIdField` (a field marked External ID, e.g. an audit event's
    /// key). Larger inputs are split into requests of 200; results come back in input order, one per
    /// record, with ``SalesforceRecordResult/created`` saying whether the record was new.
    ///
    /// Unlike a create, an upsert is safe to send again: a resent record finds the one its first attempt
    /// created by the external id. So it is retried like an update, including when a connection broke after
    /// the request may have reached Salesforce, and records that failed only on `UNABLE_TO_LOCK_ROW` are sent
    /// again with backoff. A request that fails for good throws ``SalesforceWriteInterrupted`` with the
    /// results of the chunks already written.
    public func upsert(_ object: String, externalIdField: String,
                       records: [SalesforceRecord]) async throws -> [SalesforceRecordResult] {
        try Self.checkName(object, what: "object")
        try Self.checkName(externalIdField, what: "external id field")
        guard externalIdField.lowercased() != "id" else {
            throw SalesforceClientError.invalidArgument(
                name: "external id field 'Id'",
                problem: "cannot key an upsert through sObject Collections (Salesforce accepts only external id fields). "
                    + "Fix: use update to write by record Id, or name a field marked External ID")
        }
        for (index, record) in records.enumerated() {
            if record["Id"] != nil {
                throw SalesforceClientError.invalidArgument(
                    name: "record \(index)",
                    problem: "has an Id. Fix: remove Id from records to upsert; \(externalIdField) identifies them")
            }
            guard let key = record[externalIdField], Self.isUsableExternalId(key) else {
                throw SalesforceClientError.invalidArgument(
                    name: "record \(index)",
                    problem: "has no value for \(externalIdField). Fix: set the external id on every record to upsert")
            }
        }
        return try await write(object, records: records, as: .upsert(externalIdField: externalIdField))
    }

    /// External ids are text, number or email fields: a non-empty string or a number.
    private static func isUsableExternalId(_ value: SalesforceValue) -> Bool {
        switch value {
        case let .string(text): return !text.isEmpty
        case .number: return true
        default: return false
        }
    }
}
