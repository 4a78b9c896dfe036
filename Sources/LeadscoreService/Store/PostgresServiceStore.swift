import Foundation
import Logging
import PostgresNIO

/// The shared store: one PostgreSQL database behind several server processes, through PostgresNIO's
/// pooled `PostgresClient`. Same tables, encodings and behaviour as `SQLiteServiceStore`; the same
/// tests run against both.
///
/// Connection and configuration failures surface as `StoreError.unusable` naming the fix (see
/// `StoreError.translating`). PostgresNIO's pool keeps retrying a failed connection for a minute
/// before it fails the queries waiting for one (then fails new ones at once until the server is
/// back), so `migrate()` connects on its own and `ping()` has a deadline: at start-up and in
/// `/ready` a wrong URL or a stopped server is reported at once. Other calls made while the server
/// is down wait up to that minute; a caller that cannot wait must bound them itself.
public final class PostgresServiceStore: ServiceStore {
    private let url: PostgresStoreURL
    private let client: PostgresClient
    /// Runs the client's connection pool: the client leases no connection unless this task runs.
    private let runner: Task<Void, Never>
    private let logger: Logger

    /// How long `ping()` waits for an answer before calling the store unreachable.
    private static let pingDeadline = Duration.seconds(5)
    /// The advisory lock `migrate()` holds, so two processes starting at once do not race to create
    /// the same table (concurrent `CREATE TABLE IF NOT EXISTS` can fail on PostgreSQL's catalog).
    private static let migrationLock: Int64 = 0x6c65_6164_7363_6f72 // "leadscor"

    /// Prepares a client for `url` (postgres:// or postgresql://, see `PostgresStoreURL`) without
    /// connecting yet; call `migrate()` to connect and create the tables.
    /// - Throws: `StoreError.unusable` when the URL cannot be read.
    public init(url: String) throws {
        let url = try PostgresStoreURL(url)
        let logger = Logger(label: "leadscore.store.postgres")
        let client = PostgresClient(configuration: url.clientConfiguration(), backgroundLogger: logger)
        self.url = url
        self.client = client
        self.logger = logger
        runner = Task.detached { await client.run() }
    }

    deinit {
        runner.cancel()
    }

