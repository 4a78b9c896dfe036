import Foundation
import LeadscoreData

/// An ISO 8601 week in UTC: Monday 00:00 to the next Monday, numbered within the year that holds its
/// Thursday (so 2024-12-30 is in 2025-W01). Cohorts are weeks of first scoring; computed from day
/// numbers rather than `Calendar`, so a server's time zone and locale never move a lead between weeks.
public struct ISOWeek: Sendable, Hashable, Comparable, Codable {
    public let year: Int
    public let week: Int
    /// Monday 00:00 UTC.
    public let start: Date

    public init(containing date: Date) {
        let day = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        // 1970-01-01 was a Thursday: Monday is 0 in ((day + 3) mod 7).
        let monday = day - ((day + 3) % 7 + 7) % 7
        let thursday = SalesforceDate.civilFromDays(monday + 3)
        year = thursday.year
        week = (monday + 3 - SalesforceDate.daysFromCivil(thursday.year, 1, 1)) / 7 + 1
        start = Date(timeIntervalSince1970: Double(monday) * 86_400)
    }

    /// The next Monday 00:00 UTC, when the week's last lead has arrived.
    public var end: Date { start.addingTimeInterval(7 * 86_400) }

    /// `2024-W27`.
    public var label: String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool { lhs.start < rhs.start }
}
