import Foundation

/// How many leads each tier would send to its queue in every hour of a typical week, at the
/// current thresholds, from historical arrivals. An average per day hides the peaks an SDR team
/// lives with: a top tier that looks small per day can still flood the queue on Tuesday mornings.
/// `sync --dry-run` and the model card show it before routing is switched on.
///
/// A slot is a weekday and an hour of local time (DST-correct: 09:00 is 09:00 on both sides of a
/// clock change). The expected leads in a slot are the arrivals in it divided by the number of
/// times that slot occurred between the first and the last arrival, so a span that holds one more
/// Monday than Sunday is not biased towards Mondays.
public struct ArrivalForecast: Sendable, Codable, Equatable {
    /// Weekday names, Monday first (index 0), as the forecast's tables show them.
    public static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let secondsPerDay = 86_400.0
    static let secondsPerWeek = 7 * secondsPerDay

    /// One weekday-hour of local time.
    public struct Slot: Sendable, Codable, Equatable {
        /// 0 = Monday … 6 = Sunday.
        public let weekday: Int
        /// 0 … 23, local time.
        public let hour: Int
        /// Expected leads in this hour of a typical week.
        public let expected: Double

        public init(weekday: Int, hour: Int, expected: Double) {
            self.weekday = weekday
            self.hour = hour
            self.expected = expected
        }
    }

    /// The expected arrivals of one tier.
    public struct Tier: Sendable, Codable, Equatable {
        public let name: String
        /// Arrivals counted in this tier.
        public let total: Int
        /// `total` divided by the span in weeks.
        public let perWeek: Double
        /// `[weekday 0 = Monday … 6][hour 0 … 23]`: expected leads in that hour of a typical week.
        public let perSlot: [[Double]]
        /// The busiest slot (the earliest in the week on a tie); `nil` when the tier had no arrivals.
        public let peak: Slot?

        /// The mean of the 168 slots: what an hour of the week brings on average.
        public var perHour: Double {
            perSlot.joined().reduce(0, +) / Double(ArrivalForecast.weekdayNames.count * 24)
        }

        /// Expected leads in `hour` on an average day among `weekdays` (e.g. 0…4 for working days).
        public func expected(hour: Int, weekdays: ClosedRange<Int>) -> Double {
            weekdays.reduce(0) { $0 + perSlot[$1][hour] } / Double(weekdays.count)
        }
    }

    /// The IANA name of the time zone slots are read in (e.g. "UTC", "Europe/Berlin"; GMT reads "UTC").
    public let timeZoneIdentifier: String
    /// Arrivals counted.
    public let leads: Int
    /// The span from the first to the last arrival in weeks, at least one day (1/7 week) so a
    /// burst of leads within minutes is not turned into an absurd weekly rate; 0 without arrivals.
    public let weeks: Double
    /// First and last arrival as local wall-clock time, `yyyy-MM-dd HH:mm`; `nil` without arrivals.
    public let firstArrival: String?
    public let lastArrival: String?
    /// `[weekday][hour]`: how many times each slot occurred from the first to the last arrival,
    /// counting an hour cut by either end and a repeated hour when clocks go back.
    public let slotOccurrences: [[Int]]
    /// The policy's tiers in its order (best first), then any tier only the arrivals named.
    public let tiers: [Tier]

