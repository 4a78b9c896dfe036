/// Horizontal bars, one per labelled row, largest first as given: field importance, where the
/// labels are long and the count varies, so the chart grows downwards with the rows.
struct SVGHorizontalBarChart {
    struct Bar {
        let label: String
        let value: Double
    }

    let title: String
    let xLabel: String
    let bars: [Bar]
    private static let rowHeight = 20.0
    /// Labels longer than this are cut with an ellipsis; the full text stays in the tooltip.
    private static let maximumLabelLength = 30

    func render() -> String {
        let values = bars.map { $0.value.isFinite ? max($0.value, 0) : 0 }
        let xAxis = ChartAxis.fromZero(to: (values.max() ?? 0) * 1.15)
        let plotHeight = max(Double(bars.count) * Self.rowHeight, 2 * Self.rowHeight)
        var chart = SVGChart(title: title, xLabel: xLabel, yLabel: "", xAxis: xAxis, yAxis: nil,
                             plotHeight: plotHeight, plotLeft: 210)
        chart.drawAxes()
        if bars.isEmpty { chart.drawNoData() }
        for (index, bar) in bars.enumerated() {
            let top = chart.plotTop + Double(index) * Self.rowHeight
            let label = bar.label.count > Self.maximumLabelLength
                ? String(bar.label.prefix(Self.maximumLabelLength - 1)) + "…" : bar.label
            chart.canvas.text(label, x: chart.plotLeft - 6, y: top + 14, anchor: .end)
            let end = chart.x(values[index])
            chart.canvas.rect(x: chart.plotLeft, y: top + 3, width: end - chart.plotLeft, height: Self.rowHeight - 6,
                              fill: ChartPalette.color(0), tooltip: "\(bar.label): \(ReportFormat.fixed(bar.value))")
            chart.canvas.text(ReportFormat.fixed(bar.value), x: end + 4, y: top + 14, size: 10, fill: ChartPalette.muted)
        }
        return chart.svg()
    }
}
