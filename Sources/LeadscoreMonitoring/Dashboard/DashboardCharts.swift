import LeadscoreModels

/// The dashboard's charts, each an inline `<svg>` drawn by the model card's chart builders, so the
/// dashboard and the model card read alike. Every text in them is escaped by the builders.
enum DashboardCharts {
    /// Share of scored leads per score band now and in the model's training baseline, as two lines over
    /// the bands' midpoints: where the two part, the scores moved.
    static func scoreDistribution(_ model: MonitorReport.ModelSection) -> String {
        let title = "Scores of \(model.version)" + (model.scorePSI.map { " (PSI \(ReportFormat.fixed($0)))" } ?? "")
        var series = [SVGLineChart.Series(name: "This window (\(ReportFormat.count(model.scored)) leads)",
                                          points: bandPoints(model.scored > 0 ? model.scoreShares : []), markers: true)]
        if let baseline = model.baselineScoreShares {
            series.append(SVGLineChart.Series(name: "Training baseline", points: bandPoints(baseline), markers: true))
        }
        let largest = (model.scoreShares + (model.baselineScoreShares ?? [])).max() ?? 0
        return SVGLineChart(title: title, xLabel: "Score band (0–9 … 90–100)", yLabel: "Share of scored leads",
                            xAxis: .fromZero(to: 100), yAxis: .fromZero(to: max(largest * 1.1, 0.05), percent: true),
                            series: series).render()
    }

    /// Tier shares per day (stacked to 100%), with the day's scored leads above each bar.
    static func tierMix(_ timeline: DailyTimeline) -> String {
        let tiers = timeline.tierNames
        let series = tiers.map { tier in
            SVGBarChart.Series(name: "Tier \(tier)", values: timeline.buckets.map { bucket in
                bucket.scored > 0 ? 100 * Double(bucket.tiers[tier] ?? 0) / Double(bucket.scored) : 0
            })
        }
        return SVGBarChart(title: "Tier mix by day", xLabel: dayAxisLabel(timeline), yLabel: "% of scored leads",
                           categories: timeline.buckets.map(timeline.label), series: series,
                           barLabels: timeline.buckets.map { $0.scored > 0 ? ReportFormat.count($0.scored) : "" }).render()
    }

    /// The 95th-percentile latency of callers' scoring decisions per day, labelled with the day's figure.
    static func latency(_ timeline: DailyTimeline, threshold: Threshold) -> String {
        let p95 = timeline.buckets.map { $0.latencyP95Milliseconds }
        return SVGBarChart(title: "p95 latency by day", xLabel: dayAxisLabel(timeline), yLabel: "Milliseconds",
                           categories: timeline.buckets.map(timeline.label),
                           series: [SVGBarChart.Series(name: "p95 of scoring decisions", values: p95.map { $0 ?? 0 })],
                           barLabels: p95.map { $0.map { ReportFormat.compact($0, places: $0 < 10 ? 1 : 0) } ?? "" },
                           reference: visibleReference(threshold.ticket, name: "Ticket at \(ReportFormat.compact(threshold.ticket)) ms",
                                                       largest: p95.compactMap { $0 }.max())
        ).render()
    }

    /// Share of callers' scoring decisions refused per day.
    static func errorRate(_ timeline: DailyTimeline, threshold: Threshold) -> String {
        let rates = timeline.buckets.map { $0.errorRate }
        return SVGBarChart(title: "Refused decisions by day", xLabel: dayAxisLabel(timeline), yLabel: "% of decisions",
                           categories: timeline.buckets.map(timeline.label),
                           series: [SVGBarChart.Series(name: "Refused (validation or otherwise)",
                                                       values: rates.map { 100 * ($0 ?? 0) })],
                           barLabels: rates.map { $0.map { ReportFormat.percent($0) } ?? "" },
                           reference: visibleReference(100 * threshold.ticket, name: "Ticket at \(ReportFormat.percent(threshold.ticket))",
                                                       largest: rates.compactMap { $0 }.max().map { 100 * $0 })
        ).render()
    }

    /// Top-decile lift per closed cohort, against the dashed "as good as random" line at 1.
    static func cohortLift(_ cohorts: [CohortLift]) -> String {
        SVGBarChart(title: "Top-decile lift by weekly cohort", xLabel: "Cohort (label window closed)", yLabel: "Lift",
                    categories: cohorts.map(\.cohort),
                    series: [SVGBarChart.Series(name: "Top 10% conversion rate ÷ cohort's rate", values: cohorts.map(\.topDecileLift))],
                    barLabels: cohorts.map { ReportFormat.multiplier($0.topDecileLift, places: 1) },
                    reference: (value: 1, name: "Random ranking (lift 1)")).render()
    }

    /// The ticket level as a dashed line, unless the bars are so far below it that drawing it would
    /// flatten them: 3 ms bars under a 250 ms line are unreadable, and the figures above say how far off it is.
    private static func visibleReference(_ level: Double, name: String, largest: Double?) -> (value: Double, name: String)? {
        guard let largest, largest * 4 >= level else { return nil }
        return (value: level, name: name)
    }

    /// Band midpoints 5, 15 … 95 against the band's share.
    private static func bandPoints(_ shares: [Double]) -> [CurvePoint] {
        shares.enumerated().map { CurvePoint(x: Double($0.offset * 10) + 5, y: $0.element) }
    }

    private static func dayAxisLabel(_ timeline: DailyTimeline) -> String {
        timeline.bucketDays == 1 ? "Day (UTC, month-day)" : "\(timeline.bucketDays) days from (UTC, month-day)"
    }
}