    /// - Parameters:
    ///   - arrivals: when each lead arrived (its creation time) and the tier it scored into.
    ///   - tiers: the policy's tier names, best first; each appears even without arrivals.
    ///   - timeZone: the zone whose weekday and hour of day the queue works in.
    public init(arrivals: [(at: Date, tier: String)], tiers tierNames: [String], timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        // Foundation on Linux names UTC "GMT"; admins and Salesforce timestamps say UTC.
        timeZoneIdentifier = timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier
        leads = arrivals.count

        var names: [String] = []
        var known = Set<String>()
        for name in tierNames + arrivals.map(\.tier) where known.insert(name).inserted { names.append(name) }
        var counts: [String: [[Int]]] = [:]
        for name in names { counts[name] = Self.emptyGrid(0) }
        for arrival in arrivals {
            let slot = Self.slot(of: arrival.at, calendar: calendar)
            counts[arrival.tier]![slot.weekday][slot.hour] += 1
        }

        let times = arrivals.map(\.at)
        guard let first = times.min(), let last = times.max() else {
            weeks = 0
            firstArrival = nil
            lastArrival = nil
            slotOccurrences = Self.emptyGrid(0)
            self.tiers = names.map { Tier(name: $0, total: 0, perWeek: 0, perSlot: Self.emptyGrid(0), peak: nil) }
            return
        }
        let weeks = max(last.timeIntervalSince(first), Self.secondsPerDay) / Self.secondsPerWeek
        let occurrences = Self.occurrences(from: first, to: last, calendar: calendar)
        self.weeks = weeks
        firstArrival = Self.wallClock(first, calendar: calendar)
        lastArrival = Self.wallClock(last, calendar: calendar)
        slotOccurrences = occurrences
        self.tiers = names.map { name in
            let grid = counts[name]!
            let perSlot = (0..<7).map { weekday in
                (0..<24).map { hour in
                    occurrences[weekday][hour] > 0 ? Double(grid[weekday][hour]) / Double(occurrences[weekday][hour]) : 0
                }
            }
            let total = grid.joined().reduce(0, +)
            return Tier(name: name, total: total, perWeek: Double(total) / weeks, perSlot: perSlot,
                        peak: total > 0 ? Self.peak(of: perSlot) : nil)
        }
    }

    /// Whether any lead arrived.
    public var isEmpty: Bool { leads == 0 }

    /// The local weekday (0 = Monday) and hour of `date`.
    static func slot(of date: Date, calendar: Calendar) -> (weekday: Int, hour: Int) {
        let components = calendar.dateComponents([.weekday, .hour], from: date)
        // Calendar counts weekdays 1 = Sunday … 7 = Saturday.
        return ((components.weekday! + 5) % 7, components.hour!)
    }

    /// Walks the local hours from the one holding `first` to the one holding `last` and counts each
    /// slot. Calendar supplies the hour boundaries, so a 23- or 25-hour day (and the half-hour shifts
    /// of zones such as Australia/Lord_Howe) is counted as the clock on the wall shows it. A year is
    /// ~8,800 steps, a few milliseconds.
    static func occurrences(from first: Date, to last: Date, calendar: Calendar) -> [[Int]] {
        var grid = emptyGrid(0)
        var hourStart = calendar.dateInterval(of: .hour, for: first)?.start ?? first
        while hourStart <= last {
            let slot = slot(of: hourStart, calendar: calendar)
            grid[slot.weekday][slot.hour] += 1
            // Foundation's hour intervals always end after the instant asked about; the fallback
            // keeps the walk moving should a time zone ever answer otherwise.
            let next = calendar.dateInterval(of: .hour, for: hourStart)?.end ?? hourStart
            hourStart = next > hourStart ? next : hourStart.addingTimeInterval(3_600)
        }
        return grid
    }

    /// The slot with the most expected leads; the earliest in the week wins a tie.
    private static func peak(of perSlot: [[Double]]) -> Slot {
        var best = Slot(weekday: 0, hour: 0, expected: perSlot[0][0])
        for weekday in 0..<7 {
            for hour in 0..<24 where perSlot[weekday][hour] > best.expected {
                best = Slot(weekday: weekday, hour: hour, expected: perSlot[weekday][hour])
            }
        }
        return best
    }

    private static func emptyGrid<Value>(_ value: Value) -> [[Value]] {
        Array(repeating: Array(repeating: value, count: 24), count: 7)
    }

    /// `yyyy-MM-dd HH:mm` in the calendar's zone, built from components so it never depends on the
    /// process locale.
    private static func wallClock(_ date: Date, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { (value ?? 0) < 10 ? "0\(value ?? 0)" : "\(value ?? 0)" }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))"
    }
}
