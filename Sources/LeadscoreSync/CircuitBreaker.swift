import Foundation
import LeadscoreService

/// The sync's circuit breaker, across runs: after `failures` runs failed in a row it refuses to call
/// Salesforce until `cooldown` has passed since the last failure; the first run after that is a trial
/// (one more failure opens it again, a success closes it).
enum CircuitBreakerCheck {
    static func closed(_ checkpoint: SyncCheckpoint, settings: SyncSettings.CircuitBreaker, now: Date) throws {
        guard checkpoint.consecutiveFailures >= settings.failures, let last = checkpoint.lastFailureAt else { return }
        let until = last.addingTimeInterval(Double(settings.cooldown.components.seconds))
        if now < until {
            throw SyncError.circuitOpen(failures: checkpoint.consecutiveFailures, until: until, lastError: checkpoint.lastError)
        }
    }
}

/// The circuit breaker within a run: write batches of which not one lead went through, in a row, stop
/// the run (its writes stay in the outbox for the next run) instead of sending the rest into a failing org.
struct BatchFailureCounter {
    let limit: Int
    private(set) var inARow = 0

    init(limit: Int) {
        self.limit = limit
    }

    mutating func record(_ outcome: SyncWriter.Outcome, of count: Int, queued: () async throws -> Int) async throws {
        guard count > 0 else { return }
        guard outcome.done.isEmpty, outcome.failed == count else {
            inARow = 0
            return
        }
        inARow += 1
        if inARow >= limit {
            throw SyncError.writesFailing(batches: inARow, lastError: outcome.lastError ?? "unknown", queued: try await queued())
        }
    }
}
