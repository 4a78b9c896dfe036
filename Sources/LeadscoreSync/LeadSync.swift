import Foundation
import LeadscoreData
import LeadscoreModels
import LeadscoreSalesforce
import LeadscoreService
import Logging

/// Keeps Lead scores fresh in Salesforce: reads leads modified since the stored watermark, scores them
/// with the registry's models through the service's own path (validation, canary, batch scoring), and
/// writes the `AI_*` fields and one audit event per write — with the guardrails of DESIGN.md.
///
/// Crash safety: a run's id is stored before it starts and reused by the next run until it completes.
/// Every write is put in the store's outbox before Salesforce is called and removed once the lead and
/// its audit event (upserted by `<run id>:<lead id>`) are both written, so `kill -9` at any point and a
/// rerun converge with no duplicate event; a lead whose fields already carry the decided input hash and
/// model is not written again.
public struct LeadSync: Sendable {
    public let client: SalesforceClient
    public let store: any ServiceStore
    public let models: ServingSet
    public let settings: SyncSettings
    let logger: Logger
    /// Where `*_env` secrets (the hot-lead webhook's URL) are looked up.
    let environment: [String: String]

    public init(client: SalesforceClient, store: any ServiceStore, models: ServingSet, settings: SyncSettings,
                logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.client = client
        self.store = store
        self.models = models
        self.settings = settings
        self.logger = logger
        self.environment = environment
    }

