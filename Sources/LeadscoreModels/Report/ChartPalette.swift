/// The chart colours: the Okabe–Ito palette, which stays distinguishable for colour-blind readers
/// and in greyscale print.
enum ChartPalette {
    static let ink = "#222222"
    static let muted = "#666666"
    static let grid = "#e4e4e4"
    static let reference = "#999999"
    static let series = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    /// The colour of the `index`-th series, cycling when there are more series than colours.
    static func color(_ index: Int) -> String {
        series[index % series.count]
    }
}
