import Foundation
import LeadscoreModels
import LeadscoreSalesforce
import LeadscoreService
import Logging

/// Writes decided scores to Salesforce through the store's outbox: outbox first, then the Lead
/// fields (sObject Collections, 200 a request; a Bulk API 2.0 ingest job at `bulk_threshold` leads or
/// more), then what they set off (follow-up Tasks, hot-lead event and webhook), then the audit events
/// (upserted by external id), then the outbox entry is removed. A failed write stays in the outbox as
/// the retry queue, with the steps it already finished.
struct SyncWriter {
    struct Write {
        let leadId: String
        let fields: SalesforceRecord
        let score: LeadScore
        let routedTo: String?
        /// Route mode: the Task for the new owner.
        let followUp: SalesforceRecord?
        /// The lead enters a hot tier: its `Hot_Lead__e` event.
        let hotLead: SalesforceRecord?
    }

    let client: SalesforceClient
    let store: any ServiceStore
    let settings: SyncSettings
    let runId: String
    let webhook: HotLeadWebhook?
    let logger: Logger

    /// Puts one page's decisions in the outbox; from then on a crash cannot lose them, so the caller may
    /// move the watermark past these leads. Returns the outbox entries to commit.
    func stage(_ writes: [Write]) async throws -> [PendingWrite] {
        guard !writes.isEmpty else { return [] }
        let pending = try writes.map { write in
            var entry = PendingWrite(sync: settings.name, leadId: write.leadId, runId: runId, fields: try Self.encode(write.fields),
                                     event: try Self.encode(ScoreWrite.event(leadId: write.leadId, score: write.fields,
                                                                              mode: settings.mode, runId: runId)),
                                     updatedAt: Date())
            entry.followUp = try write.followUp.map(Self.encode)
            entry.hotLead = try write.hotLead.map(Self.encode)
            return entry
        }
        try await store.savePendingWrites(pending)
        return pending
    }

    /// Writes staged decisions and counts them.
    @discardableResult
    func commit(_ pending: [PendingWrite], routed: Set<String>, into summary: inout SyncSummary) async throws -> Outcome {
        guard !pending.isEmpty else { return Outcome() }
        let outcome = try await commit(pending, skipLeadWrite: [], retrying: false)
        summary.written += outcome.written
        summary.routed += routed.intersection(outcome.done).count
        outcome.add(to: &summary)
        return outcome
    }

    /// Finishes what earlier runs left: writes still in the outbox (a run was killed) or in the retry
    /// queue (Salesforce refused them). A lead now converted is dropped; one whose fields already carry
    /// the decided hash and model only gets its audit event.
    func flushPending(into summary: inout SyncSummary) async throws {
        var pending = try await store.pendingWrites(sync: settings.name)
        guard !pending.isEmpty else { return }
        let abandoned = pending.filter { $0.attempts >= settings.maxAttempts }
        if !abandoned.isEmpty {
            logger.warning("dropping writes that failed too often", metadata: [
                "count": "\(abandoned.count)", "attempts": "\(settings.maxAttempts)"])
            try await store.removePendingWrites(sync: settings.name, leadIds: abandoned.map(\.leadId))
            summary.abandoned += abandoned.count
            pending.removeAll { $0.attempts >= settings.maxAttempts }
        }
        var current: [String: SalesforceRecord] = [:]
        for chunk in stride(from: 0, to: pending.count, by: 200).map({ Array(pending[$0..<min($0 + 200, pending.count)]) }) {
            let ids = chunk.map { "'\($0.leadId)'" }.joined(separator: ", ")
            try await client.query("SELECT Id, IsConverted, \(ScoreFields.inputHash), \(ScoreFields.modelVersion) "
                + "FROM Lead WHERE Id IN (\(ids))") { page in
                for record in page.records { if let id = record.id { current[id] = record } }
            }
        }
        var gone: [String] = []
        var alreadyWritten: Set<String> = []
        for write in pending {
            guard let lead = current[write.leadId], lead["IsConverted"]?.boolValue != true else {
                gone.append(write.leadId)
                continue
            }
            let fields = try Self.decode(write.fields)
            if lead[ScoreFields.inputHash]?.stringValue == fields.fields[ScoreFields.inputHash]?.stringValue,
               lead[ScoreFields.modelVersion]?.stringValue == fields.fields[ScoreFields.modelVersion]?.stringValue {
                alreadyWritten.insert(write.leadId)
            }
        }
        if !gone.isEmpty {
            try await store.removePendingWrites(sync: settings.name, leadIds: gone)
            summary.skipped[.converted, default: 0] += gone.count
        }
        let outcome = try await commit(pending.filter { !gone.contains($0.leadId) }, skipLeadWrite: alreadyWritten,
                                       retrying: true)
        summary.retried += outcome.done.count
        outcome.add(to: &summary)
    }

