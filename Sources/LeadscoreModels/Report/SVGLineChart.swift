/// A line chart with several series and dashed reference lines: the diagonal is "a random model"
/// on a ROC curve, "perfect calibration" on a reliability diagram and "no model" on a cumulative
/// gains chart; a horizontal line marks the base rate on a precision–recall curve.
public struct SVGLineChart: Sendable {
    public struct Series: Sendable {
        let name: String
        let points: [CurvePoint]
        /// Also draws a dot per point, for series where each point is a measured bin.
        var markers = false

        public init(name: String, points: [CurvePoint], markers: Bool = false) {
            self.name = name
            self.points = points
            self.markers = markers
        }
    }

    public enum Reference: Sendable {
        case diagonal(name: String)
        case horizontal(value: Double, name: String)

        var name: String {
            switch self {
            case .diagonal(let name), .horizontal(_, let name): return name
            }
        }
    }

    let title: String
    let xLabel: String
    let yLabel: String
    let xAxis: ChartAxis
    let yAxis: ChartAxis
    let series: [Series]
    var references: [Reference] = []

    public init(title: String, xLabel: String, yLabel: String, xAxis: ChartAxis, yAxis: ChartAxis, series: [Series],
                references: [Reference] = []) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.references = references
    }

    /// The finished `<svg>` element.
    public func render() -> String {
        let legend = series.enumerated().map { SVGChart.LegendEntry(name: $0.element.name, color: ChartPalette.color($0.offset)) }
            + references.map { SVGChart.LegendEntry(name: $0.name, color: ChartPalette.reference, dashed: true) }
        var chart = SVGChart(title: title, xLabel: xLabel, yLabel: yLabel, xAxis: xAxis, yAxis: yAxis, legend: legend)
        chart.drawAxes()
        for reference in references {
            switch reference {
            case .diagonal:
                chart.canvas.line(x1: chart.x(xAxis.lower), y1: chart.y(yAxis.lower), x2: chart.x(xAxis.upper),
                                  y2: chart.y(yAxis.upper), stroke: ChartPalette.reference, strokeWidth: 1.5, dashed: true)
            case .horizontal(let value, _):
                chart.canvas.line(x1: chart.plotLeft, y1: chart.y(value), x2: chart.plotRight, y2: chart.y(value),
                                  stroke: ChartPalette.reference, strokeWidth: 1.5, dashed: true)
            }
        }
        let drawable = series.map { $0.points.filter { $0.x.isFinite && $0.y.isFinite } }
        if drawable.allSatisfy(\.isEmpty) { chart.drawNoData() }
        for (index, points) in drawable.enumerated() {
            let color = ChartPalette.color(index)
            chart.canvas.polyline(points.map { (chart.x($0.x), chart.y($0.y)) }, stroke: color)
            guard series[index].markers || points.count == 1 else { continue }
            for point in points {
                chart.canvas.circle(cx: chart.x(point.x), cy: chart.y(point.y), radius: 3.5, fill: color,
                                    tooltip: "\(series[index].name): \(ReportFormat.fixed(point.x)), \(ReportFormat.fixed(point.y))")
            }
        }
        return chart.svg()
    }
}
