/// Alert delivery failures, each with what to do. None of them holds the webhook's URL.
public enum AlertError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The webhook refused the message or could not be reached; nothing was recorded as sent.
    case webhookFailed(String)
    /// The state file exists but is not the state this version writes.
    case corruptState(path: String, problem: String)
    /// The state file could not be written; the alerts were posted but will be posted again.
    case stateNotWritten(path: String, problem: String)

    public var description: String {
        switch self {
        case let .webhookFailed(problem):
            return "alert webhook: \(problem); the findings were not recorded as sent, so the next monitor pass posts them again"
        case let .corruptState(path, problem):
            return "the alert state file \(path) cannot be read (\(problem)). Fix: delete it; the next monitor pass then "
                + "posts every open finding once and starts a new state"
        case let .stateNotWritten(path, problem):
            return "the alert state file \(path) cannot be written (\(problem)). Fix: check that its directory exists and is "
                + "writable (monitoring.alerts.state_file); until then alerts repeat on every pass"
        }
    }
}
