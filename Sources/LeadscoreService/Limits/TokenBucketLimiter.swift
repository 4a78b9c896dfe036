import Foundation
import NIOConcurrencyHelpers

/// Per-client token buckets: each client may burst up to `burst` requests, refilled at `rate` per
/// second. A refused request learns how long to wait (for `Retry-After`).
public final class TokenBucketLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    public let rate: Double
    public let burst: Double
    private let buckets = NIOLockedValueBox<[String: Bucket]>([:])

    public init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = max(1, burst)
    }

    /// Takes `cost` tokens from `client`'s bucket; returns nil when allowed, else seconds to wait.
    public func take(client: String, cost: Double = 1, now: Double = Date().timeIntervalSince1970) -> Int? {
        guard rate > 0 else { return nil }
        return buckets.withLockedValue { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            let cost = min(cost, burst)
            defer { buckets[client] = bucket }
            if bucket.tokens >= cost {
                bucket.tokens -= cost
                return nil
            }
            return max(1, Int(((cost - bucket.tokens) / rate).rounded(.up)))
        }
    }
}
