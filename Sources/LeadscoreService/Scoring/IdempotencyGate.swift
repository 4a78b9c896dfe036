import Foundation
import NIOConcurrencyHelpers

/// Runs an idempotent request once, however many copies arrive at the same time.
///
/// - In one process, the first request with a key does the work; copies with the same body wait for
///   its answer and get it replayed, a copy with another body is 409 `idempotency_key_reused`.
/// - Across servers sharing a store, an `Idempotency-Key` is claimed in the store before the work
///   (a pending row, completed in the audit transaction): a copy on another server waits briefly for
///   the answer, then gets 409 `request_in_progress` with `Retry-After` (Stripe's behaviour). A claim
///   left by a crashed server is taken over once it is older than `staleAfter`.
/// - Automatic keys (same lead, inputs and model, no header) are coalesced in the process only: they
///   cost no extra write per request, and a copy on another server is a second, identical score.
/// - When the work fails, the claim is released and waiting copies run on their own.
final class IdempotencyGate: Sendable {
    private struct Flight {
        /// nil for an automatic key: any body matches.
        var requestHash: String?
        var waiters: [CheckedContinuation<Outcome?, Never>] = []
    }

    /// What waiting copies get: the first copy's answer or refusal; nil when they must run on their own.
    private typealias Outcome = Result<ScoringService.Reply, APIError>

    private enum Joined {
        case owner
        case wait
    }

    private let store: any ServiceStore
    private let metrics: ServiceMetrics
    private let replays: ResultCache<IdempotencyRecord>
    private let flights = NIOLockedValueBox([String: Flight]())
    private let inProgressWait: Duration
    private let staleAfter: TimeInterval

    /// - Parameters:
    ///   - inProgressWait: how long a copy waits for another server's answer before 409.
    ///   - staleAfter: age after which another server's unfinished claim is taken over.
    init(store: any ServiceStore, metrics: ServiceMetrics, timeToLive: Double, capacity: Int,
         inProgressWait: Duration, staleAfter: TimeInterval) {
        self.store = store
        self.metrics = metrics
        replays = ResultCache(timeToLive: timeToLive, capacity: capacity)
        self.inProgressWait = inProgressWait
        self.staleAfter = staleAfter
    }

    /// The reply for `key`: replayed when it was answered before or is being answered now, otherwise
    /// from `work`, which must commit the completed `IdempotencyRecord` (see `remember`).
    /// - Parameter requestHash: the hash of endpoint and body for an `Idempotency-Key` (claimed in the
    ///   store); nil for an automatic key.
    func once(client: String, key: String, requestHash: String?,
              _ work: () async throws -> ScoringService.Reply) async throws -> ScoringService.Reply {
        let flightKey = "\(client)|\(key)"
        while true {
            if let reply = try await replay(client: client, key: key, requestHash: requestHash) { return reply }
            switch try join(flightKey, key: key, requestHash: requestHash) {
            case .owner:
                // A copy that looked before the previous owner remembered its answer, and joined after it left.
                if let record = replays.value(for: flightKey) {
                    let reply = try Self.reply(record, key: key, requestHash: requestHash)
                    finish(flightKey, .success(reply))
                    metrics.replay(kind: requestHash == nil ? "automatic" : "idempotency_key")
                    return reply
                }
                return try await own(flightKey, client: client, key: key, requestHash: requestHash, work)
            case .wait:
                let outcome = await withCheckedContinuation { continuation in
                    let joined = flights.withLockedValue { flights -> Bool in
                        guard flights[flightKey] != nil else { return false }
                        flights[flightKey]!.waiters.append(continuation)
                        return true
                    }
                    if !joined { continuation.resume(returning: nil) }
                }
                switch outcome {
                case let .success(reply)?:
                    metrics.replay(kind: requestHash == nil ? "automatic" : "idempotency_key")
                    return reply
                case let .failure(error)?:
                    throw error
                case nil:
                    continue  // the first copy failed for its own reasons or finished before this one joined
                }
            }
        }
    }

    /// Keeps a completed record for fast replays (the store holds it for other servers).
    func remember(_ record: IdempotencyRecord) {
        replays.insert(record, for: "\(record.client)|\(record.key)")
    }

    // MARK: Private

