import Foundation
import LeadscoreSOQL
import Testing

/// Relative date literals resolve to the day ranges the SOQL and SOSL Reference defines ("Date Formats
/// and Date Literals in WHERE"), against a fixed `now` in UTC.
struct DateLiteralTests {
    /// 2025-03-01T08:00:00Z, a Saturday; February 2025 has 28 days.
    private let now = Date(timeIntervalSince1970: 1_740_816_000)

    private func day(_ text: String) -> SOQLDay {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        return SOQLDay(year: parts[0], month: parts[1], day: parts[2])!
    }

    private func range(_ literal: SOQLDateLiteral, at moment: Date? = nil) -> (String, String)? {
        literal.range(relativeTo: moment ?? now).map { ($0.start.description, $0.end.description) }
    }

    @Test func todayYesterdayAndTomorrowAreSingleDays() {
        // TODAY: "Starts 00:00:00 of the current day and continues for 24 hours."
        #expect(range(.today)! == ("2025-03-01", "2025-03-02"))
        // YESTERDAY: "Starts 00:00:00 the day before and continues for 24 hours." Here it crosses into February.
        #expect(range(.yesterday)! == ("2025-02-28", "2025-03-01"))
        // TOMORROW: "Starts 00:00:00 after the current day and continues for 24 hours."
        #expect(range(.tomorrow)! == ("2025-03-02", "2025-03-03"))
    }

    @Test func lastNDaysIncludesTodayAndTheNDaysBefore() {
        // LAST_N_DAYS:n: "starts with the current day and continues for the past n days. The range includes
        // today, not only previous days. For example, LAST_N_DAYS:1 includes yesterday and today."
        #expect(range(.lastNDays(1))! == ("2025-02-28", "2025-03-02"))
        #expect(range(.lastNDays(7))! == ("2025-02-22", "2025-03-02"))
        #expect(range(.lastNDays(0))! == ("2025-03-01", "2025-03-02"))
        #expect(range(.lastNDays(365))! == ("2024-03-01", "2025-03-02"))
    }

    @Test func nextNDaysStartsTomorrow() {
        // NEXT_N_DAYS:n: "starts 00:00:00 of the next day and continues for the next n days" (today excluded).
        #expect(range(.nextNDays(1))! == ("2025-03-02", "2025-03-03"))
        #expect(range(.nextNDays(7))! == ("2025-03-02", "2025-03-09"))
        #expect(range(.nextNDays(0))! == ("2025-03-02", "2025-03-02"))
    }

    @Test func monthsAndYearsAreWholeCalendarPeriods() {
        // THIS_MONTH: "Starts 00:00:00 on the first day of the month that the current day is in and continues
        // for all the days of that month." LAST_MONTH: the same for the month before the current day.
        #expect(range(.thisMonth)! == ("2025-03-01", "2025-04-01"))
        #expect(range(.lastMonth)! == ("2025-02-01", "2025-03-01"))
        // THIS_YEAR / LAST_YEAR: January 1 through the end of December 31 of the current / previous year.
        #expect(range(.thisYear)! == ("2025-01-01", "2026-01-01"))
        #expect(range(.lastYear)! == ("2024-01-01", "2025-01-01"))
    }

    @Test func periodsCrossYearAndLeapBoundaries() {
        let newYearsDay = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z
        #expect(range(.lastMonth, at: newYearsDay)! == ("2024-12-01", "2025-01-01"))
        #expect(range(.yesterday, at: newYearsDay)! == ("2024-12-31", "2025-01-01"))
        let leapDay = Date(timeIntervalSince1970: 1_709_251_199)  // 2024-02-29T23:59:59Z
        #expect(range(.today, at: leapDay)! == ("2024-02-29", "2024-03-01"))
        #expect(range(.thisMonth, at: leapDay)! == ("2024-02-01", "2024-03-01"))
        #expect(range(.tomorrow, at: leapDay)! == ("2024-03-01", "2024-03-02"))
        let beforeEpoch = Date(timeIntervalSince1970: -1)  // 1969-12-31T23:59:59Z
        #expect(range(.today, at: beforeEpoch)! == ("1969-12-31", "1970-01-01"))
    }

    @Test func dayBoundariesAreUTCMidnights() {
        let lastMillisecond = Date(timeIntervalSince1970: 1_740_873_599.999)  // 2025-03-01T23:59:59.999Z
        #expect(range(.today, at: lastMillisecond)! == ("2025-03-01", "2025-03-02"))
        let midnight = Date(timeIntervalSince1970: 1_740_873_600)  // 2025-03-02T00:00:00Z
        #expect(range(.today, at: midnight)! == ("2025-03-02", "2025-03-03"))
    }

    @Test func rangesBeyondFourDigitYearsAreRefused() {
        #expect(SOQLDateLiteral.lastNDays(10_000_000).range(relativeTo: now) == nil)
        #expect(SOQLDateLiteral.nextNDays(Int.max).range(relativeTo: now) == nil)
        #expect(SOQLDateLiteral.lastNDays(Int.max).range(relativeTo: now) == nil)
    }

    @Test func daysRoundTripThroughTheirCivilFields() {
        for days in stride(from: -719_162, through: 2_932_896, by: 997) {
            let day = SOQLDay(daysSinceEpoch: days)!
            #expect(SOQLDay(year: day.year, month: day.month, day: day.day) == day)
        }
        #expect(SOQLDay(daysSinceEpoch: 0)!.description == "1970-01-01")
        #expect(SOQLDay(year: 1, month: 1, day: 1)!.description == "0001-01-01")
        #expect(SOQLDay(year: 9999, month: 12, day: 31)!.description == "9999-12-31")
        #expect(SOQLDay(year: 2023, month: 2, day: 29) == nil)
        #expect(SOQLDay(year: 1900, month: 2, day: 29) == nil)
        #expect(SOQLDay(year: 2000, month: 2, day: 29) != nil)
        #expect(day("2025-03-04").startMillisecondsSinceEpoch == 1_741_046_400_000)
    }

    @Test func literalsPrintAsWritten() {
        #expect(SOQLDateLiteral.lastNDays(30).description == "LAST_N_DAYS:30")
        #expect(SOQLDateLiteral.thisYear.description == "THIS_YEAR")
    }
}
