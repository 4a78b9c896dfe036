import Foundation

/// The terminal form of a monitor report: findings first (what to act on), then the figures behind them.
public enum MonitorReportText {
    public static func render(_ report: MonitorReport) -> String {
        var lines = ["Monitor \(date(report.from)) → \(date(report.to)): \(report.auditRows) audit rows"]
        let alerts = report.findings.filter { $0.severity > .info }
        lines.append(alerts.isEmpty ? "No findings above info." : "Findings (\(alerts.count)):")
        for finding in alerts {
            lines.append("  [\(finding.severity.rawValue.uppercased())] \(finding.key): \(finding.message) "
                + "(threshold \(FindingBuilder.fixed(finding.threshold)))")
        }
        let service = report.service
        lines.append("Service: scoring decisions \(service.decisions), refused \(service.rejected) (\(FindingBuilder.percent(service.errorRate))), "
            + "latency p50 \(milliseconds(service.latencyP50Milliseconds)), p95 \(milliseconds(service.latencyP95Milliseconds))")
        if let coverage = report.coverage { lines.append(coverageLine(coverage)) }
        for model in report.models {
            lines.append("Model \(model.version): \(model.scored) scored"
                + (model.unprofiled > 0 ? ", \(model.unprofiled) without input profile" : "")
                + (model.hasBaseline ? "" : " (its bundle carries no baseline: retrain to monitor its inputs)"))
            if let psi = model.scorePSI { lines.append("  score PSI \(FindingBuilder.fixed(psi))") }
            guard !model.fields.isEmpty else { continue }
            lines.append("  field                          PSI      JS   null (train)   unseen  out of range")
            for field in model.fields.sorted(by: { $0.psi > $1.psi }) {
                let name = field.field.count > 28 ? String(field.field.prefix(27)) + "…" : field.field
                lines.append("  " + name.padding(toLength: 28, withPad: " ", startingAt: 0)
                    + String(format: " %6.3f  %6.3f  %5.1f%% (%4.1f%%)  %6.1f%%  %6.1f%%", field.psi, field.jensenShannon,
                             field.nullRate * 100, field.baselineNullRate * 100, field.unseenShare * 100,
                             field.outOfRangeShare * 100))
            }
        }
        if !report.unreadableBundles.isEmpty {
            lines.append("Bundles that could not be read (no baseline): \(report.unreadableBundles.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }

    /// `Coverage (Lead.csv, 15 min): 412 of 420 created leads in time (98.1%), 5 late, 0 refused only, 3 never; …`
    static func coverageLine(_ coverage: MonitorReport.CoverageSection) -> String {
        guard let share = coverage.coverage else {
            return "Coverage (\(coverage.source)): no lead created in the window"
        }
        func minutes(_ seconds: Double?) -> String {
            seconds.map { $0 < 60 ? String(format: "%.0f s", $0) : String(format: "%.1f min", $0 / 60) } ?? "–"
        }
        return "Coverage (\(coverage.source), \(coverage.minutes) min): \(coverage.scoredInTime) of \(coverage.created) created leads "
            + "scored in time (\(FindingBuilder.percent(share))), \(coverage.scoredLate) late, \(coverage.refusedOnly) only refused, "
            + "\(coverage.neverScored) never scored; delay p50 \(minutes(coverage.delayP50Seconds)), "
            + "p95 \(minutes(coverage.delayP95Seconds))"
    }

    private static func date(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    private static func milliseconds(_ value: Double?) -> String {
        value.map { String(format: "%.1f ms", $0) } ?? "–"
    }
}
