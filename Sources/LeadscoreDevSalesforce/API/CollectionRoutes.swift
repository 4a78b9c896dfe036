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
/// Collections"). A body Salesforce cannot deserialize fails as a whole with a 400. Platform events can
/// be published by a create; they cannot be updated.
struct CollectionRoutes: Sendable {
    let writes: WriteContext

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

    /// What the transaction did with one record.
    private enum Saved: Sendable {
        case created(RecordWriter.Created)
        case updated(String)
        case failed(RecordError)
    }

    private func save(_ request: Request, mode: RecordValidator.Mode) async throws -> Response {
        let (allOrNone, records) = try await Self.body(request)
        var planned = try records.map { try plan($0, mode: mode) }
        await Self.injectLockFailures(into: &planned, faults: writes.faults, path: request.uri.path, id: \.id,
                                      outcome: \.outcome)
        let now = writes.clock.nowMilliseconds(), work = planned, context = writes
        let results = try await writes.store.transaction { db in
            var results: [Saved] = []
            for item in work {
                guard case let .success(values) = item.outcome else {
                    if case let .failure(problem) = item.outcome { results.append(.failed(problem)) }
                    continue
                }
                let writer = context.writer(for: item.object, now: now)
                do {
                    if let id = item.id {
                        results.append(try writer.update(id: id, values: values, in: db)
                            ? .updated(id) : .failed(RecordError("ENTITY_IS_DELETED", "entity is deleted")))
                    } else {
                        results.append(.created(try writer.insert(values: values, in: db)))
                    }
                } catch let problem as RecordError {
                    results.append(.failed(problem))
                }
            }
            let failed = results.contains { if case .failed = $0 { return true } else { return false } }
            return (results, !(allOrNone && failed))
        }
        let rolledBack = allOrNone && results.contains { if case .failed = $0 { return true } else { return false } }
        await record(zip(results, planned).map { ($0, $1.object) }, rolledBack: rolledBack)
        return Response.json(.array(zip(results, planned).map { result, item in
            switch result {
            case let .failed(problem): return SaveResultJSON.failed(problem)
            case .created where rolledBack: return SaveResultJSON.failed(.rolledBack)
            case let .updated(id) where rolledBack: return SaveResultJSON.failed(.rolledBack, id: id)
            case let .created(created): return SaveResultJSON.created(created)
            case let .updated(id): return SaveResultJSON.saved(id: id, created: nil)
            }
        }))
    }

    /// Counts the saved and refused records per object in the ledger (events are counted by their log).
    private func record(_ results: [(Saved, ObjectDescribe)], rolledBack: Bool) async {
        var outcomes: [String: WriteLedger.Outcome] = [:]
        for (result, object) in results {
            switch result {
            case .failed: outcomes[object.name, default: .init()].refused += 1
            case _ where rolledBack: outcomes[object.name, default: .init()].refused += 1
            case .created: if !object.isPlatformEvent { outcomes[object.name, default: .init()].created += 1 }
            case .updated: outcomes[object.name, default: .init()].updated += 1
            }
        }
        for (object, outcome) in outcomes { await writes.ledger.record(object, outcome) }
    }

    /// `allOrNone` and `records` of a Collections body, or the 400 Salesforce answers for a bad one.
    static func body(_ request: Request) async throws -> (allOrNone: Bool, records: [JSONValue]) {
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
        guard records.count <= maximumRecords else {
            throw SalesforceError(status: .badRequest, errorCode: "EXCEEDED_ID_LIMIT",
                                  message: "record limit reached. cannot submit more than \(maximumRecords) records into this call")
        }
        return (allOrNone, records)
    }

    /// Draws the plan's UNABLE_TO_LOCK_ROW faults: once for the whole request (scope `request`), or once
    /// per record still to be written (scope `record`).
    static func injectLockFailures<Item, Success>(into items: inout [Item], faults: FaultInjector, path: String,
                                                  id: KeyPath<Item, String?>,
                                                  outcome: WritableKeyPath<Item, Result<Success, RecordError>>) async {
        if faults.plan.unableToLockRowScope == .request {
            guard !items.isEmpty, await faults.unableToLockRow(path: path) else { return }
            for index in items.indices { items[index][keyPath: outcome] = .failure(.unableToLock(items[index][keyPath: id])) }
            return
        }
        for index in items.indices where (try? items[index][keyPath: outcome].get()) != nil {
            if await faults.unableToLockRow(path: path) {
                items[index][keyPath: outcome] = .failure(.unableToLock(items[index][keyPath: id]))
            }
        }
    }

    /// Checks one record of the request. Throws for what fails the whole request (no concrete type, an
    /// unknown object or field, a value that cannot be deserialized).
    private func plan(_ record: JSONValue, mode: RecordValidator.Mode) throws -> Planned {
        guard case let .object(members) = record, let type = record["attributes"]?["type"]?.stringValue else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALID_TYPE", message: "Must send a concrete entity type.")
        }
        guard let object = writes.catalog.object(named: type) else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALID_TYPE", message: "sObject type '\(type)' is not supported.")
        }
        if mode == .update, object.isPlatformEvent {
            throw SalesforceError(status: .badRequest, errorCode: "INVALID_TYPE",
                                  message: "\(object.name) is a platform event: events are published (POST), never updated")
        }
        let idMember = members.first { $0.0.lowercased() == "id" }
        let fields = members.filter { $0.0 != "attributes" && $0.0.lowercased() != "id" }
        let validated = try RecordValidator(catalog: writes.catalog, object: object).validate(fields, mode: mode)
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