    /// Creates the tables on a connection of its own rather than the pool's, so a wrong password, a
    /// missing database or a stopped server fails now with the server's reason, not a minute later.
    public func migrate() async throws {
        try await translatingErrors {
            let connection = try await PostgresConnection.connect(configuration: url.connectionConfiguration(),
                                                                  id: 0, logger: logger)
            do {
                try await connection.withTransaction(logger: logger) { connection in
                    try await Self.rows("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", on: connection,
                                        logger: logger)
                    for statement in StoreSchema.postgres {
                        try await Self.rows(PostgresQuery(unsafeSQL: statement), on: connection, logger: logger)
                    }
                }
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
        }
    }

    public func ping() async throws {
        try await translatingErrors {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { [client, logger] in
                    _ = try await client.query("SELECT 1", logger: logger).collect()
                }
                group.addTask { [url] in
                    try await Task.sleep(for: Self.pingDeadline)
                    throw StoreError.unusable("""
                        PostgreSQL at \(url) did not answer within \(Self.pingDeadline); check that it is running \
                        and reachable
                        """)
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        }
    }

    /// Stops the pool and waits until its connections are closed.
    public func close() async throws {
        runner.cancel()
        await runner.value
    }

    // MARK: Registry

    public func insertModel(_ model: RegisteredModel) async throws {
        // Models are never deleted, so when the insert finds the version taken, the row it found stays.
        let inserted = try await rows("""
            INSERT INTO models (version, kind, bundle_path, manifest_sha256, registered_at, registered_by, note)
            VALUES (\(model.version), \(model.kind), \(model.bundlePath), \(model.manifestSHA256),
                    \(model.registeredAt.timeIntervalSince1970), \(model.registeredBy), \(model.note))
            ON CONFLICT (version) DO NOTHING RETURNING version
            """)
        guard inserted.isEmpty else { return }
        let existing = try await rows("SELECT manifest_sha256 FROM models WHERE version = \(model.version)")
        let checksum: String? = try existing.first?.value("manifest_sha256")
        guard checksum == model.manifestSHA256 else {
            throw StoreError.conflict("model \(model.version) is already registered with other files")
        }
    }

    public func model(version: String) async throws -> RegisteredModel? {
        try await rows("SELECT * FROM models WHERE version = \(version)").first.map(Self.model)
    }

    public func models() async throws -> [RegisteredModel] {
        try await rows("SELECT * FROM models ORDER BY registered_at, version").map(Self.model)
    }

    public func appendRegistryEvent(_ event: RegistryEvent, expectedLatest: Int64?) async throws -> RegistryEvent {
        let state = try StoreCoding.encode(event.state)
        return try await transaction { connection in
            // EXCLUSIVE mode queues other appenders until this transaction ends; plain reads go on.
            try await Self.rows("LOCK TABLE registry_events IN EXCLUSIVE MODE", on: connection, logger: logger)
            let latest: Int64? = try await Self.rows("SELECT MAX(id) AS latest FROM registry_events",
                                                     on: connection, logger: logger).first?.value("latest")
            guard latest == expectedLatest else {
                throw StoreError.conflict("the registry changed while this change was prepared; run the command again")
            }
            let inserted = try await Self.rows("""
                INSERT INTO registry_events (at, actor, action, version, reason, state)
                VALUES (\(event.at.timeIntervalSince1970), \(event.actor), \(event.action.rawValue), \(event.version),
                        \(event.reason), \(state))
                RETURNING id
                """, on: connection, logger: logger)
            var stored = event
            stored.id = try inserted.first?.value("id")
            return stored
        }
    }

    public func latestRegistryEvent() async throws -> RegistryEvent? {
        try await rows("SELECT * FROM registry_events ORDER BY id DESC LIMIT 1").first.map(Self.event)
    }

    public func registryEvents() async throws -> [RegistryEvent] {
        try await rows("SELECT * FROM registry_events ORDER BY id").map(Self.event)
    }

    // MARK: Retraining gates and approvals

    public func saveGateReport(_ record: ModelGateRecord) async throws {
        try await rows("""
            INSERT INTO model_gates (version, report, passed, at)
            VALUES (\(record.version), \(record.report), \(record.passed), \(record.at.timeIntervalSince1970))
            ON CONFLICT (version) DO UPDATE SET report = excluded.report, passed = excluded.passed, at = excluded.at
            """)
    }

    public func gateReport(version: String) async throws -> ModelGateRecord? {
        try await rows("SELECT * FROM model_gates WHERE version = \(version)").first.map { row in
            ModelGateRecord(version: try row.value("version"), report: try row.value("report"), passed: try row.value("passed"),
                            at: Date(timeIntervalSince1970: try row.value("at")))
        }
    }

    public func insertApproval(_ approval: ModelApproval) async throws -> ModelApproval {
        let inserted = try await rows("""
            INSERT INTO model_approvals (version, at, actor, action, reason, gates, forced, event_id)
            VALUES (\(approval.version), \(approval.at.timeIntervalSince1970), \(approval.actor), \(approval.action.rawValue),
                    \(approval.reason), \(approval.gates.rawValue), \(approval.forced), \(approval.eventId))
            RETURNING id
            """)
        var stored = approval
        stored.id = try inserted.first?.value("id")
        return stored
    }

    public func approvals(version: String?) async throws -> [ModelApproval] {
        if let version {
            return try await rows("SELECT * FROM model_approvals WHERE version = \(version) ORDER BY id").map(Self.approval)
        }
        return try await rows("SELECT * FROM model_approvals ORDER BY id").map(Self.approval)
    }

    // MARK: API keys

    public func insertAPIKey(_ key: StoredAPIKey) async throws {
        try await rows("""
            INSERT INTO api_keys (id, client, secret_sha256, scopes, created_at, revoked_at)
            VALUES (\(key.id), \(key.client), \(key.secretSHA256), \(StoreCoding.scopes(key.scopes)),
                    \(key.createdAt.timeIntervalSince1970), \(key.revokedAt?.timeIntervalSince1970))
            """)
    }

    public func apiKey(id: String) async throws -> StoredAPIKey? {
        try await rows("SELECT * FROM api_keys WHERE id = \(id)").first.map(Self.apiKey)
    }

    public func apiKeys() async throws -> [StoredAPIKey] {
        try await rows("SELECT * FROM api_keys ORDER BY created_at, id").map(Self.apiKey)
    }

    public func revokeAPIKey(id: String, at: Date) async throws -> Bool {
        try await !rows("""
            UPDATE api_keys SET revoked_at = \(at.timeIntervalSince1970) WHERE id = \(id) AND revoked_at IS NULL
            RETURNING id
            """).isEmpty
    }

    // MARK: Audit and idempotency

    public func append(audit: [AuditEvent], idempotency: [IdempotencyRecord]) async throws {
        guard !audit.isEmpty || !idempotency.isEmpty else { return }
        try await transaction { connection in
            for event in audit {
                try await Self.rows("""
                    INSERT INTO audit_events (request_id, at, client, lead_id, input_hash, model_version, shadow_version,
                        shadow_score, score, tier, reason_codes, latency_us, outcome, detail, input_profile)
                    VALUES (\(event.requestId), \(event.at.timeIntervalSince1970), \(event.client), \(event.leadId),
                            \(event.inputHash), \(event.modelVersion), \(event.shadowVersion), \(event.shadowScore),
                            \(event.score), \(event.tier), \(event.reasonCodes.joined(separator: ";")),
                            \(event.latencyMicroseconds), \(event.outcome.rawValue), \(event.detail),
                            \(event.inputProfile))
                    """, on: connection, logger: logger)
            }
            for record in idempotency {
                try await Self.rows("""
                    INSERT INTO idempotency (client, key, request_hash, status, body, created_at)
                    VALUES (\(record.client), \(record.key), \(record.requestHash), \(record.status), \(record.body),
                            \(record.createdAt.timeIntervalSince1970))
                    ON CONFLICT (client, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,
                        body = excluded.body, created_at = excluded.created_at
                    WHERE idempotency.status = 0
                    """, on: connection, logger: logger)
            }
        }
    }

    public func idempotencyRecord(client: String, key: String) async throws -> IdempotencyRecord? {
        try await rows("SELECT * FROM idempotency WHERE client = \(client) AND key = \(key)").first.map(Self.idempotency)
    }

    public func claimIdempotency(_ claim: IdempotencyRecord, staleBefore: Date) async throws -> IdempotencyRecord? {
        // A holder deleted between the insert and the read (its request failed) lets the next attempt claim the key.
        for _ in 0..<3 {
            let claimed = try await rows("""
                INSERT INTO idempotency (client, key, request_hash, status, body, created_at)
                VALUES (\(claim.client), \(claim.key), \(claim.requestHash), \(claim.status), \(claim.body),
                        \(claim.createdAt.timeIntervalSince1970))
                ON CONFLICT (client, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,
                    body = excluded.body, created_at = excluded.created_at
                WHERE idempotency.status = 0 AND idempotency.created_at < \(staleBefore.timeIntervalSince1970)
                RETURNING client
                """)
            if !claimed.isEmpty { return nil }
            if let holder = try await idempotencyRecord(client: claim.client, key: claim.key) { return holder }
        }
        throw StoreError.unusable("the idempotency key '\(claim.key.prefix(80))' was claimed and released three times in a row")
    }

    public func releaseIdempotency(client: String, key: String) async throws {
        try await rows("DELETE FROM idempotency WHERE client = \(client) AND key = \(key) AND status = 0")
    }

    private static func idempotency(_ row: PostgresRandomAccessRow) throws -> IdempotencyRecord {
        IdempotencyRecord(client: try row.value("client"), key: try row.value("key"),
                          requestHash: try row.value("request_hash"), status: try row.value("status"),
                          body: try row.value("body"),
                          createdAt: Date(timeIntervalSince1970: try row.value("created_at")))
    }

    public func auditEvents(leadId: String?, limit: Int) async throws -> [AuditEvent] {
        if let leadId {
            return try await rows("""
                SELECT * FROM audit_events WHERE lead_id = \(leadId) ORDER BY id DESC LIMIT \(limit)
                """).map(Self.audit)
        }
        return try await rows("SELECT * FROM audit_events ORDER BY id DESC LIMIT \(limit)").map(Self.audit)
    }

    public func auditEvents(from: Date, to: Date, afterId: Int64, limit: Int) async throws -> [StoredAuditEvent] {
        try await rows("""
            SELECT * FROM audit_events
            WHERE at >= \(from.timeIntervalSince1970) AND at < \(to.timeIntervalSince1970) AND id > \(afterId)
            ORDER BY id LIMIT \(limit)
            """).map { StoredAuditEvent(id: try $0.value("id"), event: try Self.audit($0)) }
    }

    public func prune(auditBefore: Date, idempotencyBefore: Date) async throws -> Int {
        // One statement, so both deletions happen together, as in the SQLite store's transaction.
        let counted = try await rows("""
            WITH audit AS (DELETE FROM audit_events WHERE at < \(auditBefore.timeIntervalSince1970) RETURNING 1),
                 idempotency AS (DELETE FROM idempotency WHERE created_at < \(idempotencyBefore.timeIntervalSince1970)
                                 RETURNING 1)
            SELECT (SELECT COUNT(*) FROM audit) + (SELECT COUNT(*) FROM idempotency) AS deleted
            """)
        return try counted.first?.value("deleted") ?? 0
    }

    // MARK: Jobs

    public func insertJob(_ job: JobRecord) async throws {
        try await rows("""
            INSERT INTO jobs (id, client, status, created_at, finished_at, total, scored, rejected, failure, results)
            VALUES (\(job.id), \(job.client), \(job.status.rawValue), \(job.createdAt.timeIntervalSince1970),
                    \(job.finishedAt?.timeIntervalSince1970), \(job.total), \(job.scored), \(job.rejected),
                    \(job.failure), \(job.results))
            """)
    }

    public func updateJob(_ job: JobRecord) async throws {
        try await rows("""
            UPDATE jobs SET client = \(job.client), status = \(job.status.rawValue),
                created_at = \(job.createdAt.timeIntervalSince1970), finished_at = \(job.finishedAt?.timeIntervalSince1970),
                total = \(job.total), scored = \(job.scored), rejected = \(job.rejected), failure = \(job.failure),
                results = \(job.results)
            WHERE id = \(job.id)
            """)
    }

    public func job(id: String) async throws -> JobRecord? {
        try await rows("SELECT * FROM jobs WHERE id = \(id)").first.map { row in
            JobRecord(id: try row.value("id"), client: try row.value("client"),
                      status: try StoreCoding.value(JobRecord.Status.self, try row.value("status"), column: "jobs.status"),
                      createdAt: Date(timeIntervalSince1970: try row.value("created_at")),
                      finishedAt: (try row.value("finished_at") as Double?).map(Date.init(timeIntervalSince1970:)),
                      total: try row.value("total"), scored: try row.value("scored"),
                      rejected: try row.value("rejected"), failure: try row.value("failure"),
                      results: try row.value("results"))
        }
    }

    // MARK: Salesforce sync

    public func syncCheckpoint(name: String) async throws -> SyncCheckpoint? {
        try await rows("SELECT state FROM sync_checkpoints WHERE name = \(name)").first.map { row in
            try StoreCoding.decode(SyncCheckpoint.self, from: try row.value("state"))
        }
    }

    public func saveSyncCheckpoint(_ checkpoint: SyncCheckpoint) async throws {
        let state = try StoreCoding.encode(checkpoint)
        try await rows("""
            INSERT INTO sync_checkpoints (name, state) VALUES (\(checkpoint.name), \(state))
            ON CONFLICT (name) DO UPDATE SET state = excluded.state
            """)
    }

    public func pendingWrites(sync: String) async throws -> [PendingWrite] {
        try await rows("SELECT record FROM sync_pending WHERE sync = \(sync) ORDER BY updated_at, lead_id").map { row in
            try StoreCoding.decode(PendingWrite.self, from: try row.value("record"))
        }
    }

    public func savePendingWrites(_ writes: [PendingWrite]) async throws {
        let rows = try writes.map { ($0, try StoreCoding.encode($0)) }
        try await transaction { connection in
            for (write, record) in rows {
                try await Self.rows("""
                    INSERT INTO sync_pending (sync, lead_id, updated_at, record)
                    VALUES (\(write.sync), \(write.leadId), \(write.updatedAt.timeIntervalSince1970), \(record))
                    ON CONFLICT (sync, lead_id) DO UPDATE SET updated_at = excluded.updated_at, record = excluded.record
                    """, on: connection, logger: logger)
            }
        }
    }

    public func removePendingWrites(sync: String, leadIds: [String]) async throws {
        guard !leadIds.isEmpty else { return }
        try await rows("DELETE FROM sync_pending WHERE sync = \(sync) AND lead_id = ANY(\(leadIds))")
    }

    // MARK: Queries

    /// Runs `query` on a pooled connection and returns every row (statements without rows return none).
    @discardableResult
    private func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await translatingErrors {
            try await client.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
        }
    }

    /// Runs `query` on `connection`, reading every row so the connection is free for the next query.
    @discardableResult
    private static func rows(_ query: PostgresQuery, on connection: PostgresConnection,
                             logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    /// Runs `body` in one transaction on a pooled connection: committed when it returns, rolled back
    /// when it throws.
    private func transaction<Result: Sendable>(
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await translatingErrors {
            try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        }
    }

    private func translatingErrors<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            throw StoreError.translating(error, from: url)
        }
    }

