import Foundation
import GRDB
import Hummingbird

/// sObject Collections: `POST` (create) and `PATCH` (update) `/composite/sobjects` with
/// `{"allOrNone": false, "records": [{"attributes": {"type": "Lead"}, "id": …, …}]}`, up to 200 records.
///
/// The answer is 200 with one SaveResult per record, in request order: `{"id", "success": true,
/// "errors": []}` or `{"success": false, "errors": [{"statusCode", "message", "fields"}]}`. With
/// `allOrNone` one failure rolls back the whole request and every other record reports
/// ALL_OR_NONE_OPERATION_ROLLED_BACK (REST API Developer Guide, "Update Records Using sObject
/// Collections"). A body Salesforce cannot deserialize fails as a whole with a 400.
struct CollectionRoutes: Sendable {
    let store: OrgStore
    let clock: DevClock
    let userId: String
    let faults: FaultInjector

    static let maximumRecords = 200

    func add(to group: RouterGroup<DevRequestContext>) {
        group.post("composite/sobjects") { request, _ in try await save(request, mode: .create) }
        group.patch("composite/sobjects") { request, _ in try await save(request, mode: .update) }
    }

    /// One record after the checks that need no database: what to write, or why it fails.
    private struct Planned: Sendable {
        var object: ObjectDescribe
        var id: String?
        var outcome: Result<[(ObjectDescribe.FieldDescribe, DatabaseValue)], RecordError>
    }

    private func save(_ request: Request, mode: RecordValidator.Mode) async throws -> Response {
        guard case let .object(body) = try await JSONBody.read(request) else {
            throw SalesforceError.jsonParser("Send a JSON object: {\"allOrNone\": false, \"records\": [...]}")
        }
        let members = Dictionary(body, uniquingKeysWith: { first, _ in first })
        var allOrNone = false
        if let flag = members["allOrNone"] {
            guard let value = flag.boolValue else { throw SalesforceError.jsonParser("allOrNone must be true or false") }
            allOrNone = value
        }
        guard case let .array(records)? = members["records"] else {
            throw SalesforceError.jsonParser("records is required: a list of records, each with attributes.type")
        }
        guard records.count <= Self.maximumRecords else {
            throw SalesforceError(status: .badRequest, errorCode: "EXCEEDED_ID_LIMIT",
                                  message: "record limit reached. cannot submit more than \(Self.maximumRecords) records into this call")
        }
        var planned = try records.map { try plan($0, mode: mode) }
        if faults.plan.unableToLockRowScope == .request, !planned.isEmpty {
            if await faults.unableToLockRow(path: request.uri.path) {
                for index in planned.indices { planned[index].outcome = .failure(.unableToLock(planned[index].id)) }
            }
        } else {
            for index in planned.indices where (try? planned[index].outcome.get()) != nil {
                if await faults.unableToLockRow(path: request.uri.path) { planned[index].outcome = .failure(.unableToLock(planned[index].id)) }
            }
        }
        let now = clock.nowMilliseconds(), userId = self.userId, work = planned, atomic = allOrNone
        let results = try await store.transaction { db in
            var results: [Result<String?, RecordError>] = []
            for item in work {
                switch item.outcome {
                case let .failure(problem): results.append(.failure(problem))
                case let .success(values):
                    let writer = RecordWriter(object: item.object, nowMilliseconds: now, userId: userId)
                    if let id = item.id {
                        results.append(try writer.update(id: id, values: values, in: db)
                            ? .success(id) : .failure(RecordError("ENTITY_IS_DELETED", "entity is deleted")))
                    } else {
                        results.append(.success(try writer.insert(values: values, in: db)))
                    }
                }
            }
            let failed = results.contains { if case .failure = $0 { return true } else { return false } }
            return (results, !(atomic && failed))
        }
        let rolledBack = allOrNone && results.contains { if case .failure = $0 { return true } else { return false } }
        return Response.json(.array(zip(results, planned).map { result, item in
            switch result {
            case let .failure(problem):
                return .object([("success", .bool(false)), ("errors", .array([problem.json]))])
            case let .success(id) where rolledBack:
                var members: [(String, JSONValue)] = []
                if mode == .update, let id { members.append(("id", .string(id))) }
                return .object(members + [("success", .bool(false)), ("errors", .array([RecordError.rolledBack.json]))])
            case let .success(id):
                return .object([("id", id.map(JSONValue.string) ?? .null), ("success", .bool(true)), ("errors", .array([]))])
            }
        }))
    }

    /// Checks one record of the request. Throws for what fails the whole request (no concrete type, an
    /// unknown object or field, a value that cannot be deserialized).
    private func plan(_ record: JSONValue, mode: RecordValidator.Mode) throws -> Planned {
        guard case let .object(members) = record, let type = record["attributes"]?["type"]?.stringValue else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALID_TYPE", message: "Must send a concrete entity type.")
        }
        guard let object = store.catalog.object(named: type) else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALID_TYPE", message: "sObject type '\(type)' is not supported.")
        }
        let idMember = members.first { $0.0.lowercased() == "id" }
        let fields = members.filter { $0.0 != "attributes" && $0.0.lowercased() != "id" }
        let validated = try RecordValidator(catalog: store.catalog, object: object).validate(fields, mode: mode)
        switch mode {
        case .create:
            guard idMember == nil || idMember?.1 == .null else {
                return Planned(object: object, id: nil,
                               outcome: .failure(RecordError("INVALID_FIELD", "cannot specify Id in an insert call", fields: ["Id"])))
            }
            return Planned(object: object, id: nil, outcome: validated)
        case .update:
            guard let text = idMember?.1.stringValue else {
                return Planned(object: object, id: nil,
                               outcome: .failure(RecordError("MISSING_ARGUMENT", "Id not specified in an update call")))
            }
            guard let id = RecordJSON.canonicalId(text, of: object) else {
                return Planned(object: object, id: nil, outcome: .failure(
                    RecordError("MALFORMED_ID", "\(object.name) ID: id value of incorrect type: \(text)", fields: ["Id"])))
            }
            return Planned(object: object, id: id, outcome: validated)
        }
    }
}
