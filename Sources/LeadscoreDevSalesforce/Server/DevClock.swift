import Foundation

/// The org's clock. `--now 2025-07-01T00:00:00Z` starts it at that moment and lets it run, so the
/// sample org's dates read as recent (SOQL's `LAST_N_DAYS:30`, `SystemModstamp` of writes, Bulk job
/// dates) while time still moves forward between two writes. OAuth checks (JWT expiry, token
/// timestamps) use the real clock, because clients sign assertions with theirs.
public struct DevClock: Sendable {
    private let offset: TimeInterval

    /// A clock that starts at `start` now, or the real clock when `start` is `nil`.
    public init(start: Date? = nil) {
        offset = start.map { $0.timeIntervalSinceNow } ?? 0
    }

    public func now() -> Date {
        Date(timeIntervalSinceNow: offset)
    }

    /// Now as milliseconds since 1970, the stored form of a datetime.
    func nowMilliseconds() -> Int64 {
        Int64((now().timeIntervalSince1970 * 1_000).rounded())
    }
}
