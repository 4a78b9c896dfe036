import Foundation
import GRDB
import Hummingbird

/// sObject Rows by External ID (REST API Developer Guide, "Insert or Update (Upsert) a Record Using an
/// External ID"): `GET` and `PATCH /sobjects/{object}/{externalIdField}/{value}`.
///
/// A PATCH creates the record when no record has the value (201 `{"id", "success": true, "errors": [],
/// "created": true}`), updates it when one has (200 with `"created": false` from API 46.0, 204 without a
/// body before), and writes nothing when several have (300 and the matching records' urls).
/// `?updateOnly=true` turns the create into a 404. A field that does not exist, is hidden, or is neither
/// an external id nor an idLookup field is a 404 NOT_FOUND ("Provided external ID field does not exist
/// or is not accessible"). A GET answers the one matching record.
struct ExternalIdRoutes: Sendable {
    let writes: WriteContext

    /// The first version whose upsert answers say `created` (and whose updates answer 200 instead of 204).
    static let createdFlagVersion = 46.0

    func add(to group: RouterGroup<DevRequestContext>) {
        // The router names a path position once: the field sits where sObject Rows have the record `:id`.
        group.patch("sobjects/:object/:id/:value") { request, context in try await upsert(request, context) }
        group.get("sobjects/:object/:id/:value") { _, context in try await read(context) }
    }

    private func target(_ context: DevRequestContext) throws -> (Upserter, String) {
        let object = try writes.object(named: context.parameters.get("object"))
        let name = context.parameters.get("id") ?? ""
        guard !object.isPlatformEvent, let key = Upserter.keyField(name, of: object, in: writes.catalog) else {
            throw SalesforceError(status: .notFound, errorCode: "NOT_FOUND",
                                  message: "Provided external ID field does not exist or is not accessible: \(name)")
        }
        let value = context.parameters.get("value").map { $0.removingPercentEncoding ?? $0 } ?? ""
        let writer = writes.writer(for: object, now: writes.clock.nowMilliseconds())
        return (Upserter(catalog: writes.catalog, object: object, key: key, writer: writer), value)
    }

    private func upsert(_ request: Request, _ context: DevRequestContext) async throws -> Response {
        let (upserter, value) = try target(context)
        let object = upserter.object, key = upserter.key
        var members = try SObjectRoutes.members(of: try await JSONBody.read(request))
        // The body may repeat the key; it may not contradict the url.
        if let repeated = members.first(where: { $0.0.caseInsensitiveCompare(key.name) == .orderedSame }) {
            guard Upserter.text(repeated.1).caseInsensitiveCompare(value) == .orderedSame else {
                throw SalesforceError(status: .badRequest, errorCode: "INVALID_FIELD",
                                      message: "\(key.name) is '\(value)' in the url and '\(Upserter.text(repeated.1))' in the body; "
                                          + "leave it out of the body or make them equal", fields: [key.name])
            }
            members.removeAll { $0.0.caseInsensitiveCompare(key.name) == .orderedSame }
        }
        // What Salesforce cannot deserialize fails the request before anything is looked up.
        _ = try RecordValidator(catalog: writes.catalog, object: object).validate(members, mode: .update)
        if case let .failure(problem) = try upserter.storedKey(.string(value)) { throw problem.requestError }
        if await writes.faults.unableToLockRow(path: request.uri.path) {
            await writes.ledger.record(object.name, .init(refused: 1))
            throw RecordError.unableToLock(nil).requestError
        }
        let updateOnly = QueryString.value("updateOnly", in: request)?.lowercased() == "true"
        let fields = members
        let outcome: Upserter.Outcome
        do {
            outcome = try await writes.store.transaction { db in
                let outcome = try upserter.upsert(keyValue: .string(value), members: fields, updateOnly: updateOnly, in: db)
                if case .ambiguous = outcome { return (outcome, false) }
                return (outcome, true)
            }
        } catch let problem as RecordError {
            await writes.ledger.record(object.name, .init(refused: 1))
            throw problem.requestError
        }
        let reportsCreated = (Double(context.apiVersion) ?? 62) >= Self.createdFlagVersion
        switch outcome {
        case let .created(id, _):
            await writes.ledger.record(object.name, .init(created: 1, upserted: 1))
            return Response.json(SaveResultJSON.saved(id: id, created: reportsCreated ? true : nil), status: .created)
        case let .updated(id):
            await writes.ledger.record(object.name, .init(updated: 1, upserted: 1))
            guard reportsCreated else { return Response(status: .noContent) }
            return Response.json(SaveResultJSON.saved(id: id, created: false))
        case let .ambiguous(ids):
            await writes.ledger.record(object.name, .init(refused: 1))
            return Self.multipleChoices(ids, object: object, version: context.apiVersion)
        case .notFound:
            throw SalesforceError.notFound
        }
    }

    /// `GET /sobjects/Lead_Scoring_Event__c/Event_Key__c/run-7:00Q…`: the matching record's readable fields.
    private func read(_ context: DevRequestContext) async throws -> Response {
        let (upserter, value) = try target(context)
        let object = upserter.object
        guard case let .success(stored) = try upserter.storedKey(.string(value)) else { throw SalesforceError.notFound }
        let ids = try await writes.store.pool.read { db in try upserter.matches(stored, in: db) }
        guard ids.count <= 1 else { return Self.multipleChoices(ids, object: object, version: context.apiVersion) }
        let fields = writes.catalog.visibleFields(of: object)
        guard let id = ids.first, let values = try await writes.store.record(object, id: id, fields: fields) else {
            throw SalesforceError.notFound
        }
        return Response.json(RecordJSON.render(type: object.name, id: id, version: context.apiVersion,
                                               fields: zip(fields, values).map { ($0.name, $0.kind, $1) }))
    }

    /// 300 Multiple Choices with the urls of the records that share the value.
    private static func multipleChoices(_ ids: [String], object: ObjectDescribe, version: String) -> Response {
        Response.json(.array(ids.map { .string("/services/data/v\(version)/sobjects/\(object.name)/\($0)") }), status: .multipleChoices)
    }
}
