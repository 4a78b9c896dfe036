/// What every route that writes records needs: the org, its clock, the integration user that writes,
/// the fault plan (UNABLE_TO_LOCK_ROW) and the ledger `/__dev/stats` reports writes from.
struct WriteContext: Sendable {
    let store: OrgStore
    let clock: DevClock
    let userId: String
    let faults: FaultInjector
    let ledger: WriteLedger

    var catalog: OrgCatalog { store.catalog }

    /// A writer for `object` stamping saves with `now` (milliseconds, the org clock).
    func writer(for object: ObjectDescribe, now: Int64) -> RecordWriter {
        RecordWriter(catalog: store.catalog, object: object, nowMilliseconds: now, userId: userId)
    }

    /// `object`'s describe for a route's `:object` parameter, or 404 NOT_FOUND.
    func object(named name: String?) throws -> ObjectDescribe {
        guard let name, let object = store.catalog.object(named: name) else { throw SalesforceError.notFound }
        return object
    }
}