    // MARK: Row mapping

    private static func model(_ row: PostgresRandomAccessRow) throws -> RegisteredModel {
        RegisteredModel(version: try row.value("version"), kind: try row.value("kind"),
                        bundlePath: try row.value("bundle_path"), manifestSHA256: try row.value("manifest_sha256"),
                        registeredAt: Date(timeIntervalSince1970: try row.value("registered_at")),
                        registeredBy: try row.value("registered_by"), note: try row.value("note"))
    }

    private static func event(_ row: PostgresRandomAccessRow) throws -> RegistryEvent {
        RegistryEvent(id: try row.value("id"), at: Date(timeIntervalSince1970: try row.value("at")),
                      actor: try row.value("actor"),
                      action: try StoreCoding.value(RegistryEvent.Action.self, try row.value("action"), column: "registry_events.action"),
                      version: try row.value("version"), reason: try row.value("reason"),
                      state: try StoreCoding.decode(RolloutState.self, from: try row.value("state")))
    }

    private static func approval(_ row: PostgresRandomAccessRow) throws -> ModelApproval {
        ModelApproval(id: try row.value("id"), version: try row.value("version"),
                      at: Date(timeIntervalSince1970: try row.value("at")), actor: try row.value("actor"),
                      action: try StoreCoding.value(RegistryEvent.Action.self, try row.value("action"), column: "model_approvals.action"),
                      reason: try row.value("reason"),
                      gates: try StoreCoding.value(ModelApproval.Gates.self, try row.value("gates"), column: "model_approvals.gates"),
                      forced: try row.value("forced"), eventId: try row.value("event_id"))
    }

