import Foundation
import LeadscoreService

/// Everything one render of the dashboard shows, read from the store in one go: the monitor pass's
/// report, the window by day, the registry, and the delayed-label cohorts when something provides them.
struct DashboardData: Sendable {
    var generatedAt: Date
    /// How long the page is served again before the next render (``MonitoringDashboard``).
    var cacheSeconds: TimeInterval
    var settings: MonitoringSettings
    var report: MonitorReport
    var timeline: DailyTimeline
    /// The rollout in force at `generatedAt`.
    var rollout: RolloutState
    /// Every registered model, oldest first.
    var models: [RegisteredModel]
    /// The newest registry changes, newest first.
    var changes: [RegistryEvent]
    /// Closed cohorts, oldest first; nil or empty: none closed yet (or no cohort source).
    var cohorts: [CohortLift]?
    /// Why the cohorts could not be read, when their source failed.
    var cohortProblem: String?

    /// How many registry changes the page lists.
    static let changeLimit = 8

    /// Reads `now - window ..< now`: one monitor pass (drift, quality, scores, health and findings), one
    /// pass by day, the registry and the cohorts.
    static func gather(store: any ServiceStore, settings: MonitoringSettings, window: TimeInterval, now: Date,
                       cacheSeconds: TimeInterval, cohorts: MonitoringDashboard.CohortSource?) async throws -> DashboardData {
        let from = now.addingTimeInterval(-window)
        let report = try await MonitorPass.run(store: store, settings: settings, from: from, to: now)
        let timeline = try await DailyTimeline.scan(store: store, from: from, to: now)
        let events = try await store.registryEvents().filter { $0.at <= now }
        var lifts: [CohortLift]?, problem: String?
        do {
            lifts = try await cohorts?(now)
        } catch {
            problem = "\(error)"
        }
        return DashboardData(
            generatedAt: now, cacheSeconds: cacheSeconds, settings: settings, report: report, timeline: timeline,
            rollout: events.last?.state ?? RolloutState(), models: try await store.models(),
            changes: Array(events.suffix(changeLimit).reversed()), cohorts: lifts, cohortProblem: problem)
    }

    /// The report's model sections, those serving now first (production, then canary).
    var modelSections: [MonitorReport.ModelSection] {
        let order = rollout.activeVersions
        return report.models.sorted { left, right in
            let leftRank = order.firstIndex(of: left.version) ?? order.count
            let rightRank = order.firstIndex(of: right.version) ?? order.count
            return leftRank != rightRank ? leftRank < rightRank : left.version < right.version
        }
    }

    /// The worst severity still alerting: findings above info that no acknowledgement silences; nil when none.
    var status: Severity? {
        report.findings.filter { $0.severity > .info && settings.acknowledgement(for: $0, at: generatedAt) == nil }
            .map(\.severity).max()
    }

    /// The role `version` has in the rollout now, e.g. `production` or `canary 10%`; nil when it serves nothing.
    func role(of version: String) -> String? {
        if version == rollout.production { return "production" }
        if version == rollout.canary { return "canary \(rollout.canaryPercent)%" }
        if version == rollout.shadow { return "shadow" }
        return nil
    }
}
