import Foundation
import LeadscoreData
import LeadscoreSalesforce
import LeadscoreService

/// What a written score sets off: route mode's follow-up Tasks, then the hot-lead platform events, then
/// the hot-lead webhook. Each step is marked done on its outbox entry, so a retry repeats none that
/// finished; a Task created just before a crash is found again by its lead, subject mark and due time.
extension SyncWriter {
    func followUps(_ entries: inout [PendingWrite], written: Set<String>, retrying: Bool,
                   failures: inout [String: String], outcome: inout Outcome) async throws {
        let tasks = entries.indices.filter {
            written.contains(entries[$0].leadId) && entries[$0].followUp != nil && !entries[$0].isDone(.followUpTask)
        }
        if !tasks.isEmpty {
            var records = try tasks.map { try Self.decode(entries[$0].followUp ?? Data()) }
            if retrying {
                let existing = try await existingTasks(records)
                for (position, index) in tasks.enumerated() where existing.contains(position) {
                    entries[index].markDone(.followUpTask)
                }
                records = records.enumerated().filter { !existing.contains($0.offset) }.map(\.element)
            }
            let due = tasks.filter { !entries[$0].isDone(.followUpTask) }
            for (index, result) in zip(due, try await client.create("Task", records: records)) {
                record(result, step: .followUpTask, on: &entries[index], failures: &failures) { outcome.tasks += 1 }
            }
        }
        let hot = entries.indices.filter { written.contains(entries[$0].leadId) && entries[$0].hotLead != nil }
        if settings.hotLead.platformEvent {
            let due = hot.filter { !entries[$0].isDone(.hotLeadEvent) }
            let events = try due.map { try Self.decode(entries[$0].hotLead ?? Data()) }
            for (index, result) in zip(due, try await client.create(HotLeadEventFields.object, records: events)) {
                record(result, step: .hotLeadEvent, on: &entries[index], failures: &failures) { outcome.hotLeads += 1 }
            }
        }
        if let webhook {
            let due = hot.filter { !entries[$0].isDone(.hotLeadWebhook) }
            guard !due.isEmpty else { return }
            let notices = try due.map { try Self.notice(Self.decode(entries[$0].hotLead ?? Data())) }
            do {
                try await webhook.send(notices, instanceURL: client.instanceDescription)
                for index in due { entries[index].markDone(.hotLeadWebhook) }
                if !settings.hotLead.platformEvent { outcome.hotLeads += due.count }
            } catch let error as SyncError {
                for index in due { failures[entries[index].leadId] = "\(error)" }
            }
        }
    }

    private func record(_ result: SalesforceRecordResult, step: PendingWrite.Step, on entry: inout PendingWrite,
                        failures: inout [String: String], counted: () -> Void) {
        if result.success {
            entry.markDone(step)
            counted()
        } else {
            let what = step == .followUpTask ? "follow-up Task" : "Hot_Lead__e event"
            failures[entry.leadId] = "\(what): " + result.problems.map(\.description).joined(separator: "; ")
        }
    }

    /// Positions of `tasks` that already exist in the org: same lead, leadscore's subject mark and the
    /// same due moment (a crash between creating them and marking the step done).
    private func existingTasks(_ tasks: [SalesforceRecord]) async throws -> Set<Int> {
        var found: Set<String> = []
        let leads = Set(tasks.compactMap { $0["WhoId"]?.stringValue })
        for chunk in stride(from: 0, to: leads.count, by: 200).map({ Array(leads.sorted()[$0..<min($0 + 200, leads.count)]) }) {
            let ids = chunk.map { "'\($0)'" }.joined(separator: ", ")
            try await client.query("SELECT WhoId, ReminderDateTime FROM Task WHERE WhoId IN (\(ids)) "
                + "AND Subject LIKE '%\(FollowUpWrite.subjectMark)'") { page in
                for task in page.records {
                    guard let lead = task["WhoId"]?.stringValue,
                          let due = task["ReminderDateTime"]?.stringValue.flatMap(SalesforceDate.parse) else { continue }
                    found.insert("\(lead)|\(Int(due))")
                }
            }
        }
        return Set(tasks.indices.filter { index in
            guard let lead = tasks[index]["WhoId"]?.stringValue,
                  let due = tasks[index]["ReminderDateTime"]?.stringValue.flatMap(SalesforceDate.parse) else { return false }
            return found.contains("\(lead)|\(Int(due))")
        })
    }

    static func notice(_ event: SalesforceRecord) -> HotLeadWebhook.Notice {
        HotLeadWebhook.Notice(
            leadId: event[HotLeadEventFields.leadId]?.stringValue ?? "",
            score: event[HotLeadEventFields.score]?.doubleValue.map { Int($0) } ?? 0,
            tier: event[HotLeadEventFields.tier]?.stringValue ?? "",
            route: event[HotLeadEventFields.route]?.stringValue ?? "",
            reasons: event[HotLeadEventFields.reasons]?.stringValue ?? "")
    }
}