    private func join(_ flightKey: String, key: String, requestHash: String?) throws -> Joined {
        let existing: String?? = flights.withLockedValue { flights in
            if let flight = flights[flightKey] { return .some(flight.requestHash) }
            flights[flightKey] = Flight(requestHash: requestHash)
            return .none
        }
        guard let existing else { return .owner }
        if let requestHash, existing != requestHash { throw Self.reused(key) }
        return .wait
    }

    private func own(_ flightKey: String, client: String, key: String, requestHash: String?,
                     _ work: () async throws -> ScoringService.Reply) async throws -> ScoringService.Reply {
        var claimed = false
        do {
            if let requestHash {
                if let reply = try await claim(client: client, key: key, requestHash: requestHash) {
                    finish(flightKey, .success(reply))
                    return reply
                }
                claimed = true
            }
            let reply = try await work()
            finish(flightKey, .success(ScoringService.Reply(status: reply.status, body: reply.body, replayed: true)))
            return reply
        } catch {
            if claimed { try? await store.releaseIdempotency(client: client, key: key) }
            // The same request gets the same refusal; an outage or a bug is left for each copy to meet.
            if let refusal = error as? APIError, (400..<500).contains(refusal.status.code) {
                finish(flightKey, .failure(refusal))
            } else {
                finish(flightKey, nil)
            }
            throw error
        }
    }

    private func finish(_ flightKey: String, _ outcome: Outcome?) {
        let waiters = flights.withLockedValue { $0.removeValue(forKey: flightKey)?.waiters ?? [] }
        for waiter in waiters { waiter.resume(returning: outcome) }
    }

    /// Claims the key in the store. Returns nil once claimed, or the reply another server gave.
    private func claim(client: String, key: String, requestHash: String) async throws -> ScoringService.Reply? {
        let clock = ContinuousClock()
        let deadline = clock.now + inProgressWait
        while true {
            let now = Date()
            let pending = IdempotencyRecord.pending(client: client, key: key, requestHash: requestHash, at: now)
            let existing: IdempotencyRecord?
            do {
                existing = try await store.claimIdempotency(pending, staleBefore: now.addingTimeInterval(-staleAfter))
            } catch {
                metrics.auditFailure()
                throw APIError.unavailable("the idempotency record cannot be written, so no score was given; retry shortly",
                                           retryAfter: 2)
            }
            guard let existing else { return nil }
            if !existing.isPending {
                remember(existing)
                metrics.replay(kind: "idempotency_key")
                return try Self.reply(existing, key: key, requestHash: requestHash)
            }
            if existing.requestHash != requestHash { throw Self.reused(key) }
            guard clock.now < deadline else {
                throw APIError(.conflict, code: "request_in_progress",
                               message: "a request with Idempotency-Key '\(key.prefix(80))' is still being answered; retry shortly for its answer",
                               details: [.init(field: "Idempotency-Key", code: "in_progress", message: "retry after 1 s")],
                               headers: [.retryAfter: "1"])
            }
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    /// The stored reply for a key, checked in memory first, then in the shared store. A pending claim
    /// is not a reply. `requestHash` nil: an automatic key, so any body matches.
    private func replay(client: String, key: String, requestHash: String?) async throws -> ScoringService.Reply? {
        var record = replays.value(for: "\(client)|\(key)")
        if record == nil {
            record = try? await store.idempotencyRecord(client: client, key: key)
            if let record, !record.isPending { remember(record) }
        }
        guard let record else { return nil }
        // Checked before the pending test: a claim for another body is already a refusal.
        let reply = try Self.reply(record, key: key, requestHash: requestHash)
        guard !record.isPending else { return nil }
        metrics.replay(kind: requestHash == nil ? "automatic" : "idempotency_key")
        return reply
    }

    /// A completed record's reply, refused when it answered another body or endpoint.
    private static func reply(_ record: IdempotencyRecord, key: String, requestHash: String?) throws -> ScoringService.Reply {
        if let requestHash, record.requestHash != requestHash { throw reused(key) }
        return ScoringService.Reply(status: record.status, body: record.body, replayed: true)
    }

    private static func reused(_ key: String) -> APIError {
        APIError(.conflict, code: "idempotency_key_reused",
                 message: "Idempotency-Key '\(key.prefix(80))' was used with a different body or endpoint; use a new key for a new request",
                 details: [.init(field: "Idempotency-Key", code: "reused", message: "send a new key")])
    }
}
