import Hummingbird

/// `GET /__dev/stats`: what the server did, on a path no Salesforce client would call. Calls seen on
/// `/services/data`, faults injected by kind, today's API usage and the records per object.
struct DevStatsRoutes: Sendable {
    let faults: FaultInjector
    let usage: APIUsage
    let store: OrgStore

    func add(to router: Router<DevRequestContext>) {
        router.get("__dev/stats") { _, _ in
            guard case var .object(members) = await faults.statistics() else { return Response.json(.null) }
            let used = try await usage.used()
            members.append(("apiUsage", .object([("used", .integer(Int64(used))), ("max", .integer(Int64(usage.limit)))])))
            var records: [(String, JSONValue)] = []
            for object in store.catalog.objects {
                records.append((object.name, .integer(Int64(try await store.count(of: object.name)))))
            }
            members.append(("records", .object(records)))
            return Response.json(.object(members))
        }
    }
}
