import Foundation

/// How gate messages write figures: three decimals for metrics, percentages with one, milliseconds
/// with two, so a report reads the same in the terminal, the store and a ticket.
enum GateFormat {
    static func fixed(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return String(format: "%.3f", value)
    }

    static func percent(_ share: Double) -> String {
        String(format: "%.1f%%", share * 100)
    }

    static func milliseconds(_ value: Double) -> String {
        String(format: "%.2f ms", value)
    }

    /// `3,612`: counts with thousands separators.
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
