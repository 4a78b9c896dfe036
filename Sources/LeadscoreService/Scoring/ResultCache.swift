import Foundation
import NIOConcurrencyHelpers

/// Recent results by key with a time to live, bounded in entries. Lookups and inserts take one
/// short lock; when full, expired entries go first, then the oldest.
public final class ResultCache<Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var expires: Double
        var inserted: UInt64
    }

    private struct Storage {
        var entries: [String: Entry] = [:]
        var counter: UInt64 = 0
    }

    private let storage = NIOLockedValueBox(Storage())
    public let timeToLive: Double
    public let capacity: Int

    public init(timeToLive: Double, capacity: Int) {
        self.timeToLive = timeToLive
        self.capacity = max(1, capacity)
    }

    public func value(for key: String, now: Double = Date().timeIntervalSince1970) -> Value? {
        guard timeToLive > 0 else { return nil }
        return storage.withLockedValue { storage in
            guard let entry = storage.entries[key] else { return nil }
            if entry.expires <= now {
                storage.entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    public func insert(_ value: Value, for key: String, now: Double = Date().timeIntervalSince1970) {
        guard timeToLive > 0 else { return }
        storage.withLockedValue { storage in
            storage.counter += 1
            storage.entries[key] = Entry(value: value, expires: now + timeToLive, inserted: storage.counter)
            if storage.entries.count > capacity { Self.evict(&storage, now: now, capacity: capacity) }
        }
    }

    public var count: Int { storage.withLockedValue { $0.entries.count } }

    /// Drops expired entries, then the oldest, down to 90% of capacity (so eviction is not per insert).
    private static func evict(_ storage: inout Storage, now: Double, capacity: Int) {
        storage.entries = storage.entries.filter { $0.value.expires > now }
        let target = capacity * 9 / 10
        guard storage.entries.count > target else { return }
        let oldest = storage.entries.sorted { $0.value.inserted < $1.value.inserted }.prefix(storage.entries.count - target)
        for (key, _) in oldest { storage.entries[key] = nil }
    }
}
