import Foundation
import LeadscoreData

/// Sync failures that are not Salesforce's or the input's.
public enum SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store's outbox holds something this version cannot read.
    case corruptQueue(String)
    /// No model is in production in the registry.
    case noProductionModel
    /// The hot-lead webhook refused or could not be reached.
    case webhookFailed(String)
    /// Runs failed `failures` times in a row: the sync pauses until `until`.
    case circuitOpen(failures: Int, until: Date, lastError: String?)
    /// Write batches failed `batches` times in a row within a run: the run stopped calling Salesforce.
    case writesFailing(batches: Int, lastError: String, queued: Int)

    public var description: String {
        switch self {
        case let .corruptQueue(problem):
            return "the sync's retry queue cannot be read (\(problem)); inspect the sync_pending table, then clear it"
        case .noProductionModel:
            return "no model is in production: register and promote one with `leadscore models` before syncing"
        case let .webhookFailed(problem):
            return "hot-lead webhook: \(problem)"
        case let .circuitOpen(failures, until, lastError):
            return "circuit breaker open: the last \(failures) sync runs failed (last: \(lastError ?? "unknown")); leadscore "
                + "does not call Salesforce again before \(SalesforceDate.formatDateTime(until.timeIntervalSince1970)) "
                + "(sync.circuit_breaker.cooldown). Fix the cause, or wait: the next run after that is a trial run"
        case let .writesFailing(batches, lastError, queued):
            return "circuit breaker open: \(batches) write batches in a row failed (last: \(lastError)); this run stopped "
                + "calling Salesforce and \(queued) writes wait in the retry queue for the next run"
        }
    }
}
