import Foundation

/// A numeric chart axis: its range and tick positions. Ticks land on round steps
/// (1, 2 or 5 × 10ⁿ) so a reader can read values off the chart.
public struct ChartAxis: Sendable {
    let lower: Double
    let upper: Double
    let ticks: [Double]
    /// Whether tick labels read as percentages (rates) rather than plain numbers.
    let percent: Bool

    /// The unit interval with a tick every 0.2: probabilities, rates, true/false positive rates.
    public static func unit(percent: Bool = false) -> ChartAxis {
        ChartAxis(lower: 0, upper: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], percent: percent)
    }

    /// From zero to the first round tick at or above `maximum`, with about `tickCount` steps.
    public static func fromZero(to maximum: Double, tickCount: Int = 5, percent: Bool = false) -> ChartAxis {
        guard maximum.isFinite, maximum > 0 else { return unit(percent: percent) }
        let step = roundStep(maximum / Double(max(tickCount, 1)))
        let steps = Int((maximum / step).rounded(.up))
        let ticks = (0...steps).map { Double($0) * step }
        return ChartAxis(lower: 0, upper: ticks[ticks.count - 1], ticks: ticks, percent: percent)
    }

    /// Where `value` sits along the axis, 0 at `lower` and 1 at `upper`, clamped so that a stray
    /// value never draws outside the plot.
    func fraction(_ value: Double) -> Double {
        guard upper > lower, value.isFinite else { return 0 }
        return min(max((value - lower) / (upper - lower), 0), 1)
    }

    func tickLabel(_ value: Double) -> String {
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        let shown = percent ? value * 100 : value, shownStep = percent ? step * 100 : step
        let places = shownStep >= 1 ? 0 : min(Int((-log10(shownStep)).rounded(.up)), 3)
        let number = places == 0 ? ReportFormat.count(Int(shown.rounded())) : ReportFormat.compact(shown, places: places)
        return percent ? number + "%" : number
    }

    /// The smallest of 1, 2, 5 or 10 × 10ⁿ that is at least `raw`.
    private static func roundStep(_ raw: Double) -> Double {
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for multiple in [1.0, 2, 5] where raw <= multiple * magnitude * (1 + 1e-9) {
            return multiple * magnitude
        }
        return 10 * magnitude
    }
}
