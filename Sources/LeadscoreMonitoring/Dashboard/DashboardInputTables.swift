import Foundation
import LeadscoreModels

/// The input drift and data quality tables: for each model that scored in the window, one row per
/// monitored field, judged by the same thresholds (and acknowledgements) as the findings.
enum DashboardInputTables {
    typealias Section = DashboardHTML.Section

    static func drift(_ data: DashboardData) -> Section {
        let thresholds = data.settings.thresholds
        var body = [DashboardHTML.paragraph(
            "Each monitored input against its training distribution, over the same bins, worst first. PSI: ticket at "
                + "\(ReportFormat.compact(thresholds[.driftPSI].ticket)), page at \(ReportFormat.compact(thresholds[.driftPSI].page)); "
                + "Jensen–Shannon (base 2, 0 to 1): ticket at \(ReportFormat.compact(thresholds[.driftJS].ticket)), page at "
                + "\(ReportFormat.compact(thresholds[.driftJS].page)). Below \(ReportFormat.count(data.settings.minRows)) leads "
                + "a figure is at most info.")]
        body += DashboardHTML.perModel(data) { model in
            let judged = model.fields.map { field in
                (field, judge(data, field: field, [(.driftPSI, "drift", field.psi), (.driftJS, "drift", field.jensenShannon)]))
            }.sorted { $0.1.severity != $1.1.severity ? $0.1.severity > $1.1.severity : $0.0.psi > $1.0.psi }
            return DashboardTable(
                columns: [.init(title: "Field"), .init(title: "Leads", numeric: true), .init(title: "PSI", numeric: true),
                          .init(title: "Jensen–Shannon", numeric: true), .init(title: "Severity")],
                rows: judged.map { field, judgement in
                    DashboardTable.Row(cells: [
                        .text(field.field), .text(ReportFormat.count(field.rows)), .text(ReportFormat.fixed(field.psi)),
                        .text(ReportFormat.fixed(field.jensenShannon)),
                        .severity(judgement.severity, acknowledged: judgement.acknowledgement),
                    ], severity: judgement.severity)
                },
                emptyMessage: "No monitored input was counted for this model.")
        }
        return Section(id: "drift", title: "Input drift", body: body)
    }

    static func quality(_ data: DashboardData) -> Section {
        var body = [DashboardHTML.paragraph(
            "Empty values against training's share, categories never seen in training, and numbers outside training's "
                + "range. Refusals by field are under service health.")]
        body += DashboardHTML.perModel(data) { model in
            DashboardTable(
                columns: [.init(title: "Field"), .init(title: "Empty", numeric: true), .init(title: "In training", numeric: true),
                          .init(title: "Unseen", numeric: true), .init(title: "Out of range", numeric: true), .init(title: "Severity")],
                rows: model.fields.map { field in
                    let judgement = judge(data, field: field, [
                        (.nullRateIncrease, "null_rate", field.nullRate - field.baselineNullRate),
                        (.unseenValues, "unseen_values", field.unseenShare),
                        (.outOfRange, "out_of_range", field.outOfRangeShare),
                    ])
                    return DashboardTable.Row(cells: [
                        .text(field.field), .text(ReportFormat.percent(field.nullRate)), .text(ReportFormat.percent(field.baselineNullRate)),
                        .text(ReportFormat.percent(field.unseenShare)), .text(ReportFormat.percent(field.outOfRangeShare)),
                        .severity(judgement.severity, acknowledged: judgement.acknowledgement),
                    ], severity: judgement.severity)
                },
                emptyMessage: "No monitored input was counted for this model.")
        }
        return Section(id: "quality", title: "Data quality", body: body)
    }

    /// The worst severity of `figures` on `field` (each a threshold, the finding's check and the value),
    /// and the note of an acknowledgement that silences that worst finding.
    private static func judge(_ data: DashboardData, field: FieldDrift, _ figures: [(ThresholdName, String, Double)])
        -> (severity: Severity, acknowledgement: String?) {
        let findings = figures.map { name, check, value in
            data.settings.finding(name, check: check, subject: field.field, value: value, rows: field.rows, message: "")
        }
        guard let worst = findings.max(by: { $0.severity < $1.severity }) else { return (.info, nil) }
        let acknowledgement = worst.severity > .info ? data.settings.acknowledgement(for: worst, at: data.generatedAt)?.note : nil
        return (worst.severity, acknowledgement)
    }
}
