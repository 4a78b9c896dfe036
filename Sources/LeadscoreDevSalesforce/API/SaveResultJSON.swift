/// The per-record results the REST API answers for writes (REST API Developer Guide, "sObject
/// Collections"; SOAP API Developer Guide, "SaveResult" and "UpsertResult"): `{"id", "success": true,
/// "errors": []}` for a saved record, with `created` for an upsert, and `{"success": false, "errors":
/// [{"statusCode", "message", "fields"}]}` for a refused one.
enum SaveResultJSON {
    /// A created record. A published platform event says so the way Salesforce does: the publish is
    /// queued, and `errors` carries OPERATION_ENQUEUED with the event's UUID although it succeeded
    /// (Platform Events Developer Guide, "Publish Event Messages with Salesforce APIs", "Status Code
    /// Returned for Asynchronous Publishing"). Clients must read `success`, not an empty `errors`.
    static func created(_ created: RecordWriter.Created) -> JSONValue {
        var errors: [JSONValue] = []
        if let uuid = created.eventUuid {
            errors.append(RecordError("OPERATION_ENQUEUED", uuid).json)
        }
        return .object([("id", .string(created.id)), ("success", .bool(true)), ("errors", .array(errors))])
    }

    /// A record saved by an update (`created` nil) or an upsert (`created` says which way it went).
    static func saved(id: String, created: Bool?) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", .string(id)), ("success", .bool(true)), ("errors", .array([]))]
        if let created { members.append(("created", .bool(created))) }
        return .object(members)
    }

    /// A refused record; `id` when the request named an existing record.
    static func failed(_ error: RecordError, id: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let id { members.append(("id", .string(id))) }
        return .object(members + [("success", .bool(false)), ("errors", .array([error.json]))])
    }
}
