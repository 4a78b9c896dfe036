/// The charts of the HTML model card, each an inline `<svg>` element built from the evaluation.
/// Only the champion's curves are stored in a bundle, so the curve charts show the champion.
enum ModelCardCharts {
    /// Importance shows this many fields; beyond that the bars are too small to compare.
    static let importanceLimit = 20

    static func roc(_ evaluation: ModelEvaluation) -> String {
        let auc = champion(evaluation)?.test.rocAUC
        return SVGLineChart(
            title: "ROC curve (test leads)", xLabel: "False positive rate", yLabel: "True positive rate",
            xAxis: .unit(), yAxis: .unit(),
            series: [SVGLineChart.Series(name: "\(evaluation.champion.title) (AUC \(ReportFormat.fixed(auc)))",
                                         points: evaluation.rocCurve)],
            references: [.diagonal(name: "Random ranking")]
        ).render()
    }

    static func precisionRecall(_ evaluation: ModelEvaluation) -> String {
        let test = champion(evaluation)?.test
        var references: [SVGLineChart.Reference] = []
        if let test, test.rows > 0 {
            let baseRate = Double(test.positives) / Double(test.rows)
            references.append(.horizontal(value: baseRate, name: "Base rate \(ReportFormat.percent(baseRate))"))
        }
        return SVGLineChart(
            title: "Precision–recall curve (test leads)", xLabel: "Recall", yLabel: "Precision",
            xAxis: .unit(), yAxis: .unit(),
            series: [SVGLineChart.Series(name: "\(evaluation.champion.title) (PR AUC \(ReportFormat.fixed(test?.prAUC)))",
                                         points: evaluation.precisionRecallCurve)],
            references: references
        ).render()
    }

    /// Lift per score decile as bars, decile 1 holding the highest scores.
    static func lift(_ evaluation: ModelEvaluation) -> String {
        let deciles = champion(evaluation)?.test.lift ?? []
        return SVGBarChart(
            title: "Lift by score decile (test leads)", xLabel: "Score decile (1 = highest scores)", yLabel: "Lift",
            categories: deciles.map { String($0.decile) },
            series: [SVGBarChart.Series(name: "Conversion rate ÷ average", values: deciles.map(\.lift))],
            barLabels: deciles.map { ReportFormat.multiplier($0.lift, places: 1) },
            reference: (value: 1, name: "Average lead (lift 1)")
        ).render()
    }

    /// Share of all conversions captured when working leads from the top score down.
    static func cumulativeGains(_ evaluation: ModelEvaluation) -> String {
        let deciles = champion(evaluation)?.test.lift ?? []
        let total = Double(deciles.reduce(0) { $0 + $1.count })
        var worked = 0
        var points = deciles.isEmpty ? [] : [CurvePoint(x: 0, y: 0)]
        for decile in deciles {
            worked += decile.count
            points.append(CurvePoint(x: total > 0 ? Double(worked) / total : Double(decile.decile) / 10, y: decile.cumulativeGain))
        }
        return SVGLineChart(
            title: "Cumulative gains (test leads)", xLabel: "Share of leads worked, highest scores first",
            yLabel: "Share of conversions captured", xAxis: .unit(percent: true), yAxis: .unit(percent: true),
            series: [SVGLineChart.Series(name: evaluation.champion.title, points: points, markers: true)],
            references: [.diagonal(name: "No model")]
        ).render()
    }

    /// Mean predicted probability against observed rate per bin. Both axes share one range, sized
    /// to the data, because lead conversion probabilities rarely go near 1.
    static func reliability(_ evaluation: ModelEvaluation) -> String {
        let bins = (champion(evaluation)?.test.reliability ?? []).filter { $0.count > 0 }
        let largest = bins.map { max($0.meanPredicted, $0.observedRate) }.max() ?? 1
        let axis = ChartAxis.fromZero(to: min(largest * 1.1, 1), percent: true)
        return SVGLineChart(
            title: "Reliability diagram (test leads)", xLabel: "Predicted conversion probability", yLabel: "Observed conversion rate",
            xAxis: axis, yAxis: axis,
            series: [SVGLineChart.Series(name: evaluation.champion.title,
                                         points: bins.map { CurvePoint(x: $0.meanPredicted, y: $0.observedRate) }, markers: true)],
            references: [.diagonal(name: "Perfect calibration")]
        ).render()
    }

    /// Test leads per score band, stacked by tier in the order the tiers are defined.
    static func scoreHistogram(_ evaluation: ModelEvaluation) -> String {
        let bands = evaluation.scoreHistogram
        let defined = evaluation.tiers.map(\.name)
        let others = Set(bands.flatMap(\.countsByTier.keys)).subtracting(defined).sorted()
        let labels = Dictionary(evaluation.tiers.map { ($0.name, $0.label) }, uniquingKeysWith: { first, _ in first })
        return SVGBarChart(
            title: "Test leads by score band and tier", xLabel: "Score (0–100)", yLabel: "Test leads",
            categories: bands.map { "\($0.lower)–\($0.upper)" },
            series: (defined + others).map { tier in
                let label = labels[tier].flatMap { $0.isEmpty || $0 == tier ? nil : "\(tier) — \($0)" } ?? tier
                return SVGBarChart.Series(name: label, values: bands.map { Double($0.countsByTier[tier] ?? 0) })
            }
        ).render()
    }

    static func importance(_ evaluation: ModelEvaluation) -> String {
        SVGHorizontalBarChart(
            title: "What moves the score (top \(importanceLimit) fields)", xLabel: "Mean |impact| on the score",
            bars: evaluation.importance.prefix(importanceLimit).map {
                SVGHorizontalBarChart.Bar(label: $0.label.isEmpty ? $0.field : $0.label, value: $0.meanAbsoluteImpact)
            }
        ).render()
    }

    private static func champion(_ evaluation: ModelEvaluation) -> ModelComparison? {
        evaluation.models.first { $0.kind == evaluation.champion }
    }
}
