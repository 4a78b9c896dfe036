import HTTPTypes
import Hummingbird

/// `GET /query?q=…` and `/queryAll?q=…` (REST API Developer Guide, "Query" and "QueryAll"), and the
/// "Query More Results" locators they hand out: `/query/01gXXXXXXXXXXXXXXX-2000`.
///
/// Answers `{"totalSize", "done", "nextRecordsUrl"?, "records": [{"attributes": {"type", "url"}, …}]}`;
/// `COUNT()` answers `{"totalSize": n, "done": true, "records": []}`. Pages hold 2,000 records unless
/// `Sforce-Query-Options: batchSize=N` asks for fewer (200 to 2,000; "the batch size isn't guaranteed",
/// so values outside are clamped, as Salesforce does). The org keeps no deleted records, so queryAll
/// answers what query answers.
struct QueryRoutes: Sendable {
    let engine: QueryEngine

    static let queryOptions = HTTPField.Name("Sforce-Query-Options")!

    func add(to group: RouterGroup<DevRequestContext>) {
        for resource in ["query", "queryAll"] {
            group.get(RouterPath(resource)) { request, context in
                guard let soql = QueryString.value("q", in: request), !soql.isEmpty else {
                    throw SalesforceError(status: .badRequest, errorCode: "MALFORMED_QUERY",
                                          message: "A query string has to be specified: add ?q=SELECT+Id+FROM+Lead")
                }
                let page = try await engine.run(soql, batchSize: try Self.batchSize(request))
                return Self.response(page, resource: resource, version: context.apiVersion)
            }
            group.get(RouterPath("\(resource)/:locator")) { request, context in
                let page = try await engine.more(context.parameters.get("locator") ?? "", batchSize: try Self.batchSize(request))
                return Self.response(page, resource: resource, version: context.apiVersion)
            }
        }
    }

    /// The page size a request asks for with `Sforce-Query-Options: batchSize=N`, clamped to 200…2000.
    static func batchSize(_ request: Request) throws -> Int {
        guard let header = request.headers[queryOptions] else { return 2_000 }
        for option in header.split(separator: ",") {
            let pair = option.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "batchsize" else { continue }
            guard let size = Int(pair[1]) else {
                throw SalesforceError(status: .badRequest, errorCode: "INVALID_QUERY_OPTIONS",
                                      message: "Sforce-Query-Options batchSize must be a whole number from 200 to 2000, not '\(pair[1])'")
            }
            return min(2_000, max(200, size))
        }
        return 2_000
    }

    static func response(_ page: QueryEngine.Page, resource: String, version: String) -> Response {
        var members: [(String, JSONValue)] = [("totalSize", .integer(Int64(page.totalSize))),
                                              ("done", .bool(page.nextLocator == nil))]
        if let next = page.nextLocator {
            members.append(("nextRecordsUrl", .string("/services/data/v\(version)/\(resource)/\(next)")))
        }
        let records = zip(page.records, page.ids).map { fields, id in
            RecordJSON.render(type: page.object, id: id, version: version, fields: fields)
        }
        members.append(("records", .array(records)))
        return Response.json(.object(members))
    }
}
