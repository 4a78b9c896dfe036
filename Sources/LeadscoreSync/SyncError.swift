/// Sync failures that are not Salesforce's or the input's.
public enum SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store's outbox holds something this version cannot read.
    case corruptQueue(String)
    /// No model is in production in the registry.
    case noProductionModel

    public var description: String {
        switch self {
        case let .corruptQueue(problem):
            return "the sync's retry queue cannot be read (\(problem)); inspect the sync_pending table, then clear it"
        case .noProductionModel:
            return "no model is in production: register and promote one with `leadscore models` before syncing"
        }
    }
}
