/// Collects SVG elements for one chart. Every coordinate goes through the same rounding and every
/// piece of text through the same escaping, so charts are reproducible byte for byte and stay
/// well-formed XML whatever the field names or segment values contain.
struct SVGCanvas {
    enum Anchor: String {
        case start, middle, end
    }

    let width: Double
    let height: Double
    private var elements: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                       strokeWidth: Double = 1, dashed: Bool = false) {
        elements.append("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(n(strokeWidth))\"\(dashed ? " stroke-dasharray=\"5 4\"" : "")/>")
    }

    /// A polyline through `points`; nothing is drawn for fewer than two points.
    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, strokeWidth: Double = 2) {
        guard points.count > 1 else { return }
        let coordinates = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        elements.append("<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(n(strokeWidth))\" stroke-linejoin=\"round\"/>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tooltip: String? = nil) {
        let open = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(width, 0)))\" height=\"\(n(max(height, 0)))\" fill=\"\(fill)\""
        elements.append(tooltip.map { open + "><title>\(ReportFormat.html($0))</title></rect>" } ?? open + "/>")
    }

    mutating func circle(cx: Double, cy: Double, radius: Double, fill: String, tooltip: String? = nil) {
        let open = "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(radius))\" fill=\"\(fill)\""
        elements.append(tooltip.map { open + "><title>\(ReportFormat.html($0))</title></circle>" } ?? open + "/>")
    }

    /// Text at (x, y); `rotated` turns it a quarter counter-clockwise about that point (y-axis labels).
    mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 11,
                       bold: Bool = false, fill: String = ChartPalette.ink, rotated: Bool = false) {
        var attributes = "x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(fill)\""
        if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { attributes += " font-weight=\"bold\"" }
        if rotated { attributes += " transform=\"rotate(-90 \(n(x)) \(n(y)))\"" }
        elements.append("<text \(attributes)>\(ReportFormat.html(content))</text>")
    }

    /// The finished `<svg>` element. It has no `xmlns`: inline SVG in HTML5 does not need one, and
    /// the card must not contain any URL. `title` becomes the accessible name.
    func svg(title: String) -> String {
        let size = "viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\""
        return "<svg class=\"chart\" \(size) role=\"img\" font-family=\"sans-serif\">\n"
            + "<title>\(ReportFormat.html(title))</title>\n"
            + elements.joined(separator: "\n") + "\n</svg>"
    }

    /// Coordinates to two decimals: finer than a pixel, and short.
    private func n(_ value: Double) -> String {
        ReportFormat.compact(value, places: 2)
    }
}
