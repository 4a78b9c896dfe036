import LeadscoreData
import LeadscoreModels

/// The operational gate: the candidate scores within the latency budget, one lead and one batch at a
/// time, and accepts the requests callers already send (``SchemaComparison``).
enum OperationalGate {
    struct Budget {
        /// One lead, 95th percentile, in milliseconds.
        var singleP95: Double
        /// One batch of `batchSize` leads, 95th percentile, in milliseconds.
        var batchP95: Double
        var batchSize: Int
    }

    static func evaluate(leads: SnapshotLeads, compared: ComparedLeads, candidate: ModelBundle, champion: ModelBundle?,
                         budget: Budget, sampleSize: Int) throws -> GateResult {
        var checks: [GateCheck] = [], notes: [String] = []
        // Every test lead the candidate reads (the champion's contract does not matter here), evenly
        // spaced so the sample spans the test period.
        let rows = leads.rows.indices.filter { compared.candidateReading.records[$0] != nil }.map { leads.rows[$0] }
        let step = max(1, rows.count / max(1, sampleSize))
        let sample = stride(from: 0, to: rows.count, by: step).prefix(sampleSize).map { rows[$0] }
        if sample.isEmpty {
            checks.append(GateCheck(name: "latency", passed: false,
                                    message: "the candidate's contract could not read any test lead, so none could be timed"))
        } else {
            let requests = sample.map { leads.request(row: $0, contract: candidate.contract) }
            let figures = try LatencyProbe(bundle: candidate, dataAsOf: leads.dataAsOf).measure(requests, batchSize: budget.batchSize)
            checks.append(GateCheck(
                name: "latency_p95_ms", passed: figures.singleP95 <= budget.singleP95, value: figures.singleP95,
                limit: budget.singleP95,
                message: "one lead: p95 \(GateFormat.milliseconds(figures.singleP95)) (p50 \(GateFormat.milliseconds(figures.singleP50))) "
                    + "over \(GateFormat.count(figures.leads)) test leads, read, featurised and scored with reasons; "
                    + "budget \(GateFormat.milliseconds(budget.singleP95))"))
            checks.append(GateCheck(
                name: "batch_latency_p95_ms", passed: figures.batchP95 <= budget.batchP95, value: figures.batchP95,
                limit: budget.batchP95,
                message: "a batch of \(figures.batchSize): p95 \(GateFormat.milliseconds(figures.batchP95)) over \(figures.batches) "
                    + "batches (\(GateFormat.milliseconds(figures.batchPerLead)) a lead); budget \(GateFormat.milliseconds(budget.batchP95))"))
        }
        if let champion {
            checks += SchemaComparison.checks(candidate: candidate.contract, champion: champion.contract)
        } else {
            notes.append("no production model: no request schema to keep")
        }
        return GateResult(gate: .operational, checks: checks, notes: notes)
    }
}
