import Foundation
import NIOConcurrencyHelpers

/// Per-client token buckets: each client may burst up to `burst` requests, refilled at `rate` per
/// second. A refused request learns how long to wait (for `Retry-After`).
public final class TokenBucketLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    static let maxClients = 10_000

    public let rate: Double
    public let burst: Double
    private let buckets = NIOLockedValueBox<[String: Bucket]>([:])

    public init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = max(1, burst)
    }

    /// Clients with a bucket in memory.
    var clientCount: Int { buckets.withLockedValue { $0.count } }

    /// Takes `cost` tokens from `client`'s bucket; returns nil when allowed, else seconds to wait.
    public func take(client: String, cost: Double = 1, now: Double = Date().timeIntervalSince1970) -> Int? {
        guard rate > 0 else { return nil }
        return buckets.withLockedValue { buckets in
            // Callers can invent client names (OAuth client ids), so the map is bounded: full buckets
            // carry no state and are dropped first.
            if buckets.count >= Self.maxClients {
                buckets = buckets.filter { min(burst, $0.value.tokens + (now - $0.value.updated) * rate) < burst }
                if buckets.count >= Self.maxClients { buckets.removeAll() }
            }
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
