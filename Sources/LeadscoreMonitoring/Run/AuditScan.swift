import Foundation
import LeadscoreModels
import LeadscoreService

/// One pass over the audit log's window, page by page (`ServiceStore.auditEvents(from:to:afterId:limit:)`),
/// so a month of traffic is read in constant memory: each row is folded into the service's health and
/// its model version's traffic, and dropped.
struct AuditScan {
    static let pageSize = 5_000

    var health = ServiceHealth()
    /// By model version, in order of first appearance.
    private(set) var traffic: [String: ModelTraffic] = [:]
    private(set) var versions: [String] = []
    private(set) var rows = 0
    /// Set when the pass checks coverage: every row is offered to it as well.
    var coverage: CoverageTracker?

    /// `baselines` gives each model version's baseline the first time the version appears.
    static func run(store: any ServiceStore, from: Date, to: Date, baselines: BaselineLookup,
                    coverage: CoverageTracker? = nil) async throws -> AuditScan {
        var scan = AuditScan()
        scan.coverage = coverage
        var cursor: Int64 = 0
        while true {
            let page = try await store.auditEvents(from: from, to: to, afterId: cursor, limit: pageSize)
            for stored in page { scan.add(stored.event, baselines: baselines) }
            guard let last = page.last, page.count == pageSize else { break }
            cursor = last.id
        }
        return scan
    }

    /// The audit client of `leadscore sync` (LeadSync): its rows are scores, not requests, so they feed
    /// drift and scores but not the service's error rate or latency.
    static let syncClient = "salesforce-sync"

    mutating func add(_ event: AuditEvent, baselines: BaselineLookup) {
        rows += 1
        coverage?.add(event)
        if event.client != Self.syncClient {
            health.add(outcome: AuditOutcomeSummary(latencyMicroseconds: event.latencyMicroseconds,
                                                    rejected: event.outcome == .rejected, detail: event.detail))
        }
        guard event.outcome == .scored, let version = event.modelVersion else { return }
        if traffic[version] == nil {
            traffic[version] = ModelTraffic(version: version, baseline: baselines.baseline(for: version))
            versions.append(version)
        }
        traffic[version]!.add(score: event.score, tier: event.tier, profile: event.inputProfile)
    }
}
