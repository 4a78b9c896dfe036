import Foundation
import LeadscoreModels
import LeadscoreService

/// `leadscore monitor`: one pass over a window of the audit log. Streams the window (``AuditScan``),
/// reading the baseline of each model version that scored in it (``BaselineLookup``), measures drift,
/// data quality, scores, tiers and service health, and judges each figure against `monitoring.thresholds`.
///
/// With a lead source it also checks coverage: the leads created from `from` until `coverage_minutes`
/// before `to` (younger ones have not had their allowance yet) are asked for first, and the same scan
/// finds each one's first scoring.
public enum MonitorPass {
    public static func run(store: any ServiceStore, settings: MonitoringSettings, from: Date, to: Date,
                           leads: (any CreatedLeadSource)? = nil) async throws -> MonitorReport {
        let baselines = BaselineLookup(models: try await store.models())
        var tracker: CoverageTracker?
        if let leads {
            let cutoff = max(from, to.addingTimeInterval(-Double(settings.coverageMinutes * 60)))
            tracker = CoverageTracker(created: try await leads.createdLeads(from: from, to: cutoff), sourceName: leads.name,
                                      minutes: settings.coverageMinutes)
        }
        let scan = try await AuditScan.run(store: store, from: from, to: to, baselines: baselines, coverage: tracker)
        let health = scan.health
        let service = MonitorReport.ServiceSection(
            decisions: health.decisions, rejected: health.rejected, errorRate: health.errorRate,
            latencyP50Milliseconds: health.latencyP50Milliseconds, latencyP95Milliseconds: health.latencyP95Milliseconds,
            validationFailuresByField: health.validationFailuresByField)
        let models = scan.versions.compactMap { scan.traffic[$0] }.map(section)
        let coverage = scan.coverage?.section
        let findings = FindingBuilder(settings: settings).findings(models: models, service: service, coverage: coverage)
            .sorted { $0.severity != $1.severity ? $0.severity > $1.severity : $0.key < $1.key }
        return MonitorReport(from: from, to: to, auditRows: scan.rows, service: service, models: models,
                             findings: findings, unreadableBundles: baselines.unreadable.sorted(), coverage: coverage)
    }

    static func section(_ traffic: ModelTraffic) -> MonitorReport.ModelSection {
        let baseline = traffic.baseline
        let scoreShares = traffic.scoreShares
        return MonitorReport.ModelSection(
            version: traffic.version, scored: traffic.scored, unprofiled: traffic.unprofiled, hasBaseline: baseline != nil,
            fields: traffic.fieldDrift(), scoreShares: scoreShares, baselineScoreShares: baseline?.scoreBands,
            scorePSI: baseline.map { DriftMeasures.psi(expected: $0.scoreBands, actual: scoreShares) },
            tierShares: traffic.tierShares, baselineTierShares: baseline?.tierMix)
    }
}
