import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Bulk API 2.0 ingest jobs (Bulk API 2.0 Developer Guide, "Bulk API 2.0 Ingest"):
///
/// - `POST /jobs/ingest` `{"object", "operation": "insert"|"update"|"upsert", "externalIdFieldName"?,
///   "contentType"?: "CSV", "lineEnding"?: "LF"|"CRLF", "columnDelimiter"?: "COMMA"}` → 200 and the job,
///   Open, with its `contentUrl`;
/// - `PUT /jobs/ingest/{id}/batches` with the CSV (`Content-Type: text/csv`) → 201, once per job;
/// - `PATCH /jobs/ingest/{id}` `{"state": "UploadComplete"}` (processing starts) or `{"state": "Aborted"}`;
/// - `GET /jobs/ingest/{id}` → the full job info; `GET /jobs/ingest` → every job;
/// - `GET /jobs/ingest/{id}/successfulResults/`, `failedResults/`, `unprocessedrecords/` → CSV;
/// - `DELETE /jobs/ingest/{id}` → 204.
struct IngestRoutes: Sendable {
    let jobs: IngestJobStore
    let writes: WriteContext

    static let createKeys = ["object", "operation", "externalIdFieldName", "contentType", "lineEnding", "columnDelimiter",
                             "assignmentRuleId"]

    func add(to group: RouterGroup<DevRequestContext>) {
        group.post("jobs/ingest") { request, context in
            Response.json(try await create(try JSONBody.read(request), version: context.apiVersion).info(full: false))
        }
        group.get("jobs/ingest") { _, _ in
            Response.json(.object([("done", .bool(true)), ("records", .array(await jobs.all().map { $0.info(full: false) })),
                                   ("nextRecordsUrl", .null)]))
        }
        group.get("jobs/ingest/:job") { _, context in
            Response.json(try await jobs.job(context.parameters.get("job") ?? "").info(full: true))
        }
        group.put("jobs/ingest/:job/batches") { request, context in
            try await upload(request, job: context.parameters.get("job") ?? "")
            return Response(status: .created)
        }
        group.patch("jobs/ingest/:job") { request, context in
            let id = context.parameters.get("job") ?? ""
            guard case let .object(members) = try await JSONBody.read(request), let state = members.first(where: { $0.0 == "state" })?.1 else {
                throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOBSTATE",
                                      message: "Send {\"state\": \"UploadComplete\"} to start the job or {\"state\": \"Aborted\"} to abort it")
            }
            switch state.stringValue {
            case "UploadComplete": return Response.json(try await jobs.close(id).info(full: false))
            case "Aborted": return Response.json(try await jobs.abort(id).info(full: false))
            default:
                throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOBSTATE",
                                      message: "state must be UploadComplete or Aborted, not \(state.serialized)")
            }
        }
        group.delete("jobs/ingest/:job") { _, context in
            try await jobs.delete(context.parameters.get("job") ?? "")
            return Response(status: .noContent)
        }
        for results in IngestJob.Results.allCases {
            group.get(RouterPath("jobs/ingest/:job/\(results.rawValue)")) { _, context in
                let csv = try await jobs.results(context.parameters.get("job") ?? "", results)
                return Response(status: .ok, headers: [.contentType: "text/csv"], body: .init(byteBuffer: ByteBuffer(bytes: csv)))
            }
        }
    }

    /// Receives the job's one upload; a failed upload leaves the job Open for another try.
    private func upload(_ request: Request, job id: String) async throws {
        let file = try await jobs.beginUpload(id)
        do {
            try await Self.receive(request, into: file)
            await jobs.finishUpload(id, received: true)
        } catch {
            try? FileManager.default.removeItem(at: file)
            await jobs.finishUpload(id, received: false)
            throw error
        }
    }

    /// Streams the request body into `file`, within the documented size.
    private static func receive(_ request: Request, into file: URL) async throws {
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var size = 0
        for try await buffer in request.body {
            size += buffer.readableBytes
            guard size <= IngestJobStore.maximumUploadBytes else {
                throw SalesforceError(status: .contentTooLarge, errorCode: "REQUEST_ENTITY_TOO_LARGE",
                                      message: "The job data is larger than 150 MB once base64-encoded; split it over several jobs")
            }
            try handle.write(contentsOf: Data(buffer: buffer))
        }
        guard size > 0 else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOB", message: "The job data is empty: send the CSV, header first")
        }
    }

    /// Checks a create request the way Salesforce answers it (400 INVALIDJOB naming the problem).
    private func create(_ body: JSONValue, version: String) async throws -> IngestJob {
        guard case let .object(members) = body else {
            throw SalesforceError.jsonParser("Send a JSON object: {\"object\": \"Lead\", \"operation\": \"update\"}")
        }
        if let unknown = members.first(where: { !Self.createKeys.contains($0.0) }) {
            throw SalesforceError.jsonParser("Unrecognized field \"\(unknown.0)\"; an ingest job takes \(Self.createKeys.joined(separator: ", "))")
        }
        let values = Dictionary(members, uniquingKeysWith: { first, _ in first })
        guard let name = values["object"]?.stringValue, let object = writes.catalog.object(named: name) else {
            throw Self.invalidJob("InvalidJob : Unable to find object: \(values["object"]?.stringValue ?? "(none given)")")
        }
        guard let text = values["operation"]?.stringValue, let operation = IngestJob.Operation(rawValue: text) else {
            throw Self.invalidJob("InvalidJob : operation must be insert, update or upsert here (delete and hardDelete are not modelled)")
        }
        guard !object.isPlatformEvent || operation == .insert else {
            throw Self.invalidJob("InvalidJob : \(object.name) is a platform event: events can only be inserted (published)")
        }
        var externalId: String?
        if operation == .upsert {
            guard let field = values["externalIdFieldName"]?.stringValue, !field.isEmpty else {
                throw Self.invalidJob("InvalidJob : External ID was blank for \(object.name). An External ID must be specified for upsert.")
            }
            guard let key = Upserter.keyField(field, of: object, in: writes.catalog) else {
                throw Self.invalidJob("InvalidJob : Field name provided, \(field) does not match an External ID, Salesforce Id, "
                                      + "or indexed field for \(object.name)")
            }
            externalId = key.name
        } else if values["externalIdFieldName"] != nil {
            throw Self.invalidJob("InvalidJob : externalIdFieldName is only for upsert jobs")
        }
        if let contentType = values["contentType"], contentType != .string("CSV") {
            throw Self.invalidJob("InvalidJob : contentType must be CSV")
        }
        if let delimiter = values["columnDelimiter"], delimiter != .string("COMMA") {
            throw Self.invalidJob("InvalidJob : the local server reads COMMA-delimited data only (columnDelimiter COMMA)")
        }
        var lineEnding = BulkQueryJob.LineEnding.lf
        if let value = values["lineEnding"] {
            guard let text = value.stringValue, let ending = BulkQueryJob.LineEnding(rawValue: text) else {
                throw Self.invalidJob("InvalidJob : lineEnding must be LF or CRLF")
            }
            lineEnding = ending
        }
        return try await jobs.create(object: object.name, operation: operation, externalIdFieldName: externalId,
                                     lineEnding: lineEnding, version: version)
    }

    private static func invalidJob(_ message: String) -> SalesforceError {
        SalesforceError(status: .badRequest, errorCode: "INVALIDJOB", message: message)
    }
}
