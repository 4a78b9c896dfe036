/// Vertical bars over categories, stacked when there are several series: lift per decile (one
/// series, labelled bars, a dashed "average" line at 1) and test leads per score band by tier.
public struct SVGBarChart: Sendable {
    public struct Series: Sendable {
        let name: String
        /// One value per category; missing trailing values count as zero.
        let values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    let title: String
    let xLabel: String
    let yLabel: String
    let categories: [String]
    let series: [Series]
    /// Text above each bar (e.g. "3.4×"), one per category.
    var barLabels: [String] = []
    /// A dashed horizontal line, e.g. lift 1 = "as good as picking leads at random".
    var reference: (value: Double, name: String)?

    public init(title: String, xLabel: String, yLabel: String, categories: [String], series: [Series],
                barLabels: [String] = [], reference: (value: Double, name: String)? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.categories = categories
        self.series = series
        self.barLabels = barLabels
        self.reference = reference
    }

    /// The finished `<svg>` element.
    public func render() -> String {
        let totals = categories.indices.map { category in
            series.reduce(0) { $0 + max(value(of: $1, at: category), 0) }
        }
        let yAxis = ChartAxis.fromZero(to: max(totals.max() ?? 0, reference?.value ?? 0) * 1.08)
        var legend = series.enumerated().map { SVGChart.LegendEntry(name: $0.element.name, color: ChartPalette.color($0.offset)) }
        if let reference { legend.append(SVGChart.LegendEntry(name: reference.name, color: ChartPalette.reference, dashed: true)) }
        var chart = SVGChart(title: title, xLabel: xLabel, yLabel: yLabel, xAxis: nil, yAxis: yAxis, legend: legend)
        chart.drawAxes()
        guard !categories.isEmpty, totals.contains(where: { $0 > 0 }) else {
            chart.drawNoData()
            return chart.svg()
        }
        if let reference {
            chart.canvas.line(x1: chart.plotLeft, y1: chart.y(reference.value), x2: chart.plotRight, y2: chart.y(reference.value),
                              stroke: ChartPalette.reference, strokeWidth: 1.5, dashed: true)
        }
        let slot = (chart.plotRight - chart.plotLeft) / Double(categories.count)
        for (index, category) in categories.enumerated() {
            let left = chart.plotLeft + Double(index) * slot + slot * 0.15
            var stacked = 0.0
            for (seriesIndex, oneSeries) in series.enumerated() {
                let amount = max(value(of: oneSeries, at: index), 0)
                guard amount > 0 else { continue }
                let top = chart.y(stacked + amount)
                chart.canvas.rect(x: left, y: top, width: slot * 0.7, height: chart.y(stacked) - top,
                                  fill: ChartPalette.color(seriesIndex),
                                  tooltip: "\(category) · \(oneSeries.name): \(ReportFormat.compact(amount))")
                stacked += amount
            }
            chart.canvas.text(category, x: left + slot * 0.35, y: chart.plotBottom + 16, anchor: .middle, fill: ChartPalette.muted)
            if index < barLabels.count {
                chart.canvas.text(barLabels[index], x: left + slot * 0.35, y: chart.y(stacked) - 4, anchor: .middle, size: 10)
            }
        }
        return chart.svg()
    }

    private func value(of series: Series, at category: Int) -> Double {
        category < series.values.count && series.values[category].isFinite ? series.values[category] : 0
    }
}
