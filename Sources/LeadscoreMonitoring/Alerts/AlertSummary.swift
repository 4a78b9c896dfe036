/// What one dispatch did with a monitor pass's findings; every finding is in exactly one list.
public struct AlertSummary: Sendable, Equatable {
    /// Posted to the webhook in this pass's message.
    public var sent: [MonitorFinding] = []
    /// Already posted within the cooldown at the same or a higher severity.
    public var suppressedByCooldown: [MonitorFinding] = []
    /// Silenced by an acknowledgement that has not expired.
    public var acknowledged: [MonitorFinding] = []
    /// Below `monitoring.alerts.webhook_min_severity`: logged (ticket and page) or only reported (info).
    public var belowMinimum: [MonitorFinding] = []
    /// Would have been posted, but no webhook is configured: the log line is the alert.
    public var logOnly: [MonitorFinding] = []
    /// Acknowledgements whose date has passed; they silence nothing and should be removed or renewed.
    public var expiredAcknowledgements: [Acknowledgement] = []

    public init() {}
}