    /// One run. `dryRun` reads and scores but writes nothing (neither Salesforce nor the checkpoint).
    public func run(dryRun: Bool = false, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> SyncSummary {
        let started = Date()
        let callsBefore = await client.usage().calls
        let contract = models.production.scorer.bundle.contract
        var checkpoint = try await store.syncCheckpoint(name: settings.name) ?? SyncCheckpoint(name: settings.name)
        if !dryRun { try CircuitBreakerCheck.closed(checkpoint, settings: settings.circuitBreaker, now: started) }
        var summary = SyncSummary()
        summary.mode = settings.mode
        summary.dryRun = dryRun
        summary.resumed = checkpoint.openRunId != nil
        summary.runId = checkpoint.openRunId ?? Self.newRunId(at: started)
        if !dryRun {
            checkpoint.openRunId = summary.runId
            checkpoint.openRunStartedAt = checkpoint.openRunStartedAt ?? started
            try await store.saveSyncCheckpoint(checkpoint)
        }
        var breaker = BatchFailureCounter(limit: settings.circuitBreaker.failures)
        var webhook: HotLeadWebhook?
        do {
            try await OrgReadiness.check(client: client, settings: settings, writes: !dryRun)
            if let location = settings.hotLead.webhook, !dryRun, settings.mode != .shadow {
                webhook = try HotLeadWebhook(location: location, source: settings.source, environment: environment)
            }
            let writer = SyncWriter(client: client, store: store, settings: settings, runId: summary.runId, webhook: webhook,
                                    logger: logger)
            if !dryRun, settings.mode != .shadow { try await writer.flushPending(into: &summary) }
            let inputFields = SyncedLead.inputFields(for: contract)
            // New models score every lead again; otherwise only leads changed since the watermark.
            let signature = "\(models.state.production ?? "-")|\(models.state.canary ?? "-")|\(models.state.canaryPercent)"
            if checkpoint.modelSignature != signature, !summary.resumed { checkpoint.watermark = nil }
            checkpoint.modelSignature = signature
            let query = Self.query(fields: SyncedLead.queryFields(for: contract), since: checkpoint.watermark)
            let total = try await client.count(ExtractQuery.countVersion(of: query))
            var staged: [PendingWrite] = []
            var routed: Set<String> = []
            try await client.query(query) { page in
                let leads = page.records.compactMap { SyncedLead($0, inputFields: inputFields) }
                let decisions = try score(leads, summary: &summary)
                try await audit(decisions, runId: summary.runId)
                if !dryRun {
                    let writes = decisions.compactMap(\.write)
                    routed.formUnion(writes.filter { $0.routedTo != nil }.map(\.leadId))
                    staged += try await writer.stage(writes)
                    // Staged writes are in the outbox: the watermark may pass these leads now.
                    if let newest = leads.compactMap(\.modified).max() {
                        checkpoint.watermark = max(checkpoint.watermark ?? newest, newest)
                        try await store.saveSyncCheckpoint(checkpoint)
                    }
                    // Small runs write page by page (Collections); big ones gather a Bulk job's worth first.
                    if total < settings.bulkThreshold || staged.count >= settings.bulkThreshold {
                        let outcome = try await writer.commit(staged, routed: routed, into: &summary)
                        try await breaker.record(outcome, of: staged.count, queued: queuedCount)
                        staged = []
                    }
                } else {
                    summary.plan(decisions.compactMap(\.write))
                }
                progress?(summary.leadsRead, total)
            }
            let outcome = try await writer.commit(staged, routed: routed, into: &summary)
            try await breaker.record(outcome, of: staged.count, queued: queuedCount)
            if dryRun {
                summary.slaImpact = try await SLAImpact(client: client, model: models.production, timeZone: settings.timeZone)
                    .forecast()
            }
        } catch {
            await webhook?.shutdown()
            if !dryRun {
                checkpoint.consecutiveFailures += 1
                checkpoint.lastFailureAt = Date()
                checkpoint.lastError = String("\(error)".prefix(300))
                try? await store.saveSyncCheckpoint(checkpoint)
            }
            throw error
        }
        await webhook?.shutdown()
        if !dryRun {
            checkpoint.openRunId = nil
            checkpoint.openRunStartedAt = nil
            checkpoint.lastRunId = summary.runId
            checkpoint.lastCompletedAt = Date()
            checkpoint.consecutiveFailures = 0
            checkpoint.lastError = nil
            try await store.saveSyncCheckpoint(checkpoint)
        }
        summary.apiCalls = await client.usage().calls - callsBefore
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    private func queuedCount() async throws -> Int {
        try await store.pendingWrites(sync: settings.name).count
    }

    /// One lead's outcome: its decision, and the score and hash the local audit log keeps.
    struct Decided {
        let lead: SyncedLead
        let decision: SyncDecision
        let score: LeadScore?
        let inputHash: String?
        let modelVersion: String?
        /// The monitored inputs as baseline bins, for the audit log.
        var inputProfile: String? = nil
        /// Route mode's control group: written but not routed, audited `sync:control`.
        var control = false

        var write: SyncWriter.Write? {
            guard case let .write(write) = decision else { return nil }
            return write
        }
    }

    /// Validates and scores a page the way `POST /v1/score/batch` does (each lead's model by its id, so
    /// canary leads get the canary), then applies the guardrails.
    private func score(_ leads: [SyncedLead], summary: inout SyncSummary) throws -> [Decided] {
        let now = Date()
        let topTier = models.production.scorer.bundle.policy.tiers.first?.name
        let planner = SyncPlanner(settings: settings, now: now, runId: summary.runId,
                                  hotTiers: settings.hotLead.tiers ?? Set([topTier].compactMap { $0 }))
        var valid: [String: (model: ServingModel, items: [(index: Int, lead: LeadValidator.ValidLead)])] = [:]
        var decided: [Decided?] = Array(repeating: nil, count: leads.count)
        for (index, lead) in leads.enumerated() {
            let model = models.model(forLeadKey: lead.id)
            switch model.validator.validate(lead.inputs) {
            case let .success(validLead): valid[model.version, default: (model, [])].items.append((index, validLead))
            case .failure: decided[index] = Decided(lead: lead, decision: planner.decide(lead, score: nil, inputHash: nil),
                                                     score: nil, inputHash: nil, modelVersion: model.version)
            }
        }
        for (_, group) in valid {
            let scores = try group.model.score(group.items.map(\.lead), explain: true, now: now)
            for (item, score) in zip(group.items, scores) {
                let lead = leads[item.index]
                decided[item.index] = Decided(lead: lead, decision: planner.decide(lead, score: score, inputHash: item.lead.inputHash),
                                              score: score, inputHash: item.lead.inputHash, modelVersion: group.model.version,
                                              inputProfile: group.model.inputProfile(item.lead), control: planner.isControl(lead))
            }
        }
        let result = decided.compactMap { $0 }
        summary.leadsRead += leads.count
        summary.scored += result.filter { $0.score != nil }.count
        for entry in result { if case let .skip(reason) = entry.decision { summary.skipped[reason, default: 0] += 1 } }
        let ownerless = result.compactMap(\.write).filter { write in
            write.followUp == nil && write.routedTo != nil && settings.followUp.due[write.score.tier] != nil
        }
        if !ownerless.isEmpty {
            summary.tasksWithoutOwner += ownerless.count
            logger.warning("routed leads get no follow-up Task: their queue has no Task owner", metadata: [
                "count": "\(ownerless.count)", "fix": "map the queue to a user in sync.follow_up.queue_task_owners"])
        }
        return result
    }

    /// Every scored lead goes to the service's audit log (client `salesforce-sync`, request id = run id),
    /// so monitoring sees sync scores beside API scores; refusals are audited with their reason, and a
    /// written control lead as `sync:control` (the cohort report's control group).
    private func audit(_ decisions: [Decided], runId: String) async throws {
        let now = Date()
        let events = decisions.map { entry in
            AuditEvent(requestId: runId, at: now, client: "salesforce-sync", leadId: entry.lead.id,
                       inputHash: entry.inputHash, modelVersion: entry.modelVersion, score: entry.score?.score,
                       tier: entry.score?.tier, reasonCodes: entry.score?.reasons.map(\.code) ?? [], latencyMicroseconds: 0,
                       outcome: entry.score == nil ? .rejected : .scored,
                       detail: { if case let .skip(reason) = entry.decision { return "sync:\(reason.rawValue)" }
                                 return entry.control ? "sync:control" : "sync:write" }(),
                       inputProfile: entry.inputProfile)
        }
        try await store.append(audit: events, idempotency: [])
    }

    /// Leads modified after the watermark (floored to the second: a lead seen twice is skipped as
    /// unchanged, never missed), oldest first so the watermark only moves forward.
    static func query(fields: [String], since watermark: Date?) -> String {
        let condition = watermark.map { " WHERE SystemModstamp > \(SalesforceDate.formatDateTime($0.timeIntervalSince1970))" } ?? ""
        return "SELECT \(fields.joined(separator: ", ")) FROM Lead\(condition) ORDER BY SystemModstamp, Id"
    }

    static func newRunId(at date: Date) -> String {
        let stamp = SalesforceDate.formatDateTime(date.timeIntervalSince1970).filter { $0.isNumber }
        return "sync-\(stamp)-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
    }
}

extension SyncSummary {
    /// A dry run's writes: counted as if made, the first ones kept for the preview.
    mutating func plan(_ writes: [SyncWriter.Write]) {
        written += writes.count
        routed += writes.filter { $0.routedTo != nil }.count
        tasksCreated += writes.filter { $0.followUp != nil }.count
        hotLeadsAnnounced += writes.filter { $0.hotLead != nil }.count
        for write in writes.prefix(Self.previewLimit - preview.count) {
            preview.append("\(write.leadId): score \(write.score.score), tier \(write.score.tier), route \(write.score.route)"
                + (write.routedTo.map { ", owner → \($0)" } ?? ""))
        }
    }
}