    struct Outcome {
        var done: Set<String> = []
        var written = 0
        var failed = 0
        var events = 0
        var tasks = 0
        var hotLeads = 0
        /// A reason any write failed for, for the circuit breaker's message.
        var lastError: String?

        func add(to summary: inout SyncSummary) {
            summary.failed += failed
            summary.eventsWritten += events
            summary.tasksCreated += tasks
            summary.hotLeadsAnnounced += hotLeads
        }
    }

    /// Lead fields (unless already written), then their follow-ups, then audit events, then the outbox
    /// entries of the leads whose every step succeeded. Failures stay queued with their attempt count,
    /// reason and finished steps. `retrying`: entries from an earlier run, whose Tasks may exist already.
    private func commit(_ pending: [PendingWrite], skipLeadWrite: Set<String>, retrying: Bool) async throws -> Outcome {
        var outcome = Outcome()
        var failures: [String: String] = [:]
        var entries = pending
        let toWrite = pending.filter { !skipLeadWrite.contains($0.leadId) }
        let leadResults = try await writeLeads(try toWrite.map { try Self.decode($0.fields) })
        var leadsDone = skipLeadWrite
        for (write, problem) in zip(toWrite, leadResults) {
            if let problem {
                failures[write.leadId] = problem
            } else {
                leadsDone.insert(write.leadId)
                outcome.written += 1
            }
        }
        try await followUps(&entries, written: leadsDone, retrying: retrying, failures: &failures, outcome: &outcome)
        let eventsDue = pending.filter { leadsDone.contains($0.leadId) }
        let eventResults = try await client.upsert(ScoringEventFields.object, externalIdField: ScoringEventFields.eventKey,
                                                   records: try eventsDue.map { try Self.decode($0.event) })
        for (write, result) in zip(eventsDue, eventResults) {
            if result.success {
                outcome.events += 1
                if failures[write.leadId] == nil { outcome.done.insert(write.leadId) }
            } else {
                failures[write.leadId] = "audit event: " + result.problems.map(\.description).joined(separator: "; ")
            }
        }
        try await store.removePendingWrites(sync: settings.name, leadIds: Array(outcome.done))
        let retry = entries.filter { failures[$0.leadId] != nil }.map { write -> PendingWrite in
            var queued = write
            queued.attempts += 1
            queued.lastError = failures[write.leadId]
            queued.updatedAt = Date()
            return queued
        }
        if !retry.isEmpty {
            try await store.savePendingWrites(retry)
            logger.warning("writes queued for the next run", metadata: ["count": "\(retry.count)"])
        }
        outcome.failed = retry.count
        outcome.lastError = failures.values.first
        return outcome
    }

    /// Updates the leads: sObject Collections below `bulk_threshold` records, a Bulk API 2.0 ingest job at
    /// or above it. Returns, per record, nil when written or why not.
    private func writeLeads(_ records: [SalesforceRecord]) async throws -> [String?] {
        guard !records.isEmpty else { return [] }
        guard records.count >= settings.bulkThreshold else {
            return try await client.update("Lead", records: records).map { result in
                result.success ? nil : result.problems.map(\.description).joined(separator: "; ")
            }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Lead.csv")
        let columns = ["Id"] + ScoreFields.leadFields + (records.contains { $0.fields["OwnerId"] != nil } ? ["OwnerId"] : [])
        try BulkIngestCSV.write(records, columns: columns, to: file)
        let outcome = try await client.bulkIngest("Lead", operation: .update, csv: file)
        return outcome.rows.map { row in
            switch row {
            case .success: return nil
            case let .failure(_, error): return error
            case .unprocessed: return "not processed by the Bulk API job"
            case .unknown: return "the Bulk API job gave no result for this lead"
            }
        }
    }

    static func encode(_ record: SalesforceRecord) throws -> Data {
        var members = record.fields
        if let type = record.type { members["attributes"] = .object(["type": .string(type)]) }
        return Data(SalesforceValue.object(members).description.utf8)
    }

    static func decode(_ data: Data) throws -> SalesforceRecord {
        guard var members = try SalesforceValue(json: data).objectValue else {
            throw SyncError.corruptQueue("a queued write is not a JSON object")
        }
        let type = members.removeValue(forKey: "attributes")?["type"]?.stringValue
        return SalesforceRecord(type: type, fields: members)
    }
}
