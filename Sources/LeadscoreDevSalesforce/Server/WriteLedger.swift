/// Counts the records every write saved or refused, per object, since the server started: what
/// `GET /__dev/stats` shows under `writes`, so an end-to-end test can prove that a rerun of a sync wrote
/// nothing twice (the second run's `created` stays put, its upserts land in `updated`).
///
/// `created` and `updated` count saved records whatever the API (sObject rows, Collections, upserts,
/// Bulk ingest); `upserted` counts the saved records that came through an upsert, which are also in
/// `created` or `updated`; `refused` counts records a write turned down (a rule, a converted lead, an
/// injected lock failure, an allOrNone rollback). Published platform events are counted by the event log.
actor WriteLedger {
    struct Counts: Sendable, Equatable {
        var created = 0
        var updated = 0
        var upserted = 0
        var refused = 0
    }

    /// What one write did to one object.
    struct Outcome: Sendable {
        var created = 0
        var updated = 0
        var upserted = 0
        var refused = 0
    }

    private var counts: [String: Counts] = [:]

    func record(_ object: String, _ outcome: Outcome) {
        guard outcome.created + outcome.updated + outcome.refused > 0 else { return }
        var current = counts[object] ?? Counts()
        current.created += outcome.created
        current.updated += outcome.updated
        current.upserted += outcome.upserted
        current.refused += outcome.refused
        counts[object] = current
    }

    /// The counts of `object` (zeros when nothing was written to it).
    func counts(of object: String) -> Counts {
        counts[object] ?? Counts()
    }

    /// `{"Lead": {"created": 0, "updated": 12, "upserted": 0, "refused": 1}, …}`, objects by name.
    func statistics() -> JSONValue {
        .object(counts.keys.sorted().map { object in
            let count = counts[object] ?? Counts()
            return (object, .object([
                ("created", .integer(Int64(count.created))), ("updated", .integer(Int64(count.updated))),
                ("upserted", .integer(Int64(count.upserted))), ("refused", .integer(Int64(count.refused))),
            ]))
        })
    }
}
