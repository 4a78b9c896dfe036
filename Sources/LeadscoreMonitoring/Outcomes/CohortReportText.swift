import Foundation
import LeadscoreData

/// The terminal form of a cohort report: one line per closed cohort (ranking, calibration), then worked
/// rates by tier, routed against control, the cohorts still waiting, and what the figures leave out.
/// `--format json` has everything, deciles and reliability bins included.
public enum CohortReportText {
    public static func render(_ report: CohortReport) -> String {
        var lines = ["Outcomes from \(report.source) as of \(SalesforceDate.formatDateTime(report.asOf.timeIntervalSince1970)): "
            + "\(report.leadsScored) leads scored in \(report.auditRows) audit rows"]
        if report.cohorts.isEmpty {
            lines.append("No cohort's label window has closed yet.")
        } else {
            lines.append("Cohorts by ISO week of first scoring (UTC), label window closed:")
            lines.append("  week       leads  labelled  missing  conv   rate     AUC  top 10%  bottom 10%  lift@10%  mean p  observed    ECE")
            for cohort in report.cohorts { lines.append(row(cohort)) }
            let excluded = report.cohorts.map { $0.convertedBeforeScoring + $0.windowClosedBeforeScoring }.reduce(0, +)
            if excluded > 0 {
                lines.append("  (\(excluded) leads left out: their outcome was settled before their first scoring)")
            }
            lines.append("Worked rate by tier (Status not an unworked status; unknown without Status):")
            for cohort in report.cohorts where !cohort.tiers.isEmpty {
                lines.append("  \(cohort.week)  " + cohort.tiers.map { tier in
                    "\(tier.tier) \(tier.worked)/\(tier.leads - tier.unknownStatus) \(percent(tier.workedRate))"
                        + (tier.unknownStatus > 0 ? " (\(tier.unknownStatus) unknown)" : "")
                }.joined(separator: "   "))
            }
        }
        if report.control != nil {
            lines.append("Routed vs control in the top tier (\(ControlComparison.intervalMethod)):")
            for cohort in report.cohorts { if let control = cohort.control { lines.append("  \(cohort.week)  " + comparison(control)) } }
            if let overall = report.control { lines.append("  all        " + comparison(overall)) }
        }
        if !report.pending.isEmpty {
            lines.append("Held back until their label window closes:")
            for cohort in report.pending {
                lines.append("  \(cohort.week)  \(cohort.leads) leads, closes \(SalesforceDate.formatDateTime(cohort.closesAt.timeIntervalSince1970))")
            }
        }
        if report.missingOutcomes > 0 {
            lines.append("Missing outcomes: \(report.missingOutcomes) leads (e.g. \(report.missingExamples.joined(separator: ", ")))")
        }
        for note in report.notes { lines.append("Note: \(note)") }
        return lines.joined(separator: "\n")
    }

    private static func row(_ cohort: CohortReport.Cohort) -> String {
        let labelled = cohort.metrics?.leads ?? 0
        var text = "  " + cohort.week.padding(toLength: 9, withPad: " ", startingAt: 0)
            + String(format: " %6d  %8d  %7d", cohort.leads, labelled, cohort.missingOutcomes)
        guard let metrics = cohort.metrics else { return text + "  (no outcomes)" }
        let auc = metrics.rocAUC.map { String(format: "%.3f", $0) } ?? "–"
        text += String(format: "  %4d  %5.1f%%  ", metrics.conversions, metrics.conversionRate * 100)
            + String(repeating: " ", count: max(0, 6 - auc.count)) + auc
            + String(format: "  %6.1f%%  %9.1f%%  %8.2f  %5.1f%%  %7.1f%%  %5.3f", metrics.topDecileRate * 100,
                     metrics.bottomDecileRate * 100, metrics.lift[0].lift, metrics.meanPredicted * 100,
                     metrics.conversionRate * 100, metrics.ece)
        return text
    }

    private static func comparison(_ control: ControlComparison) -> String {
        func group(_ name: String, _ rate: GroupRate) -> String {
            "\(name) \(rate.conversions)/\(rate.leads) \(percent(rate.rate))"
                + (rate.interval.map { String(format: " [%.1f%%, %.1f%%]", $0.lower * 100, $0.upper * 100) } ?? "")
        }
        let lift = control.lift.map { String(format: "%.2f", $0) } ?? "–"
        let lower = control.liftLower.map { String(format: "%.2f", $0) } ?? "–"
        let upper = control.liftUpper.map { String(format: "%.2f", $0) } ?? "∞"
        return "tier \(control.topTiers.joined(separator: "/")): " + group("routed", control.routed) + ", "
            + group("control", control.control) + ", lift \(lift) [\(lower), \(upper)]"
    }

    private static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
    }
}
