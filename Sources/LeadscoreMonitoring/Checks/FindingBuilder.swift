import Foundation

/// Turns a pass's measurements into findings, each judged against its `monitoring.thresholds` entry.
/// One finding per check and subject: drift reports the worse of PSI and Jensen–Shannon, so one
/// shifted field is one alert, not two.
struct FindingBuilder {
    let settings: MonitoringSettings

    func findings(models: [MonitorReport.ModelSection], service: MonitorReport.ServiceSection,
                  coverage: MonitorReport.CoverageSection? = nil) -> [MonitorFinding] {
        var findings: [MonitorFinding] = []
        if let coverage, let share = coverage.coverage { findings.append(coverageFinding(coverage, share: share)) }
        for model in models where model.hasBaseline {
            for field in model.fields { findings += fieldFindings(field, version: model.version) }
            if let psi = model.scorePSI {
                findings.append(settings.finding(
                    .scorePSI, check: "score_shift", subject: "score", value: psi, rows: model.scored,
                    message: "score distribution of \(model.version) moved from its baseline: PSI \(Self.fixed(psi)) "
                        + "over \(model.scored) scored leads"))
            }
            if let baseline = model.baselineTierShares, let change = Self.largestTierChange(model.tierShares, baseline) {
                findings.append(settings.finding(
                    .tierMixChange, check: "tier_mix", subject: change.tier, value: change.size, rows: model.scored,
                    message: "tier \(change.tier) of \(model.version) holds \(Self.percent(model.tierShares[change.tier] ?? 0)) "
                        + "of scored leads against \(Self.percent(baseline[change.tier] ?? 0)) in its baseline"))
            }
        }
        guard service.decisions > 0 else { return findings }
        findings.append(settings.finding(
            .errorRate, check: "error_rate", subject: "service", value: service.errorRate,
            message: "\(service.rejected) of \(service.decisions) scoring decisions refused (\(Self.percent(service.errorRate)))"))
        if let p95 = service.latencyP95Milliseconds {
            findings.append(settings.finding(
                .latencyP95Milliseconds, check: "latency_p95", subject: "service", value: p95,
                message: "95% of scoring decisions made within \(Self.fixed(p95, digits: 1)) ms"))
        }
        for (field, count) in service.validationFailuresByField.sorted(by: { $0.key < $1.key }) {
            let share = Double(count) / Double(service.decisions)
            findings.append(settings.finding(
                .validationFailures, check: "validation_failures", subject: field, value: share,
                message: "\(count) decisions refused for \(field) (\(Self.percent(share)) of decisions)"))
        }
        return findings
    }

    private func coverageFinding(_ coverage: MonitorReport.CoverageSection, share: Double) -> MonitorFinding {
        var missed: [String] = []
        if coverage.scoredLate > 0 { missed.append("\(coverage.scoredLate) scored late") }
        if coverage.refusedOnly > 0 { missed.append("\(coverage.refusedOnly) only refused") }
        if coverage.neverScored > 0 { missed.append("\(coverage.neverScored) never scored") }
        return settings.finding(
            .coverage, check: "coverage", subject: "leads", value: share, rows: coverage.created,
            message: "\(coverage.scoredInTime) of \(coverage.created) leads created were scored within \(coverage.minutes) minutes "
                + "(\(Self.percent(share)))" + (missed.isEmpty ? "" : "; " + missed.joined(separator: ", ")))
    }

    private func fieldFindings(_ field: FieldDrift, version: String) -> [MonitorFinding] {
        let name = field.field
        let psi = settings.finding(.driftPSI, check: "drift", subject: name, value: field.psi, rows: field.rows,
                                   message: "\(name) drifted from training (\(version)): PSI \(Self.fixed(field.psi)), "
                                       + "Jensen–Shannon \(Self.fixed(field.jensenShannon)) over \(field.rows) leads")
        let js = settings.finding(.driftJS, check: "drift", subject: name, value: field.jensenShannon, rows: field.rows,
                                  message: psi.message)
        var findings = [js.severity > psi.severity ? js : psi]
        let rise = field.nullRate - field.baselineNullRate
        findings.append(settings.finding(
            .nullRateIncrease, check: "null_rate", subject: name, value: rise, rows: field.rows,
            message: "\(name) is empty in \(Self.percent(field.nullRate)) of leads against \(Self.percent(field.baselineNullRate)) in training"))
        if field.unseenShare > 0 {
            findings.append(settings.finding(
                .unseenValues, check: "unseen_values", subject: name, value: field.unseenShare, rows: field.rows,
                message: "\(Self.percent(field.unseenShare)) of \(name) values were never seen in training"))
        }
        if field.outOfRangeShare > 0 {
            findings.append(settings.finding(
                .outOfRange, check: "out_of_range", subject: name, value: field.outOfRangeShare, rows: field.rows,
                message: "\(Self.percent(field.outOfRangeShare)) of \(name) values lie outside training's range"))
        }
        return findings
    }

    /// The tier whose share moved most, with the absolute change.
    static func largestTierChange(_ now: [String: Double], _ baseline: [String: Double]) -> (tier: String, size: Double)? {
        Set(now.keys).union(baseline.keys).sorted()
            .map { ($0, abs((now[$0] ?? 0) - (baseline[$0] ?? 0))) }
            .max { $0.1 < $1.1 }
    }

    static func fixed(_ value: Double, digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
}
