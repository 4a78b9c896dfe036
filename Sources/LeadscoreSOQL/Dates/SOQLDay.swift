import Foundation

/// A calendar day in the proleptic Gregorian calendar, UTC, without a time: the value of a SOQL date
/// literal (`2025-03-04`) and the bounds of a relative date literal's range.
///
/// Kept as a day number (days since 1970-01-01) so that ranges are plain integer arithmetic, with the
/// civil fields derived on demand. Only years 1–9999 exist: that is what `YYYY-MM-DD` can spell, and it
/// keeps the stored text form (`date` fields are TEXT `YYYY-MM-DD`) ordered like the days themselves.
public struct SOQLDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let daysSinceEpoch: Int

    /// 0001-01-01 and 9999-12-31, the first and last day a four-digit year can spell.
    static let earliestDaysSinceEpoch = daysFromCivil(year: 1, month: 1, day: 1)
    static let latestDaysSinceEpoch = daysFromCivil(year: 9999, month: 12, day: 31)

    /// The day with this civil date, or `nil` when there is no such day (`2025-02-30`, year 0).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        daysSinceEpoch = Self.daysFromCivil(year: year, month: month, day: day)
    }

    /// The day `daysSinceEpoch` days after 1970-01-01, or `nil` outside years 1–9999.
    public init?(daysSinceEpoch: Int) {
        guard (Self.earliestDaysSinceEpoch...Self.latestDaysSinceEpoch).contains(daysSinceEpoch) else { return nil }
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The UTC day that contains `date`.
    public init(containing date: Date) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let days = Int((seconds / 86_400).rounded(.down))
        daysSinceEpoch = min(max(days, Self.earliestDaysSinceEpoch), Self.latestDaysSinceEpoch)
    }

    public var year: Int { Self.civilFromDays(daysSinceEpoch).year }
    public var month: Int { Self.civilFromDays(daysSinceEpoch).month }
    public var day: Int { Self.civilFromDays(daysSinceEpoch).day }

    /// Milliseconds since the epoch at 00:00:00.000 UTC of this day: how `dateTime` fields are stored.
    public var startMillisecondsSinceEpoch: Int64 { Int64(daysSinceEpoch) * 86_400_000 }

    /// `YYYY-MM-DD`, how `date` fields are stored and how SOQL spells a date.
    public var description: String {
        let (year, month, day) = Self.civilFromDays(daysSinceEpoch)
        return Self.padded(year, to: 4) + "-" + Self.padded(month, to: 2) + "-" + Self.padded(day, to: 2)
    }

    public static func < (lhs: SOQLDay, rhs: SOQLDay) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// The day `count` days later (earlier when negative), or `nil` past the years 1–9999.
    func adding(days count: Int) -> SOQLDay? {
        let (sum, overflow) = daysSinceEpoch.addingReportingOverflow(count)
        return overflow ? nil : SOQLDay(daysSinceEpoch: sum)
    }

    /// The first day of the month `monthOffset` months from this day's month.
    func firstOfMonth(offsetBy monthOffset: Int) -> SOQLDay? {
        let monthIndex = year * 12 + (month - 1) + monthOffset
        return SOQLDay(year: monthIndex / 12, month: monthIndex % 12 + 1, day: 1)
    }

    /// January 1st of the year `yearOffset` years from this day's year.
    func firstOfYear(offsetBy yearOffset: Int) -> SOQLDay? {
        SOQLDay(year: year + yearOffset, month: 1, day: 1)
    }

    // MARK: - Civil calendar arithmetic (Howard Hinnant's days_from_civil / civil_from_days)

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
