/// The frame every chart shares: a fixed viewBox, a title, the plot area, numeric axes with grid
/// lines, ticks and captions, and a legend underneath. Chart types draw their data inside the
/// plot area through `x(_:)` and `y(_:)`, so all charts in the card look alike.
struct SVGChart {
    struct LegendEntry {
        let name: String
        let color: String
        var dashed = false
    }

    /// Wide enough for a laptop column and an A4 page; the page CSS scales it down if needed.
    static let width = 520.0
    private static let legendRowHeight = 18.0
    /// Rough width of one 11-pixel character, to wrap the legend without measuring text.
    private static let characterWidth = 6.6

    let title: String
    let xLabel: String
    let yLabel: String
    let xAxis: ChartAxis?
    let yAxis: ChartAxis?
    let plotLeft: Double
    let plotTop = 36.0
    let plotRight = SVGChart.width - 20
    let plotBottom: Double
    private let legend: [LegendEntry]
    var canvas: SVGCanvas

    /// `xAxis`/`yAxis` are nil for categorical axes, which the chart type labels itself.
    init(title: String, xLabel: String, yLabel: String, xAxis: ChartAxis?, yAxis: ChartAxis?,
         legend: [LegendEntry] = [], plotHeight: Double = 240, plotLeft: Double = 60) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.legend = legend
        self.plotLeft = plotLeft
        plotBottom = plotTop + plotHeight
        let legendHeight = Double(Self.legendRows(legend, from: plotLeft).count) * Self.legendRowHeight
        canvas = SVGCanvas(width: Self.width, height: plotBottom + 46 + legendHeight)
    }

    func x(_ value: Double) -> Double {
        plotLeft + (xAxis?.fraction(value) ?? 0) * (plotRight - plotLeft)
    }

    func y(_ value: Double) -> Double {
        plotBottom - (yAxis?.fraction(value) ?? 0) * (plotBottom - plotTop)
    }

    /// Grid lines, tick labels and captions for the numeric axes, and the axis lines themselves.
    mutating func drawAxes() {
        if let xAxis {
            for tick in xAxis.ticks {
                let position = x(tick)
                canvas.line(x1: position, y1: plotTop, x2: position, y2: plotBottom, stroke: ChartPalette.grid)
                canvas.text(xAxis.tickLabel(tick), x: position, y: plotBottom + 16, anchor: .middle, fill: ChartPalette.muted)
            }
        }
        if let yAxis {
            for tick in yAxis.ticks {
                let position = y(tick)
                canvas.line(x1: plotLeft, y1: position, x2: plotRight, y2: position, stroke: ChartPalette.grid)
                canvas.text(yAxis.tickLabel(tick), x: plotLeft - 6, y: position + 4, anchor: .end, fill: ChartPalette.muted)
            }
        }
        canvas.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: ChartPalette.ink)
        canvas.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, stroke: ChartPalette.ink)
        canvas.text(xLabel, x: (plotLeft + plotRight) / 2, y: plotBottom + 34, anchor: .middle)
        canvas.text(yLabel, x: 14, y: (plotTop + plotBottom) / 2, anchor: .middle, rotated: true)
    }

    /// Says so in the plot area when there is nothing to draw, rather than showing empty axes.
    mutating func drawNoData() {
        canvas.text("No data", x: (plotLeft + plotRight) / 2, y: (plotTop + plotBottom) / 2, anchor: .middle,
                    size: 13, fill: ChartPalette.muted)
    }

    /// Adds the title and legend and returns the finished `<svg>` element.
    func svg() -> String {
        var finished = canvas
        finished.text(title, x: Self.width / 2, y: 20, anchor: .middle, size: 14, bold: true)
        for (row, entries) in Self.legendRows(legend, from: plotLeft).enumerated() {
            let baseline = plotBottom + 58 + Double(row) * Self.legendRowHeight
            for (entry, left) in entries {
                finished.line(x1: left, y1: baseline - 4, x2: left + 18, y2: baseline - 4, stroke: entry.color,
                              strokeWidth: 3, dashed: entry.dashed)
                finished.text(entry.name, x: left + 23, y: baseline)
            }
        }
        return finished.svg(title: title)
    }

    /// Lays the legend out left to right, wrapping to a new row when an entry would not fit.
    private static func legendRows(_ legend: [LegendEntry], from left: Double) -> [[(LegendEntry, Double)]] {
        var rows: [[(LegendEntry, Double)]] = []
        var current: [(LegendEntry, Double)] = []
        var cursor = left
        for entry in legend {
            let entryWidth = 23 + Double(entry.name.count) * characterWidth + 16
            if !current.isEmpty, cursor + entryWidth > width - 8 {
                rows.append(current)
                current = []
                cursor = left
            }
            current.append((entry, cursor))
            cursor += entryWidth
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }
}
