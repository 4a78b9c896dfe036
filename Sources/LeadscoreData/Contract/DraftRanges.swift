import Foundation

/// The `min`/`max` a contract draft proposes: bounds that only values no lead can have fall outside,
/// with a wide margin so that a real outlier is never refused. The admin tightens them if they like.
enum DraftRanges {
    /// Salesforce stores dates and datetimes from 1700-01-01 to 4000-12-31 ("Valid Range for Date
    /// Fields", Salesforce Help): a year 0 or 9999 cannot come from an org.
    static let earliestDate = SalesforceDate.parse("1700-01-01")!
    static let latestDate = SalesforceDate.parse("4000-12-31")!

    /// Standard numeric Lead fields that cannot be negative.
    static let nonNegative: Set<String> = ["NumberOfEmployees", "AnnualRevenue"]

    /// Sets the Salesforce date range on a temporal field.
    static func applyDateRange(to field: inout FieldSpec) {
        guard field.type.isTemporal else { return }
        field.minimum = earliestDate
        field.maximum = latestDate
    }

    /// Bounds from the values a sample held: 0 as the minimum when none was negative, else ten times
    /// the lowest; a hundred times the highest as the maximum (0 when none was positive); each rounded
    /// outwards to one significant digit.
    static func numeric(lowest: Double, highest: Double) -> (minimum: Double, maximum: Double) {
        let minimum = lowest >= 0 ? 0 : -roundedUp(-lowest * 10)
        let maximum = highest <= 0 ? 0 : roundedUp(highest * 100)
        return (minimum, maximum)
    }

    /// The smallest number with one significant digit at or above a positive `value` (1,840 → 2,000).
    static func roundedUp(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return value }
        let unit = pow(10, floor(log10(value)))
        return (value / unit).rounded(.up) * unit
    }
}
