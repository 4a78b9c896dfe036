import Foundation
import LeadscoreModels

/// The dashboard's sections about findings, service health, scores, tiers and delayed-label cohorts.
/// Input drift and data quality are in ``DashboardInputTables``, the registry in ``DashboardRollout``.
enum DashboardSections {
    typealias Section = DashboardHTML.Section

    /// What to act on first: the pass's findings above info, worst first, as `leadscore monitor` prints them.
    static func findings(_ data: DashboardData) -> Section {
        let alerts = data.report.findings.filter { $0.severity > .info }
        let rows = alerts.map { finding in
            DashboardTable.Row(cells: [
                .severity(finding.severity, acknowledged: data.settings.acknowledgement(for: finding, at: data.generatedAt)?.note),
                .text(finding.key), .text(finding.message), .text(ReportFormat.compact(finding.value, places: 3)),
                .text(ReportFormat.compact(finding.threshold, places: 3)),
            ], severity: finding.severity)
        }
        var body = [DashboardTable(
            columns: [.init(title: "Severity"), .init(title: "Check"), .init(title: "What moved"),
                      .init(title: "Value", numeric: true), .init(title: "Threshold", numeric: true)],
            rows: rows, emptyMessage: "No findings above info in this window.").html()]
        if !data.report.unreadableBundles.isEmpty {
            body.append(DashboardHTML.paragraph(
                "Registered bundles that could not be read (moved or damaged), so their traffic has no baseline: "
                    + data.report.unreadableBundles.joined(separator: ", ") + ".", class: "meaning"))
        }
        return Section(id: "findings", title: "Findings", body: body, wide: true)
    }

    /// Decisions, refusals and latency over the window, then by day.
    static func health(_ data: DashboardData) -> Section {
        let service = data.report.service
        let thresholds = data.settings.thresholds
        let latency = thresholds[.latencyP95Milliseconds], errors = thresholds[.errorRate]
        var body = DashboardHTML.figures([
            ("Scoring decisions", ReportFormat.count(service.decisions), "One per lead scored or refused for a caller."),
            ("Refused", "\(ReportFormat.count(service.rejected)) (\(ReportFormat.percent(service.errorRate)))",
             "Ticket at \(ReportFormat.percent(errors.ticket)), page at \(ReportFormat.percent(errors.page))."),
            ("Latency p50", milliseconds(service.latencyP50Milliseconds), "Half of the decisions took at most this."),
            ("Latency p95", milliseconds(service.latencyP95Milliseconds),
             "Ticket at \(ReportFormat.compact(latency.ticket)) ms, page at \(ReportFormat.compact(latency.page)) ms."),
        ])
        body += DashboardHTML.charts([DashboardCharts.latency(data.timeline, threshold: latency),
                                      DashboardCharts.errorRate(data.timeline, threshold: errors)])
        body.append("<h3>Refusals by field</h3>")
        let failures = service.validationFailuresByField.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        body.append(DashboardTable(
            columns: [.init(title: "Field"), .init(title: "Refused leads", numeric: true), .init(title: "Share of decisions", numeric: true),
                      .init(title: "Severity")],
            rows: failures.map { field, count in
                let share = service.decisions > 0 ? Double(count) / Double(service.decisions) : 0
                let severity = data.settings.severity(.validationFailures, value: share)
                return DashboardTable.Row(cells: [.text(field), .text(ReportFormat.count(count)), .text(ReportFormat.percent(share)),
                                                  .severity(severity, acknowledged: nil)], severity: severity)
            },
            emptyMessage: "No lead was refused for a field in this window.").html())
        return Section(id: "health", title: "Service health", body: body, wide: true)
    }

    /// The score distribution of each model that scored in the window, against its training baseline.
    static func scores(_ data: DashboardData) -> Section {
        let models = data.modelSections
        guard !models.isEmpty else {
            return Section(id: "scores", title: "Score distribution", body: [
                DashboardHTML.emptyPanel("No scores in this window", "No lead was scored between the window's start and now."),
            ])
        }
        var body = [DashboardHTML.paragraph(
            "Share of scored leads per score band in this window and in the model's training baseline. "
                + "A PSI under 0.1 is stable, 0.1 to 0.25 a shift worth a look, above 0.25 a major shift.")]
        body += DashboardHTML.charts(models.map(DashboardCharts.scoreDistribution))
        for model in models where !model.hasBaseline {
            body.append(DashboardHTML.paragraph("\(model.version) carries no baseline: retrain it to compare its scores and inputs.",
                                                class: "meaning"))
        }
        return Section(id: "scores", title: "Score distribution", body: body)
    }

    /// The tier mix by day, then each model's tier shares against its baseline.
    static func tiers(_ data: DashboardData) -> Section {
        var body = DashboardHTML.charts([DashboardCharts.tierMix(data.timeline)])
        body += DashboardHTML.perModel(data, needsBaseline: false) { model in
            let baseline = model.baselineTierShares ?? [:]
            return DashboardTable(
                columns: [.init(title: "Tier"), .init(title: "This window", numeric: true), .init(title: "Training", numeric: true),
                          .init(title: "Change", numeric: true), .init(title: "Severity")],
                rows: Set(model.tierShares.keys).union(baseline.keys).sorted().map { tier in
                    let now = model.tierShares[tier] ?? 0
                    let before = model.baselineTierShares?[tier]
                    let change = before.map { abs(now - $0) }
                    let severity = change.map { data.settings.severity(.tierMixChange, value: $0, rows: model.scored) } ?? .info
                    return DashboardTable.Row(cells: [
                        .text(tier), .text(ReportFormat.percent(now)), .text(ReportFormat.percent(before)),
                        .text(change.map { ReportFormat.compact($0 * 100, places: 1) + " pts" } ?? ReportFormat.notAvailable),
                        .severity(severity, acknowledged: nil),
                    ], severity: severity)
                },
                emptyMessage: "No tier was returned by this model in this window.")
        }
        return Section(id: "tiers", title: "Tier mix", body: body)
    }

    /// Top-decile lift of each closed weekly cohort, or a plain panel saying there is none yet.
    static func cohorts(_ data: DashboardData) -> Section {
        let title = "Delayed-label cohorts"
        if let problem = data.cohortProblem {
            return Section(id: "cohorts", title: title, body: [
                DashboardHTML.emptyPanel("Cohorts could not be read", problem),
            ])
        }
        guard let cohorts = data.cohorts, !cohorts.isEmpty else {
            return Section(id: "cohorts", title: title, body: [
                DashboardHTML.emptyPanel("No closed cohorts yet",
                                         "Outcomes are joined to scores per weekly cohort once its label window has closed; "
                                             + "the lift of each closed cohort's top-scored tenth appears here."),
            ])
        }
        return Section(id: "cohorts", title: title, body: [
            DashboardHTML.paragraph("Conversion rate of each cohort's top-scored 10% ÷ the cohort's own rate, once its outcomes "
                + "were known. Above 1 the model ranks better than chance; a falling line means it is losing its edge."),
        ] + DashboardHTML.charts([DashboardCharts.cohortLift(cohorts)]))
    }

    private static func milliseconds(_ value: Double?) -> String {
        value.map { ReportFormat.number($0, places: 1) + " ms" } ?? ReportFormat.notAvailable
    }
}