    private static func apiKey(_ row: PostgresRandomAccessRow) throws -> StoredAPIKey {
        StoredAPIKey(id: try row.value("id"), client: try row.value("client"),
                     secretSHA256: try row.value("secret_sha256"), scopes: try StoreCoding.scopes(try row.value("scopes")),
                     createdAt: Date(timeIntervalSince1970: try row.value("created_at")),
                     revokedAt: (try row.value("revoked_at") as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    private static func audit(_ row: PostgresRandomAccessRow) throws -> AuditEvent {
        let codes: String = try row.value("reason_codes")
        return AuditEvent(requestId: try row.value("request_id"), at: Date(timeIntervalSince1970: try row.value("at")),
                          client: try row.value("client"), leadId: try row.value("lead_id"),
                          inputHash: try row.value("input_hash"), modelVersion: try row.value("model_version"),
                          shadowVersion: try row.value("shadow_version"), shadowScore: try row.value("shadow_score"),
                          score: try row.value("score"), tier: try row.value("tier"),
                          reasonCodes: codes.isEmpty ? [] : codes.components(separatedBy: ";"),
                          latencyMicroseconds: try row.value("latency_us"),
                          outcome: try StoreCoding.value(AuditEvent.Outcome.self, try row.value("outcome"), column: "audit_events.outcome"),
                          detail: try row.value("detail"), inputProfile: try row.value("input_profile"))
    }
}

private extension PostgresRandomAccessRow {
    /// The value of `column`, decoded as the type the caller expects (`Optional` for nullable columns).
    func value<Value: PostgresDecodable>(_ column: String) throws -> Value {
        try self[column].decode(Value.self)
    }
}
