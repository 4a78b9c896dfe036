import Foundation
import GRDB
import Hummingbird

/// Upsert with sObject Collections (REST API Developer Guide, "Upsert Records Using sObject
/// Collections"): `PATCH /composite/sobjects/{object}/{externalIdField}` with `{"allOrNone", "records"}`,
/// up to 200 records of that one object, each carrying the external id field and no Id.
///
/// The answer is 200 with one UpsertResult per record, in request order: `{"id", "success": true,
/// "errors": [], "created": true|false}`, or `{"success": false, "errors": […]}`. Records of one request
/// that share a key all fail with DUPLICATE_VALUE ("Duplicate external id specified"); a key several
/// records of the org share fails its record with DUPLICATE_EXTERNAL_ID; `allOrNone` rolls back as in
/// ``CollectionRoutes``. The resource exists from API 46.0.
struct CollectionUpsertRoutes: Sendable {
    let writes: WriteContext

    static let firstVersion = 46.0

    func add(to group: RouterGroup<DevRequestContext>) {
        group.patch("composite/sobjects/:object/:field") { request, context in try await upsert(request, context) }
    }

    private struct Planned: Sendable {
        var key: JSONValue
        var members: [(String, JSONValue)]
        /// The key's stored value once the record passed the checks that need no database.
        var outcome: Result<DatabaseValue, RecordError>
        /// Upserts name records by their key, not an Id: a lock failure names no Id.
        var noId: String? { nil }
    }

    private func upsert(_ request: Request, _ context: DevRequestContext) async throws -> Response {
        guard (Double(context.apiVersion) ?? 62) >= Self.firstVersion else { throw SalesforceError.notFound }
        let object = try writes.object(named: context.parameters.get("object"))
        let name = context.parameters.get("field") ?? ""
        guard !object.isPlatformEvent, let key = Upserter.keyField(name, of: object, in: writes.catalog) else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALID_FIELD",
                                  message: "Field name provided, \(name) is not an External ID or indexed field for \(object.name)")
        }
        let (allOrNone, records) = try await CollectionRoutes.body(request)
        let upserter = Upserter(catalog: writes.catalog, object: object, key: key,
                                writer: writes.writer(for: object, now: writes.clock.nowMilliseconds()))
        var planned = try records.map { try plan($0, upserter: upserter) }
        Self.refuseSharedKeys(in: &planned, upserter: upserter)
        await CollectionRoutes.injectLockFailures(into: &planned, faults: writes.faults, path: request.uri.path,
                                                  id: \.noId, outcome: \.outcome)
        let work = planned
        let results = try await writes.store.transaction { db in
            var results: [Result<Upserter.Outcome, RecordError>] = []
            for item in work {
                guard case .success = item.outcome else {
                    if case let .failure(problem) = item.outcome { results.append(.failure(problem)) }
                    continue
                }
                do {
                    let outcome = try upserter.upsert(keyValue: item.key, members: item.members, in: db)
                    if case let .ambiguous(ids) = outcome {
                        results.append(.failure(upserter.ambiguity(ids)))
                    } else {
                        results.append(.success(outcome))
                    }
                } catch let problem as RecordError {
                    results.append(.failure(problem))
                }
            }
            let failed = results.contains { if case .failure = $0 { return true } else { return false } }
            return (results, !(allOrNone && failed))
        }
        let rolledBack = allOrNone && results.contains { if case .failure = $0 { return true } else { return false } }
        var ledger = WriteLedger.Outcome()
        let answers: [JSONValue] = results.map { result in
            switch result {
            case let .failure(problem):
                ledger.refused += 1
                return SaveResultJSON.failed(problem)
            case let .success(.updated(id)) where rolledBack:
                ledger.refused += 1
                return SaveResultJSON.failed(.rolledBack, id: id)
            case .success where rolledBack:
                ledger.refused += 1
                return SaveResultJSON.failed(.rolledBack)
            case let .success(.created(id, _)):
                ledger.created += 1
                ledger.upserted += 1
                return SaveResultJSON.saved(id: id, created: true)
            case let .success(.updated(id)):
                ledger.updated += 1
                ledger.upserted += 1
                return SaveResultJSON.saved(id: id, created: false)
            case .success(.ambiguous), .success(.notFound):
                ledger.refused += 1
                return SaveResultJSON.failed(RecordError("UNKNOWN_EXCEPTION", "the record was neither created nor updated"))
            }
        }
        await writes.ledger.record(object.name, ledger)
        return Response.json(.array(answers))
    }

    /// Checks one record: its type, that it names no Id, that it carries a key. Throws for what fails the
    /// whole request (another object, an unknown field, a value that cannot be deserialized).
    private func plan(_ record: JSONValue, upserter: Upserter) throws -> Planned {
        let object = upserter.object, key = upserter.key
        guard case let .object(members) = record, let type = record["attributes"]?["type"]?.stringValue else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALID_TYPE", message: "Must send a concrete entity type.")
        }
        guard type.caseInsensitiveCompare(object.name) == .orderedSame else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALID_TYPE",
                                  message: "Every record must be a \(object.name), the object of the request URI, not \(type)")
        }
        let keyValue = members.first { $0.0.caseInsensitiveCompare(key.name) == .orderedSame }?.1 ?? .null
        let fields = members.filter { name, _ in
            name != "attributes" && name.lowercased() != "id" && name.caseInsensitiveCompare(key.name) != .orderedSame
        }
        _ = try RecordValidator(catalog: upserter.catalog, object: object).validate(fields, mode: .update)
        if let id = members.first(where: { $0.0.lowercased() == "id" })?.1, id != .null {
            return Planned(key: keyValue, members: fields, outcome: .failure(RecordError(
                "INVALID_FIELD", "Upserts match on \(key.name); don't set Id in an upsert request", fields: ["Id"])))
        }
        guard keyValue != .null, keyValue != .string("") else {
            return Planned(key: keyValue, members: fields, outcome: .failure(RecordError(
                "MISSING_ARGUMENT", "\(key.name) not specified: every record of an upsert carries its external id", fields: [key.name])))
        }
        return Planned(key: keyValue, members: fields, outcome: try upserter.storedKey(keyValue))
    }

    /// Fails every record whose key another record of the request carries too.
    private static func refuseSharedKeys(in planned: inout [Planned], upserter: Upserter) {
        var counts: [String: Int] = [:]
        for item in planned {
            if case let .success(stored) = item.outcome { counts[upserter.comparable(stored), default: 0] += 1 }
        }
        for index in planned.indices {
            if case let .success(stored) = planned[index].outcome, counts[upserter.comparable(stored), default: 0] > 1 {
                planned[index].outcome = .failure(upserter.duplicate(planned[index].key))
            }
        }
    }
}
