import Foundation

/// Where the service keeps what must outlive a process: the model registry and its history, API
/// keys, the audit log, idempotency records and batch jobs.
///
/// Two implementations run the same tests: `SQLiteServiceStore` (one machine, zero set-up) and
/// `PostgresServiceStore` (several server processes sharing one database).
public protocol ServiceStore: Sendable {
    /// Creates or upgrades the tables; safe to call on every start.
    func migrate() async throws
    /// Fails when the database cannot be reached (`/ready`).
    func ping() async throws
    /// Releases connections.
    func close() async throws

    // MARK: Model registry

    /// Adds a model; registering the same version with the same checksum again is a no-op.
    /// - Throws: `StoreError.conflict` when the version exists with another checksum.
    func insertModel(_ model: RegisteredModel) async throws
    func model(version: String) async throws -> RegisteredModel?
    /// All registered models, oldest first.
    func models() async throws -> [RegisteredModel]
    /// Appends an event when the newest event id is still `expectedLatest` (nil: no events yet),
    /// so two admins acting at once cannot both win. Returns the stored event with its id.
    /// - Throws: `StoreError.conflict` when another event was appended in between.
    func appendRegistryEvent(_ event: RegistryEvent, expectedLatest: Int64?) async throws -> RegistryEvent
    /// The newest event (its `state` is the current rollout), or nil before the first one.
    func latestRegistryEvent() async throws -> RegistryEvent?
    /// Every event, oldest first: kept forever.
    func registryEvents() async throws -> [RegistryEvent]

    // MARK: Retraining gates and approvals

    /// Stores a version's gate report, replacing an earlier one (the latest evaluation is the one that counts).
    func saveGateReport(_ record: ModelGateRecord) async throws
    /// The version's gate report, or nil when it was never gated (registered by hand).
    func gateReport(version: String) async throws -> ModelGateRecord?
    /// Appends an approval (kept forever); returns it with its id.
    func insertApproval(_ approval: ModelApproval) async throws -> ModelApproval
    /// Approvals oldest first; `version` narrows to one version.
    func approvals(version: String?) async throws -> [ModelApproval]

    // MARK: API keys

    func insertAPIKey(_ key: StoredAPIKey) async throws
    func apiKey(id: String) async throws -> StoredAPIKey?
    func apiKeys() async throws -> [StoredAPIKey]
    /// Marks a key revoked; returns false when there is no such key or it was already revoked.
    func revokeAPIKey(id: String, at: Date) async throws -> Bool

    // MARK: Audit log and idempotency

    /// Appends audit events and idempotency records in one transaction. An idempotency record
    /// completes a pending claim on its (client, key); a completed one already there is left as it is.
    func append(audit: [AuditEvent], idempotency: [IdempotencyRecord]) async throws
    /// The record for a key, completed or pending.
    func idempotencyRecord(client: String, key: String) async throws -> IdempotencyRecord?
    /// Stores the pending `claim` unless its (client, key) exists, in one atomic step; a pending claim
    /// created before `staleBefore` is taken over. Returns nil when claimed, else the record that holds the key.
    func claimIdempotency(_ claim: IdempotencyRecord, staleBefore: Date) async throws -> IdempotencyRecord?
    /// Deletes a pending claim (the request failed); a completed record stays.
    func releaseIdempotency(client: String, key: String) async throws
    /// Newest first; `leadId` narrows to one lead.
    func auditEvents(leadId: String?, limit: Int) async throws -> [AuditEvent]
    /// Oldest first, one page: events at `from ..< to` with a row id above `afterId` (the last page's
    /// last id), at most `limit`. Monitoring streams the log with it instead of loading it.
    func auditEvents(from: Date, to: Date, afterId: Int64, limit: Int) async throws -> [StoredAuditEvent]
    /// Deletes audit events and idempotency records older than the cut-offs; returns rows deleted.
    func prune(auditBefore: Date, idempotencyBefore: Date) async throws -> Int

    // MARK: Batch jobs

    func insertJob(_ job: JobRecord) async throws
    func updateJob(_ job: JobRecord) async throws
    func job(id: String) async throws -> JobRecord?

    // MARK: Salesforce sync

    func syncCheckpoint(name: String) async throws -> SyncCheckpoint?
    func saveSyncCheckpoint(_ checkpoint: SyncCheckpoint) async throws
    /// The outbox and retry queue of one sync, oldest first.
    func pendingWrites(sync: String) async throws -> [PendingWrite]
    /// Inserts or replaces (by sync and lead id) in one transaction.
    func savePendingWrites(_ writes: [PendingWrite]) async throws
    func removePendingWrites(sync: String, leadIds: [String]) async throws
}

/// A store failure a caller can act on.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The write lost to another writer or contradicts what is stored.
    case conflict(String)
    /// The store URL or file cannot be used, or the database cannot be reached.
    case unusable(String)
    /// A stored value this version cannot read.
    case unreadable(String)

    public var description: String {
        switch self {
        case let .conflict(message), let .unusable(message), let .unreadable(message): return message
        }
    }
}
