import Foundation

/// The client's sense of time and chance: how it sleeps between retries, polls and slow-downs, and
/// where the backoff jitter comes from.
///
/// Production uses ``live``. Tests inject a clock that records the requested pauses and returns at
/// once, so a retry schedule can be checked exactly without waiting for it.
public struct BackoffClock: Sendable {
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A number in [0, 1).
    public var random: @Sendable () -> Double

    public init(sleep: @escaping @Sendable (Duration) async throws -> Void, random: @escaping @Sendable () -> Double) {
        self.sleep = sleep
        self.random = random
    }

    /// Real sleeps (cancellable) and the system random generator.
    public static let live = BackoffClock(
        sleep: { duration in try await Task.sleep(for: duration) },
        random: { Double.random(in: 0..<1) }
    )
}

extension Duration {
    /// The duration in seconds as a Double, for log lines and arithmetic.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
