import Foundation
import GRDB
import Hummingbird

/// The sObject resources of the REST API Developer Guide: Describe Global (`/sobjects`), sObject Basic
/// Information (`/sobjects/Lead`, and POST to create one record or publish a platform event), sObject
/// Describe (`/sobjects/Lead/describe`) and sObject Rows (`GET`/`PATCH /sobjects/Lead/{id}`).
struct SObjectRoutes: Sendable {
    let writes: WriteContext

    private var store: OrgStore { writes.store }
    private var catalog: OrgCatalog { writes.catalog }

    func add(to group: RouterGroup<DevRequestContext>) {
        group.get("sobjects") { _, context in
            Response.json(.object([
                ("encoding", .string("UTF-8")), ("maxBatchSize", .integer(200)),
                ("sobjects", .array(try catalog.objects.map { try summary($0, version: context.apiVersion) })),
            ]))
        }
        group.get("sobjects/:object") { _, context in
            let object = try object(context)
            return Response.json(.object([("objectDescribe", try summary(object, version: context.apiVersion)),
                                          ("recentItems", .array([]))]))
        }
        group.post("sobjects/:object") { request, context in try await create(request, context) }
        group.get("sobjects/:object/describe") { _, context in
            let document = try catalog.servedDescribe(of: try object(context), version: context.apiVersion)
            return Response(status: .ok, headers: [.contentType: "application/json;charset=UTF-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
        group.get("sobjects/:object/:id") { request, context in try await read(request, context) }
        group.patch("sobjects/:object/:id") { request, context in try await update(request, context) }
    }

    private func object(_ context: DevRequestContext) throws -> ObjectDescribe {
        try writes.object(named: context.parameters.get("object"))
    }

    /// A platform event is published, never read back or updated as a record.
    private func record(_ context: DevRequestContext) throws -> ObjectDescribe {
        let object = try object(context)
        guard !object.isPlatformEvent else {
            throw SalesforceError(status: .methodNotAllowed, errorCode: "METHOD_NOT_ALLOWED",
                                  message: "\(object.name) is a platform event: publish it with POST /sobjects/\(object.name); "
                                      + "events cannot be read or updated as records")
        }
        return object
    }

    /// The record's 18-character Id, or 404 as Salesforce answers an unknown or malformed one (a value
    /// that is not an Id reads to Salesforce as an external Id it cannot find).
    private func recordId(_ context: DevRequestContext, of object: ObjectDescribe) throws -> String {
        let text = context.parameters.get("id") ?? ""
        guard let id = RecordJSON.canonicalId(text, of: object) else {
            throw SalesforceError(status: .notFound, errorCode: "NOT_FOUND",
                                  message: "Provided external ID field does not exist or is not accessible: \(text)")
        }
        return id
    }

    /// `GET /sobjects/Lead/{id}[?fields=a,b]`: the record's readable fields, or those named.
    private func read(_ request: Request, _ context: DevRequestContext) async throws -> Response {
        let object = try record(context)
        let id = try recordId(context, of: object)
        var fields = catalog.visibleFields(of: object)
        if let list = QueryString.value("fields", in: request) {
            fields = try list.split(separator: ",").map { name in
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                guard let field = catalog.visibleField(trimmed, of: object) else {
                    throw SalesforceError(status: .badRequest, errorCode: "INVALID_FIELD",
                                          message: "No such column '\(trimmed)' on entity '\(object.name)'. If you are attempting "
                                              + "to use a custom field, be sure to append the '__c' after the custom field name. "
                                              + "Please reference your WSDL or the describe call for the appropriate names.")
                }
                return field
            }
        }
        guard let values = try await store.record(object, id: id, fields: fields) else { throw SalesforceError.notFound }
        return Response.json(RecordJSON.render(type: object.name, id: id, version: context.apiVersion,
                                               fields: zip(fields, values).map { ($0.name, $0.kind, $1) }))
    }

    /// `PATCH /sobjects/Lead/{id}`: 204 No Content on success; a record that breaks a rule (a converted
    /// lead, a duplicate unique value) is a 400 with its error.
    private func update(_ request: Request, _ context: DevRequestContext) async throws -> Response {
        let object = try record(context)
        let id = try recordId(context, of: object)
        let members = try Self.members(of: try await JSONBody.read(request))
        let values: [(ObjectDescribe.FieldDescribe, DatabaseValue)]
        switch try RecordValidator(catalog: catalog, object: object).validate(members, mode: .update) {
        case let .success(checked): values = checked
        case let .failure(problem):
            await writes.ledger.record(object.name, .init(refused: 1))
            throw problem.requestError
        }
        let writer = writes.writer(for: object, now: writes.clock.nowMilliseconds())
        guard try await store.exists(object, id: id) else { throw SalesforceError.notFound }
        if await writes.faults.unableToLockRow(path: request.uri.path) {
            await writes.ledger.record(object.name, .init(refused: 1))
            throw RecordError.unableToLock(id).requestError
        }
        let updated: Bool
        do {
            updated = try await store.transaction { db in
                let updated = try writer.update(id: id, values: values, in: db)
                return (updated, updated)
            }
        } catch let problem as RecordError {
            await writes.ledger.record(object.name, .init(refused: 1))
            throw problem.requestError
        }
        guard updated else { throw SalesforceError.notFound }
        await writes.ledger.record(object.name, .init(updated: 1))
        return Response(status: .noContent)
    }

    /// `POST /sobjects/Lead`: 201 with `{"id", "success": true, "errors": []}`; for a platform event
    /// (`POST /sobjects/Hot_Lead__e`) the event is published (see ``SaveResultJSON/created(_:)``).
    private func create(_ request: Request, _ context: DevRequestContext) async throws -> Response {
        let object = try object(context)
        let members = try Self.members(of: try await JSONBody.read(request))
        let values: [(ObjectDescribe.FieldDescribe, DatabaseValue)]
        switch try RecordValidator(catalog: catalog, object: object).validate(members, mode: .create) {
        case let .success(checked): values = checked
        case let .failure(problem):
            await writes.ledger.record(object.name, .init(refused: 1))
            throw problem.requestError
        }
        if await writes.faults.unableToLockRow(path: request.uri.path) {
            await writes.ledger.record(object.name, .init(refused: 1))
            throw RecordError.unableToLock(nil).requestError
        }
        let writer = writes.writer(for: object, now: writes.clock.nowMilliseconds())
        let created: RecordWriter.Created
        do {
            created = try await store.transaction { db in (try writer.insert(values: values, in: db), true) }
        } catch let problem as RecordError {
            await writes.ledger.record(object.name, .init(refused: 1))
            throw problem.requestError
        }
        if !object.isPlatformEvent { await writes.ledger.record(object.name, .init(created: 1)) }
        return Response.json(SaveResultJSON.created(created), status: .created)
    }

    /// The fields of a record body: a JSON object, without its `attributes`.
    static func members(of body: JSONValue) throws -> [(String, JSONValue)] {
        guard case let .object(members) = body else {
            throw SalesforceError.jsonParser("Cannot deserialize instance of SObject from \(body.tokenName): send a JSON object of fields")
        }
        return members.filter { $0.0 != "attributes" }
    }

    /// One object's entry in Describe Global and its Basic Information.
    private func summary(_ object: ObjectDescribe, version: String) throws -> JSONValue {
        let document = (try JSONSerialization.jsonObject(with: object.document) as? [String: Any]) ?? [:]
        var members: [(String, JSONValue)] = [("name", .string(object.name))]
        for key in ["label", "labelPlural", "keyPrefix"] {
            members.append((key, (document[key] as? String).map(JSONValue.string) ?? .null))
        }
        for key in ["custom", "createable", "updateable", "deletable", "queryable", "retrieveable", "searchable"] {
            members.append((key, .bool(document[key] as? Bool ?? false)))
        }
        let base = "/services/data/v\(version)/sobjects/\(object.name)"
        members.append(("urls", .object([("sobject", .string(base)), ("describe", .string(base + "/describe")),
                                         ("rowTemplate", .string(base + "/{ID}"))])))
        return .object(members)
    }
}
