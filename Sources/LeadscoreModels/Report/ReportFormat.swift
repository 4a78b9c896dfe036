/// Number and text formatting for the model card. Everything is done with integer arithmetic so
/// the output is byte-identical on every machine: `String(format:)` is slow on Linux and follows
/// the process locale, which would make two renders of the same bundle differ. Public for the
/// monitoring dashboard, which renders with the same charts and formats.
public enum ReportFormat {
    /// Shown wherever a metric could not be computed (e.g. AUC on a slice without positives).
    public static let notAvailable = "n/a"

    /// `value` rounded half away from zero, with exactly `places` decimals: 0.81249 → "0.812".
    public static func fixed(_ value: Double, places: Int = 3) -> String {
        decimal(value, places: places, trimZeros: false, grouping: false)
    }

    public static func fixed(_ value: Double?, places: Int = 3) -> String {
        value.map { fixed($0, places: places) } ?? notAvailable
    }

    /// At most `places` decimals, trailing zeros dropped, no grouping: for SVG coordinates and
    /// axis ticks ("0.5", "12", "0.125").
    public static func compact(_ value: Double, places: Int = 3) -> String {
        decimal(value, places: places, trimZeros: true, grouping: false)
    }

    /// A number for people, with thousands separators: 12345.678 → "12,345.7" at one place.
    public static func number(_ value: Double, places: Int = 1) -> String {
        decimal(value, places: places, trimZeros: false, grouping: true)
    }

    /// A count with thousands separators: 12345 → "12,345".
    public static func count(_ value: Int) -> String {
        let digits = grouped(String(value.magnitude))
        return value < 0 ? "-" + digits : digits
    }

    /// A share in 0…1 as a percentage: 0.1234 → "12.3%".
    public static func percent(_ share: Double, places: Int = 1) -> String {
        share.isFinite ? decimal(share * 100, places: places, trimZeros: false, grouping: true) + "%" : notAvailable
    }

    public static func percent(_ share: Double?, places: Int = 1) -> String {
        share.map { percent($0, places: places) } ?? notAvailable
    }

    /// A lift or ratio: 3.416 → "3.42×".
    public static func multiplier(_ value: Double?, places: Int = 2) -> String {
        guard let value, value.isFinite else { return notAvailable }
        return fixed(value, places: places) + "×"
    }

    /// A 95% interval as "0.790–0.834".
    static func interval(_ interval: Interval?, places: Int = 3) -> String {
        guard let interval else { return notAvailable }
        return fixed(interval.lower, places: places) + "–" + fixed(interval.upper, places: places)
    }

    /// Escapes the five XML special characters, so user data (segment values, field labels,
    /// notes) can go into HTML and SVG text and attributes without breaking out of them.
    public static func html(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Makes text safe inside a Markdown table cell: pipes would split the cell, line breaks the
    /// row, and `<` would let a renderer treat user data as HTML.
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
    }

    private static func decimal(_ value: Double, places: Int, trimZeros: Bool, grouping: Bool) -> String {
        guard value.isFinite else { return notAvailable }
        let places = min(max(places, 0), 6)
        var unit: UInt64 = 1
        for _ in 0..<places { unit *= 10 }
        let scaled = (value.magnitude * Double(unit)).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^53 the scaled value is no longer an exact integer; such numbers never occur
        // in a model card, and Swift's own description is at least locale-independent.
        guard scaled < 9_007_199_254_740_992 else { return "\(value)" }
        let units = UInt64(scaled)
        let wholeDigits = String(units / unit)
        var fraction = places == 0 ? "" : String(units % unit)
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        let whole = grouping ? grouped(wholeDigits) : wholeDigits
        let sign = value < 0 && units != 0 ? "-" : ""
        return sign + whole + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// Inserts a comma every three digits from the right of a string of digits.
    private static func grouped(_ digits: String) -> String {
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
