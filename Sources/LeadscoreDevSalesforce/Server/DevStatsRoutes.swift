import Hummingbird

/// `GET /__dev/stats`: what the server did, on a path no Salesforce client would call. Calls seen on
/// `/services/data`, faults injected by kind, today's API usage, the records per object, the records
/// each object's writes saved or refused (``WriteLedger``) and the platform events published.
struct DevStatsRoutes: Sendable {
    let faults: FaultInjector
    let usage: APIUsage
    let store: OrgStore
    let ledger: WriteLedger

    func add(to router: Router<DevRequestContext>) {
        router.get("__dev/stats") { _, _ in
            guard case var .object(members) = await faults.statistics() else { return Response.json(.null) }
            let used = try await usage.used()
            members.append(("apiUsage", .object([("used", .integer(Int64(used))), ("max", .integer(Int64(usage.limit)))])))
            var records: [(String, JSONValue)] = []
            var events: [(String, JSONValue)] = []
            for object in store.catalog.objects {
                let count = JSONValue.integer(Int64(try await store.count(of: object.name)))
                if object.isPlatformEvent { events.append((object.name, count)) } else { records.append((object.name, count)) }
            }
            members.append(("records", .object(records)))
            members.append(("writes", await ledger.statistics()))
            members.append(("events", .object(events)))
            return Response.json(.object(members))
        }
    }
}
