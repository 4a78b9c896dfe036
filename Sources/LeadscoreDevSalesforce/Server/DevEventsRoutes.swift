import Hummingbird

/// `GET /__dev/events/{event}`: the platform events published to the org, oldest first, as a JSON list
/// (`[{"ReplayId": "1", "EventUuid", "CreatedDate", "CreatedById", <fields>…}]`). Not a Salesforce
/// resource — a real org delivers events to subscribers (CometD, Pub/Sub API), which a test has no
/// use for — so it lives beside `/__dev/stats`, outside `/services`, and needs no session.
struct DevEventsRoutes: Sendable {
    let store: OrgStore
    let userId: String

    func add(to router: Router<DevRequestContext>) {
        router.get("__dev/events/:event") { _, context in
            guard let name = context.parameters.get("event"), let object = store.catalog.object(named: name),
                  object.isPlatformEvent else {
                throw SalesforceError(status: .notFound, errorCode: "NOT_FOUND",
                                      message: "No platform event called '\(context.parameters.get("event") ?? "")': "
                                          + "deploy it with --package (objects/<Name>__e/<Name>__e.object-meta.xml)")
            }
            let events = try await store.pool.read { db in try PlatformEventLog.events(of: object, createdById: userId, in: db) }
            return Response.json(.array(events))
        }
    }
}
