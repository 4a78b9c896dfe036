import Foundation

/// How often and how patiently a failed call is tried again: jittered exponential backoff.
///
/// The n-th retry waits `min(maxDelay, baseDelay · 2^(n-1))`, scaled by a random factor in [0.5, 1):
/// the ceiling keeps a long outage from stretching a run, the jitter keeps several leadscore
/// processes that failed together from retrying in lock-step (and hitting the org together again).
/// A `Retry-After` the server sends wins when it asks for longer, up to ``retryAfterCeiling``.
public struct SalesforceRetryPolicy: Sendable, Equatable {
    /// Attempts in total, the first one included (1 = never retry).
    public var maxAttempts = 5
    public var baseDelay = Duration.milliseconds(500)
    public var maxDelay = Duration.seconds(30)

    /// The longest `Retry-After` honoured; a server asking for more gets an error instead of a frozen run.
    public static let retryAfterCeiling = Duration.seconds(300)

    public init() {}

    public init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The pause before retry number `retry` (1 for the first retry).
    ///
    /// - Parameters:
    ///   - random: a number in [0, 1) from the client's random source.
    ///   - retryAfter: the server's `Retry-After`, when it sent one.
    public func delay(beforeRetry retry: Int, random: Double, retryAfter: Duration? = nil) -> Duration {
        let doublings = min(max(retry - 1, 0), 30)
        let exponential = baseDelay * (1 << doublings)
        let capped = min(exponential, maxDelay)
        let factor = 0.5 + 0.5 * min(max(random, 0), 0.999_999)
        // Whole milliseconds: schedules stay exact and comparable (tests, logs).
        let jittered = Duration.milliseconds(Int64((capped.seconds * factor * 1_000).rounded()))
        guard let retryAfter else { return jittered }
        return max(jittered, min(retryAfter, Self.retryAfterCeiling))
    }

    /// Reads a `Retry-After` header: delay-seconds (`120`) or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`).
    /// Unreadable values are ignored: the backoff schedule applies.
    public static func retryAfter(from header: String, now: Date = Date()) -> Duration? {
        let text = header.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text) {
            return seconds >= 0 ? .seconds(seconds) : nil
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        let seconds = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64((seconds * 1_000).rounded(.up)))
    }
}
