import Foundation

/// The `sync:` section of `leadscore.yaml`.
///
/// ```yaml
/// sync:
///   mode: recommend                  # shadow | recommend | route
///   intake_owners: [00G5e000001AbCdEAF]          # route mode: only leads still owned by these are routed
///   route_owners: {SDR_Hot_Queue: 00G5e000001XyZaEAB, SDR_Queue: 00G5e000001XyZbEAB}   # route name → owner id
///   max_attempts: 5                  # a write failing this many runs in a row leaves the retry queue
///   bulk_threshold: 5000             # this many writes or more go through a Bulk API 2.0 ingest job
/// ```
public struct SyncSettings: Sendable, Equatable {
    public var mode: SyncMode = .shadow
    /// The sync's name in the store (its checkpoint and queue); one per org.
    public var name = "lead-sync"
    /// Queue or user ids that mean "nobody has taken this lead yet".
    public var intakeOwners: Set<String> = []
    /// Owner id (queue or user) per route name of the scoring policy.
    public var routeOwners: [String: String] = [:]
    public var maxAttempts = 5
    /// From this many staged writes on, leads are written by a Bulk API 2.0 ingest job instead of
    /// sObject Collections (fewer API calls for big runs; Collections answer faster for small ones).
    public var bulkThreshold = 5_000

    public init() {}
}
