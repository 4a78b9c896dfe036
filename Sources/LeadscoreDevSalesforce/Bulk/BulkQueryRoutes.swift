import Foundation
import HTTPTypes
import Hummingbird

/// Bulk API 2.0 query jobs (Bulk API 2.0 Developer Guide, "Bulk API 2.0 Query"):
///
/// - `POST /jobs/query` `{"operation": "query"|"queryAll", "query", "contentType"?, "columnDelimiter"?, "lineEnding"?}`
///   → 200 and the job info in state UploadComplete;
/// - `GET /jobs/query/{id}` → the full job info (InProgress, then JobComplete);
/// - `GET /jobs/query/{id}/results?maxRecords=N&locator=L` → a CSV page with `Sforce-Locator` (the next
///   page's locator, or the string `null`) and `Sforce-NumberOfRecords`;
/// - `PATCH /jobs/query/{id}` `{"state": "Aborted"}` and `DELETE /jobs/query/{id}` (204).
struct BulkQueryRoutes: Sendable {
    let jobs: BulkJobStore

    static let locatorHeader = HTTPField.Name("Sforce-Locator")!
    static let recordsHeader = HTTPField.Name("Sforce-NumberOfRecords")!
    static let createKeys = ["operation", "query", "contentType", "columnDelimiter", "lineEnding"]

    func add(to group: RouterGroup<DevRequestContext>) {
        group.post("jobs/query") { request, context in
            let job = try await create(try JSONBody.read(request), version: context.apiVersion)
            return Response.json(job.info(full: false))
        }
        group.get("jobs/query/:job") { _, context in
            Response.json(try await jobs.job(context.parameters.get("job") ?? "").info(full: true))
        }
        group.patch("jobs/query/:job") { request, context in
            guard case let .object(members) = try await JSONBody.read(request),
                  members.first(where: { $0.0 == "state" })?.1 == .string("Aborted") else {
                throw SalesforceError(status: .badRequest, errorCode: "API_ERROR",
                                      message: "Send {\"state\": \"Aborted\"} to abort a query job")
            }
            return Response.json(try await jobs.abort(context.parameters.get("job") ?? "").info(full: false))
        }
        group.delete("jobs/query/:job") { _, context in
            try await jobs.delete(context.parameters.get("job") ?? "")
            return Response(status: .noContent)
        }
        group.get("jobs/query/:job/results") { request, context in
            var maxRecords: Int?
            if let text = QueryString.value("maxRecords", in: request) {
                guard let value = Int(text), value > 0 else {
                    throw SalesforceError(status: .badRequest, errorCode: "API_ERROR",
                                          message: "maxRecords must be a whole number above 0, not '\(text)'")
                }
                maxRecords = value
            }
            let locator = QueryString.value("locator", in: request).flatMap { $0.isEmpty || $0 == "null" ? nil : $0 }
            let page = try await jobs.results(context.parameters.get("job") ?? "", locator: locator, maxRecords: maxRecords)
            return Response(status: .ok, headers: [.contentType: "text/csv", Self.locatorHeader: page.next ?? "null",
                                                   Self.recordsHeader: String(page.records)],
                            body: .init(byteBuffer: ByteBuffer(bytes: page.csv)))
        }
    }

    private func create(_ body: JSONValue, version: String) async throws -> BulkQueryJob {
        guard case let .object(members) = body else {
            throw SalesforceError.jsonParser("Send a JSON object: {\"operation\": \"query\", \"query\": \"SELECT Id FROM Lead\"}")
        }
        if let unknown = members.first(where: { !Self.createKeys.contains($0.0) }) {
            throw SalesforceError.jsonParser("Unrecognized field \"\(unknown.0)\"; a query job takes \(Self.createKeys.joined(separator: ", "))")
        }
        let values = Dictionary(members, uniquingKeysWith: { first, _ in first })
        guard let operation = values["operation"]?.stringValue, ["query", "queryAll"].contains(operation) else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOB",
                                  message: "operation must be query or queryAll")
        }
        guard let soql = values["query"]?.stringValue, !soql.isEmpty else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOB", message: "query is required: a SOQL SELECT")
        }
        if let contentType = values["contentType"], contentType != .string("CSV") {
            throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOB", message: "contentType must be CSV")
        }
        let delimiter = try Self.choice(values["columnDelimiter"], name: "columnDelimiter", default: BulkQueryJob.Delimiter.comma)
        let lineEnding = try Self.choice(values["lineEnding"], name: "lineEnding", default: BulkQueryJob.LineEnding.lf)
        return try await jobs.create(operation: operation, soql: soql, delimiter: delimiter, lineEnding: lineEnding, version: version)
    }

    private static func choice<T: RawRepresentable & CaseIterable>(_ value: JSONValue?, name: String, default fallback: T) throws -> T
    where T.RawValue == String {
        guard let value else { return fallback }
        guard let text = value.stringValue, let choice = T(rawValue: text) else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOB",
                                  message: "\(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return choice
    }
}
