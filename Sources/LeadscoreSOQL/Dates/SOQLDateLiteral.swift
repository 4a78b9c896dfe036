import Foundation

/// A relative date literal (`TODAY`, `LAST_N_DAYS:30`, …): a range of whole days that depends on when
/// the query runs.
///
/// The ranges follow the SOQL and SOSL Reference, "Date Formats and Date Literals in WHERE". Each range
/// starts at 00:00:00 of a day and ends (exclusive) at 00:00:00 of a later day. Salesforce uses the
/// querying user's time zone for day boundaries; this server has no users, so days are UTC days.
/// Literals outside this list (weeks, quarters, fiscal periods, …) are refused by the parser rather
/// than guessed at.
public enum SOQLDateLiteral: Sendable, Hashable, CustomStringConvertible {
    /// "Starts 00:00:00 of the current day and continues for 24 hours."
    case today
    /// "Starts 00:00:00 the day before and continues for 24 hours."
    case yesterday
    /// "Starts 00:00:00 after the current day and continues for 24 hours."
    case tomorrow
    /// "For the number n provided, starts with the current day and continues for the past n days. The
    /// range includes today, not only previous days. For example, LAST_N_DAYS:1 includes yesterday and
    /// today." So it covers n + 1 days: [today − n, today + 1).
    case lastNDays(Int)
    /// "For the number n provided, starts 00:00:00 of the next day and continues for the next n days."
    /// Today is not included: [today + 1, today + 1 + n).
    case nextNDays(Int)
    /// "Starts 00:00:00 on the first day of the month that the current day is in and continues for all
    /// the days of that month."
    case thisMonth
    /// "Starts 00:00:00 on the first day of the month before the current day and continues for all the
    /// days of that month."
    case lastMonth
    /// "Starts 00:00:00 on January 1 of the current year and continues through the end of December 31
    /// of the current year."
    case thisYear
    /// "Starts 00:00:00 on January 1 of the previous year and continues through the end of December 31
    /// of that year."
    case lastYear

    /// The literals this server understands, as SOQL spells them (for error messages).
    static let supportedSpellings = "TODAY, YESTERDAY, TOMORROW, LAST_N_DAYS:n, NEXT_N_DAYS:n, THIS_MONTH, "
        + "LAST_MONTH, THIS_YEAR, LAST_YEAR"

    /// The literal as written in SOQL, e.g. `LAST_N_DAYS:7`.
    public var description: String {
        switch self {
        case .today: "TODAY"
        case .yesterday: "YESTERDAY"
        case .tomorrow: "TOMORROW"
        case .lastNDays(let count): "LAST_N_DAYS:\(count)"
        case .nextNDays(let count): "NEXT_N_DAYS:\(count)"
        case .thisMonth: "THIS_MONTH"
        case .lastMonth: "LAST_MONTH"
        case .thisYear: "THIS_YEAR"
        case .lastYear: "LAST_YEAR"
        }
    }

    /// The days this literal covers when the query runs at `now`, or `nil` when the range would leave
    /// the years 1–9999 (only possible with an enormous `n`).
    public func range(relativeTo now: Date) -> SOQLDayRange? {
        let today = SOQLDay(containing: now)
        func days(_ from: Int, _ to: Int) -> SOQLDayRange? {
            guard let start = today.adding(days: from), let end = today.adding(days: to) else { return nil }
            return SOQLDayRange(start: start, end: end)
        }
        switch self {
        case .today: return days(0, 1)
        case .yesterday: return days(-1, 0)
        case .tomorrow: return days(1, 2)
        case .lastNDays(let count):
            let (start, overflow) = 0.subtractingReportingOverflow(count)
            return overflow ? nil : days(start, 1)
        case .nextNDays(let count):
            let (end, overflow) = count.addingReportingOverflow(1)
            return overflow ? nil : days(1, end)
        case .thisMonth:
            guard let start = today.firstOfMonth(offsetBy: 0), let end = today.firstOfMonth(offsetBy: 1) else { return nil }
            return SOQLDayRange(start: start, end: end)
        case .lastMonth:
            guard let start = today.firstOfMonth(offsetBy: -1), let end = today.firstOfMonth(offsetBy: 0) else { return nil }
            return SOQLDayRange(start: start, end: end)
        case .thisYear:
            guard let start = today.firstOfYear(offsetBy: 0), let end = today.firstOfYear(offsetBy: 1) else { return nil }
            return SOQLDayRange(start: start, end: end)
        case .lastYear:
            guard let start = today.firstOfYear(offsetBy: -1), let end = today.firstOfYear(offsetBy: 0) else { return nil }
            return SOQLDayRange(start: start, end: end)
        }
    }
}

/// Whole days `[start, end)`: `start` at 00:00:00 is inside, `end` at 00:00:00 is the first moment after.
public struct SOQLDayRange: Sendable, Hashable {
    public var start: SOQLDay
    public var end: SOQLDay

    public init(start: SOQLDay, end: SOQLDay) {
        self.start = start
        self.end = end
    }
}
