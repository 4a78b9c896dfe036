import Foundation
import LeadscoreData
import LeadscoreModels

/// Runs the four retraining gates on a candidate bundle, its snapshot and the production model:
/// data, offline, segments, operational. Every gate scores or reads the same test leads — the
/// candidate snapshot's test slice, each lead read through each bundle's own contract — so the two
/// models are compared on identical leads.
public struct GateEvaluator: Sendable {
    public var settings: MonitoringSettings
    /// Leads per batch call, as the service allows (`service.max_batch_leads`).
    public var batchSize: Int

    public init(settings: MonitoringSettings, batchSize: Int = 200) {
        self.settings = settings
        self.batchSize = batchSize
    }

    /// The latency budget for one lead: `monitoring.gates.latency_p95_ms`, else the ticket level the
    /// running service is monitored against (`monitoring.thresholds.latency_p95_ms`).
    public var singleLeadBudget: Double {
        settings.gates.latencyP95Milliseconds ?? settings.thresholds[.latencyP95Milliseconds].ticket
    }

    /// - Parameters:
    ///   - candidate: the bundle just trained on `snapshot`.
    ///   - champion: the registry's production bundle; nil for the first model (only the data and
    ///     latency checks then have something to judge).
    public func evaluate(candidate: ModelBundle, snapshot: Snapshot, champion: ModelBundle?, championVersion: String? = nil,
                         at date: Date = Date()) throws -> GateReport {
        let gates = settings.gates
        let leads = SnapshotLeads(snapshot: snapshot, rows: snapshot.table.rows(in: .test))
        let compared = try ComparedLeads(leads: leads, candidate: candidate, champion: champion)
        let budget = OperationalGate.Budget(singleP95: singleLeadBudget, batchP95: gates.batchLatencyP95Milliseconds,
                                            batchSize: batchSize)
        let results = [
            DataGate.evaluate(snapshot: snapshot, candidate: candidate, champion: champion, settings: gates),
            OfflineGate.evaluate(compared, candidate: candidate, champion: champion, settings: gates),
            SegmentGate.evaluate(compared, candidate: candidate, settings: gates),
            try OperationalGate.evaluate(leads: leads, compared: compared, candidate: candidate, champion: champion,
                                         budget: budget, sampleSize: gates.latencySampleLeads),
        ]
        // Whole seconds: the stored report's ISO-8601 time reads back equal.
        let evaluatedAt = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        return GateReport(candidate: candidate.metadata.modelVersion,
                          champion: champion.map { championVersion ?? $0.metadata.modelVersion },
                          snapshotId: snapshot.manifest.snapshotId, evaluatedAt: evaluatedAt,
                          comparedLeads: compared.rows.count, gates: results)
    }
}
