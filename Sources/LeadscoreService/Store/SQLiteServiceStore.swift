import Foundation
import GRDB

/// The default store: one SQLite file in WAL mode through GRDB. Readers run in parallel with the
/// single writer; several processes on one machine may share the file.
public final class SQLiteServiceStore: ServiceStore {
    private let pool: DatabasePool

    /// Opens (creating if needed) the database at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // WAL with synchronous=NORMAL: a commit survives a process crash without an fsync each time
        // (only a power loss can take the last commits); the audit log commits per request.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError.unusable("cannot open SQLite store at \(path): \(error)")
        }
    }

    public func migrate() async throws {
        try await pool.write { db in
            try db.execute(sql: StoreSchema.sqlite)
            for (table, column, type) in StoreSchema.sqliteAddedColumns {
                guard try !db.columns(in: table).contains(where: { $0.name == column }) else { continue }
                try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN \(column) \(type)")
            }
        }
    }

    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    public func close() async throws {
        try pool.close()
    }

    // MARK: Registry

    public func insertModel(_ model: RegisteredModel) async throws {
        try await pool.write { db in
            if let existing = try Row.fetchOne(db, sql: "SELECT manifest_sha256 FROM models WHERE version = ?",
                                               arguments: [model.version]) {
                let checksum: String = existing["manifest_sha256"]
                guard checksum == model.manifestSHA256 else {
                    throw StoreError.conflict("model \(model.version) is already registered with other files")
                }
                return
            }
            try db.execute(sql: """
                INSERT INTO models (version, kind, bundle_path, manifest_sha256, registered_at, registered_by, note)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [model.version, model.kind, model.bundlePath, model.manifestSHA256,
                                 model.registeredAt.timeIntervalSince1970, model.registeredBy, model.note])
        }
    }

    public func model(version: String) async throws -> RegisteredModel? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM models WHERE version = ?", arguments: [version]).map(Self.model)
        }
    }

    public func models() async throws -> [RegisteredModel] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM models ORDER BY registered_at, version").map(Self.model)
        }
    }

    public func appendRegistryEvent(_ event: RegistryEvent, expectedLatest: Int64?) async throws -> RegistryEvent {
        let state = try StoreCoding.encode(event.state)
        return try await pool.write { db in
            let latest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM registry_events")
            guard latest == expectedLatest else {
                throw StoreError.conflict("the registry changed while this change was prepared; run the command again")
            }
            try db.execute(sql: """
                INSERT INTO registry_events (at, actor, action, version, reason, state) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [event.at.timeIntervalSince1970, event.actor, event.action.rawValue, event.version,
                                 event.reason, state])
            var stored = event
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    public func latestRegistryEvent() async throws -> RegistryEvent? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM registry_events ORDER BY id DESC LIMIT 1").map(Self.event)
        }
    }

    public func registryEvents() async throws -> [RegistryEvent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM registry_events ORDER BY id").map(Self.event)
        }
    }

    // MARK: Retraining gates and approvals

    public func saveGateReport(_ record: ModelGateRecord) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO model_gates (version, report, passed, at) VALUES (?, ?, ?, ?)
                ON CONFLICT (version) DO UPDATE SET report = excluded.report, passed = excluded.passed, at = excluded.at
                """, arguments: [record.version, record.report, record.passed, record.at.timeIntervalSince1970])
        }
    }

    public func gateReport(version: String) async throws -> ModelGateRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM model_gates WHERE version = ?", arguments: [version]).map { row in
                ModelGateRecord(version: row["version"], report: row["report"], passed: row["passed"],
                                at: Date(timeIntervalSince1970: row["at"]))
            }
        }
    }

    public func insertApproval(_ approval: ModelApproval) async throws -> ModelApproval {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO model_approvals (version, at, actor, action, reason, gates, forced, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [approval.version, approval.at.timeIntervalSince1970, approval.actor, approval.action.rawValue,
                                 approval.reason, approval.gates.rawValue, approval.forced, approval.eventId])
            var stored = approval
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    public func approvals(version: String?) async throws -> [ModelApproval] {
        try await pool.read { db in
            if let version {
                return try Row.fetchAll(db, sql: "SELECT * FROM model_approvals WHERE version = ? ORDER BY id",
                                        arguments: [version]).map(Self.approval)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM model_approvals ORDER BY id").map(Self.approval)
        }
    }

    // MARK: API keys

    public func insertAPIKey(_ key: StoredAPIKey) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO api_keys (id, client, secret_sha256, scopes, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [key.id, key.client, key.secretSHA256, StoreCoding.scopes(key.scopes),
                                 key.createdAt.timeIntervalSince1970, key.revokedAt?.timeIntervalSince1970])
        }
    }

    public func apiKey(id: String) async throws -> StoredAPIKey? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [id]).map(Self.apiKey)
        }
    }

    public func apiKeys() async throws -> [StoredAPIKey] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at, id").map(Self.apiKey)
        }
    }

    public func revokeAPIKey(id: String, at: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [at.timeIntervalSince1970, id])
            return db.changesCount > 0
        }
    }

    // MARK: Audit and idempotency

    public func append(audit: [AuditEvent], idempotency: [IdempotencyRecord]) async throws {
        guard !audit.isEmpty || !idempotency.isEmpty else { return }
        try await pool.write { db in
            for event in audit {
                try db.execute(sql: """
                    INSERT INTO audit_events (request_id, at, client, lead_id, input_hash, model_version, shadow_version,
                        shadow_score, score, tier, reason_codes, latency_us, outcome, detail, input_profile)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [event.requestId, event.at.timeIntervalSince1970, event.client, event.leadId,
                                     event.inputHash, event.modelVersion, event.shadowVersion, event.shadowScore,
                                     event.score, event.tier, event.reasonCodes.joined(separator: ";"),
                                     event.latencyMicroseconds, event.outcome.rawValue, event.detail,
                                     event.inputProfile])
            }
            for record in idempotency {
                try db.execute(sql: """
                    INSERT INTO idempotency (client, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (client, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,
                        body = excluded.body, created_at = excluded.created_at
                    WHERE idempotency.status = 0
                    """, arguments: [record.client, record.key, record.requestHash, record.status, record.body,
                                     record.createdAt.timeIntervalSince1970])
            }
        }
    }

    public func idempotencyRecord(client: String, key: String) async throws -> IdempotencyRecord? {
        try await pool.read { db in try Self.idempotencyRecord(db, client: client, key: key) }
    }

    public func claimIdempotency(_ claim: IdempotencyRecord, staleBefore: Date) async throws -> IdempotencyRecord? {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO idempotency (client, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (client, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,
                    body = excluded.body, created_at = excluded.created_at
                WHERE idempotency.status = 0 AND idempotency.created_at < ?
                """, arguments: [claim.client, claim.key, claim.requestHash, claim.status, claim.body,
                                 claim.createdAt.timeIntervalSince1970, staleBefore.timeIntervalSince1970])
            if db.changesCount > 0 { return nil }
            return try Self.idempotencyRecord(db, client: claim.client, key: claim.key)
        }
    }

    public func releaseIdempotency(client: String, key: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM idempotency WHERE client = ? AND key = ? AND status = 0",
                           arguments: [client, key])
        }
    }

    private static func idempotencyRecord(_ db: Database, client: String, key: String) throws -> IdempotencyRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM idempotency WHERE client = ? AND key = ?",
                         arguments: [client, key]).map { row in
            IdempotencyRecord(client: row["client"], key: row["key"], requestHash: row["request_hash"],
                              status: row["status"], body: row["body"],
                              createdAt: Date(timeIntervalSince1970: row["created_at"]))
        }
    }

    public func auditEvents(leadId: String?, limit: Int) async throws -> [AuditEvent] {
        try await pool.read { db in
            if let leadId {
                return try Row.fetchAll(db, sql: "SELECT * FROM audit_events WHERE lead_id = ? ORDER BY id DESC LIMIT ?",
                                        arguments: [leadId, limit]).map(Self.audit)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM audit_events ORDER BY id DESC LIMIT ?",
                                    arguments: [limit]).map(Self.audit)
        }
    }

    public func auditEvents(from: Date, to: Date, afterId: Int64, limit: Int) async throws -> [StoredAuditEvent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM audit_events WHERE at >= ? AND at < ? AND id > ? ORDER BY id LIMIT ?
                """, arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970, afterId, limit]).map {
                StoredAuditEvent(id: $0["id"], event: try Self.audit($0))
            }
        }
    }

    public func prune(auditBefore: Date, idempotencyBefore: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM audit_events WHERE at < ?", arguments: [auditBefore.timeIntervalSince1970])
            var deleted = db.changesCount
            try db.execute(sql: "DELETE FROM idempotency WHERE created_at < ?",
                           arguments: [idempotencyBefore.timeIntervalSince1970])
            deleted += db.changesCount
            return deleted
        }
    }

    // MARK: Jobs

    public func insertJob(_ job: JobRecord) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO jobs (id, client, status, created_at, finished_at, total, scored, rejected, failure, results)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: Self.jobArguments(job))
        }
    }

    public func updateJob(_ job: JobRecord) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE jobs SET id = ?, client = ?, status = ?, created_at = ?, finished_at = ?, total = ?, scored = ?,
                    rejected = ?, failure = ?, results = ? WHERE id = ?
                """, arguments: Self.jobArguments(job) + [job.id])
        }
    }

    public func job(id: String) async throws -> JobRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]).map { row in
                JobRecord(id: row["id"], client: row["client"],
                          status: try StoreCoding.value(JobRecord.Status.self, row["status"], column: "jobs.status"),
                          createdAt: Date(timeIntervalSince1970: row["created_at"]),
                          finishedAt: (row["finished_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                          total: row["total"], scored: row["scored"], rejected: row["rejected"],
                          failure: row["failure"], results: row["results"])
            }
        }
    }

    // MARK: Salesforce sync

    public func syncCheckpoint(name: String) async throws -> SyncCheckpoint? {
        let state = try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT state FROM sync_checkpoints WHERE name = ?", arguments: [name])
        }
        return try state.map { try StoreCoding.decode(SyncCheckpoint.self, from: $0) }
    }

    public func saveSyncCheckpoint(_ checkpoint: SyncCheckpoint) async throws {
        let state = try StoreCoding.encode(checkpoint)
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO sync_checkpoints (name, state) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET state = excluded.state
                """, arguments: [checkpoint.name, state])
        }
    }

    public func pendingWrites(sync: String) async throws -> [PendingWrite] {
        let records = try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT record FROM sync_pending WHERE sync = ? ORDER BY updated_at, lead_id",
                                arguments: [sync])
        }
        return try records.map { try StoreCoding.decode(PendingWrite.self, from: $0) }
    }

    public func savePendingWrites(_ writes: [PendingWrite]) async throws {
        let rows = try writes.map { ($0, try StoreCoding.encode($0)) }
        try await pool.write { db in
            for (write, record) in rows {
                try db.execute(sql: """
                    INSERT INTO sync_pending (sync, lead_id, updated_at, record) VALUES (?, ?, ?, ?)
                    ON CONFLICT (sync, lead_id) DO UPDATE SET updated_at = excluded.updated_at, record = excluded.record
                    """, arguments: [write.sync, write.leadId, write.updatedAt.timeIntervalSince1970, record])
            }
        }
    }

    public func removePendingWrites(sync: String, leadIds: [String]) async throws {
        try await pool.write { db in
            for leadId in leadIds {
                try db.execute(sql: "DELETE FROM sync_pending WHERE sync = ? AND lead_id = ?", arguments: [sync, leadId])
            }
        }
    }

    // MARK: Row mapping

    private static func jobArguments(_ job: JobRecord) -> StatementArguments {
        [job.id, job.client, job.status.rawValue, job.createdAt.timeIntervalSince1970,
         job.finishedAt?.timeIntervalSince1970, job.total, job.scored, job.rejected, job.failure, job.results]
    }

    private static func model(_ row: Row) -> RegisteredModel {
        RegisteredModel(version: row["version"], kind: row["kind"], bundlePath: row["bundle_path"],
                        manifestSHA256: row["manifest_sha256"],
                        registeredAt: Date(timeIntervalSince1970: row["registered_at"]),
                        registeredBy: row["registered_by"], note: row["note"])
    }

    private static func event(_ row: Row) throws -> RegistryEvent {
        RegistryEvent(id: row["id"], at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"],
                      action: try StoreCoding.value(RegistryEvent.Action.self, row["action"], column: "registry_events.action"),
                      version: row["version"],
                      reason: row["reason"], state: try StoreCoding.decode(RolloutState.self, from: row["state"]))
    }

    private static func approval(_ row: Row) throws -> ModelApproval {
        ModelApproval(id: row["id"], version: row["version"], at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"],
                      action: try StoreCoding.value(RegistryEvent.Action.self, row["action"], column: "model_approvals.action"),
                      reason: row["reason"],
                      gates: try StoreCoding.value(ModelApproval.Gates.self, row["gates"], column: "model_approvals.gates"),
                      forced: row["forced"],
                      eventId: row["event_id"])
    }

    private static func apiKey(_ row: Row) throws -> StoredAPIKey {
        StoredAPIKey(id: row["id"], client: row["client"], secretSHA256: row["secret_sha256"],
                     scopes: try StoreCoding.scopes(row["scopes"]), createdAt: Date(timeIntervalSince1970: row["created_at"]),
                     revokedAt: (row["revoked_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    private static func audit(_ row: Row) throws -> AuditEvent {
        let codes: String = row["reason_codes"] ?? ""
        return AuditEvent(requestId: row["request_id"], at: Date(timeIntervalSince1970: row["at"]),
                          client: row["client"], leadId: row["lead_id"], inputHash: row["input_hash"],
                          modelVersion: row["model_version"], shadowVersion: row["shadow_version"],
                          shadowScore: row["shadow_score"], score: row["score"], tier: row["tier"],
                          reasonCodes: codes.isEmpty ? [] : codes.components(separatedBy: ";"),
                          latencyMicroseconds: row["latency_us"],
                          outcome: try StoreCoding.value(AuditEvent.Outcome.self, row["outcome"], column: "audit_events.outcome"),
                          detail: row["detail"],
                          inputProfile: row["input_profile"])
    }
}
