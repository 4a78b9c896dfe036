/// Why one record of a write failed, in the shape of a SaveResult's error:
/// `{"statusCode": "REQUIRED_FIELD_MISSING", "message": "Required fields are missing: [LastName]", "fields": ["LastName"]}`.
///
/// sObject Collections return these per record; a single-record PATCH answers the same error as a 400
/// `[{"message", "errorCode", "fields"}]` (REST API Developer Guide, "Status Codes and Error Responses").
public struct RecordError: Error, Sendable, Equatable {
    public var statusCode: String
    public var message: String
    public var fields: [String]

    public init(_ statusCode: String, _ message: String, fields: [String] = []) {
        self.statusCode = statusCode
        self.message = message
        self.fields = fields
    }

    var json: JSONValue {
        .object([("statusCode", .string(statusCode)), ("message", .string(message)), ("fields", .array(fields.map(JSONValue.string)))])
    }

    /// The same error as a whole request's 400 answer.
    var requestError: SalesforceError {
        SalesforceError(status: .badRequest, errorCode: statusCode, message: message, fields: fields.isEmpty ? nil : fields)
    }

    /// "Record rolled back because not all records were valid and the request was using AllOrNone header":
    /// what every other record gets when one record of an allOrNone request fails (REST API Developer
    /// Guide, "Update Records Using sObject Collections", allOrNone example response).
    static let rolledBack = RecordError(
        "ALL_OR_NONE_OPERATION_ROLLED_BACK",
        "Record rolled back because not all records were valid and the request was using AllOrNone header")

    /// The lock timeout Salesforce reports when another transaction holds the record.
    static func unableToLock(_ id: String?) -> RecordError {
        RecordError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records: \(id ?? "")")
    }
}
