import Foundation
import LeadscoreService

/// Folds audit rows into the coverage check: for each lead created in the window, its first scoring
/// and whether it was ever refused. Only the created leads are kept, so memory follows the org's
/// intake, not the audit log.
///
/// Every scoring counts, whoever made it (the Flow's callout, a batch, the sync): the question is
/// whether the lead had a score in Salesforce's hands in time. A scoring stamped before the lead's
/// creation (clocks a little apart) counts as immediate.
struct CoverageTracker {
    let sourceName: String
    let minutes: Int
    private let created: [String: Double]
    private var firstScored: [String: Double] = [:]
    private var refused: Set<String> = []

    init(created: CreatedLeads, sourceName: String, minutes: Int) {
        self.created = created.createdAt
        self.sourceName = sourceName
        self.minutes = minutes
    }

    mutating func add(_ event: AuditEvent) {
        guard let leadId = event.leadId, !leadId.isEmpty, event.outcome == .scored || event.outcome == .rejected else { return }
        let key = LeadOutcome.key(for: leadId)
        guard created[key] != nil else { return }
        let at = event.at.timeIntervalSince1970
        if event.outcome == .scored, event.score != nil {
            firstScored[key] = min(firstScored[key] ?? at, at)
        } else if event.outcome == .rejected {
            refused.insert(key)
        }
    }

    var section: MonitorReport.CoverageSection {
        let allowed = Double(minutes * 60)
        var delays: [Double] = []
        var refusedOnly = 0
        for (key, createdAt) in created {
            if let scoredAt = firstScored[key] {
                delays.append(max(0, scoredAt - createdAt))
            } else if refused.contains(key) {
                refusedOnly += 1
            }
        }
        delays.sort()
        let inTime = delays.prefix { $0 <= allowed }.count
        func quantile(_ q: Double) -> Double? {
            delays.isEmpty ? nil : delays[min(delays.count - 1, Int((q * Double(delays.count)).rounded(.up)) - 1)]
        }
        return MonitorReport.CoverageSection(
            source: sourceName, minutes: minutes, created: created.count, scoredInTime: inTime, scoredLate: delays.count - inTime,
            refusedOnly: refusedOnly, neverScored: created.count - delays.count - refusedOnly,
            coverage: created.isEmpty ? nil : Double(inTime) / Double(created.count),
            delayP50Seconds: quantile(0.5), delayP95Seconds: quantile(0.95))
    }
}
