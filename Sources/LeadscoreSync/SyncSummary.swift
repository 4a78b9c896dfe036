import Foundation
import LeadscoreModels

/// What one sync run did, printed at the end and returned to callers (the scheduler, tests, scripts).
public struct SyncSummary: Sendable, Codable, Equatable, CustomStringConvertible {
    public var runId = ""
    public var mode = SyncMode.shadow
    public var dryRun = false
    /// The run resumed one that was interrupted (same run id, its outbox flushed first).
    public var resumed = false
    public var leadsRead = 0
    public var scored = 0
    /// Leads whose `AI_*` fields were written (or would be, in a dry run).
    public var written = 0
    public var routed = 0
    public var skipped: [SkipReason: Int] = [:]
    /// Writes that failed this run and wait in the retry queue.
    public var failed = 0
    /// Writes from the retry queue or an interrupted run's outbox completed this run.
    public var retried = 0
    /// Writes dropped after `max_attempts` failures.
    public var abandoned = 0
    public var eventsWritten = 0
    /// Route mode's follow-up Tasks created, and routed leads left without one because their queue has no
    /// Task owner (`sync.follow_up.queue_task_owners`).
    public var tasksCreated = 0
    public var tasksWithoutOwner = 0
    /// Leads that entered a hot tier and were announced (platform event and/or webhook).
    public var hotLeadsAnnounced = 0
    public var apiCalls = 0
    public var seconds = 0.0
    /// In a dry run, the first writes that would be made, one line each.
    public var preview: [String] = []
    public static let previewLimit = 20
    /// In a dry run, the leads each tier would bring per weekday-hour (see ``SLAImpact``).
    public var slaImpact: ArrivalForecast?

    public init() {}

    /// API calls per 10,000 written leads (the floor with Collections is 10,000 / 200 = 50 for the leads,
    /// as many again for their audit events).
    public var apiCallsPer10k: Double? {
        written > 0 ? Double(apiCalls) / Double(written) * 10_000 : nil
    }

    public var description: String {
        let skips = SkipReason.allCases.compactMap { reason in skipped[reason].map { "\(reason.rawValue) \($0)" } }
        var lines = ["sync \(runId) (\(mode.rawValue)\(dryRun ? ", dry run" : "")\(resumed ? ", resumed" : "")): "
            + "\(leadsRead) leads read, \(scored) scored, \(written) \(dryRun ? "would be written" : "written")"
            + (routed > 0 ? ", \(routed) routed" : "")]
        lines.append("  skipped: " + (skips.isEmpty ? "none" : skips.joined(separator: ", ")))
        lines.append("  failed \(failed) (queued for the next run), retried \(retried), abandoned \(abandoned), "
            + "audit events \(eventsWritten)")
        if tasksCreated + tasksWithoutOwner + hotLeadsAnnounced > 0 {
            lines.append("  follow-up Tasks \(tasksCreated)" + (tasksWithoutOwner > 0
                ? " (\(tasksWithoutOwner) routed to a queue without a Task owner: set sync.follow_up.queue_task_owners)" : "")
                + ", hot leads announced \(hotLeadsAnnounced)")
        }
        lines.append("  \(apiCalls) API calls" + (apiCallsPer10k.map { String(format: " (%.0f per 10k written leads)", $0) } ?? "")
            + String(format: " in %.1f s", seconds))
        if !preview.isEmpty {
            lines.append("  would write (first \(preview.count)):")
            lines += preview.map { "    \($0)" }
        }
        if let slaImpact {
            lines += ["", "SLA impact (before switching on route mode):"]
            lines += slaImpact.text().split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
