import Foundation
import Logging

/// Turns a monitor pass's findings into alerts: a log line for every ticket and page, and one webhook
/// message for those that are new, at least `webhook_min_severity`, not acknowledged and not posted
/// within the cooldown at the same or a higher severity (an escalation from ticket to page goes at once).
///
/// The state records a post only after the webhook accepted it, so a failed post is retried by the
/// next pass instead of being silently swallowed by the cooldown.
public struct AlertDispatcher: Sendable {
    public let settings: MonitoringSettings
    /// Nil when `monitoring.alerts` names no webhook: alerts then live in the log only.
    public let webhook: AlertWebhook?
    public let logger: Logger

    public init(settings: MonitoringSettings, webhook: AlertWebhook?, logger: Logger) {
        self.settings = settings
        self.webhook = webhook
        self.logger = logger
    }

    /// Reads the webhook's URL from where `settings.alerts` points (nil when it names none).
    public init(settings: MonitoringSettings, logger: Logger,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let webhook = try settings.alerts.webhook.map {
            try AlertWebhook(location: $0, source: settings.source, environment: environment)
        }
        self.init(settings: settings, webhook: webhook, logger: logger)
    }

    /// Logs and posts `findings` as of `now`, updating `state` only once the post succeeded. Throws
    /// ``AlertError/webhookFailed(_:)`` with `state` untouched.
    public func dispatch(_ findings: [MonitorFinding], state: inout AlertState, now: Date) async throws -> AlertSummary {
        var summary = AlertSummary()
        summary.expiredAcknowledgements = settings.expiredAcknowledgements(at: now)
        for expired in summary.expiredAcknowledgements {
            logger.warning("acknowledgement expired: remove or renew it in monitoring.acknowledged",
                           metadata: ["key": "\(expired.key)", "note": "\(expired.note)"])
        }
        var due: [MonitorFinding] = []
        for finding in findings {
            let acknowledgement = settings.acknowledgement(for: finding, at: now)
            log(finding, acknowledged: acknowledgement != nil)
            if finding.severity < settings.alerts.minimumSeverity {
                summary.belowMinimum.append(finding)
            } else if acknowledgement != nil {
                summary.acknowledged.append(finding)
            } else if state.isRepeat(finding, at: now, cooldown: settings.alerts.cooldown) {
                summary.suppressedByCooldown.append(finding)
            } else {
                due.append(finding)
            }
        }
        guard !due.isEmpty else { return summary }
        guard let webhook else {
            summary.logOnly = due
            return summary
        }
        try await webhook.send(due)
        state.record(due, at: now, cooldown: settings.alerts.cooldown)
        summary.sent = due
        logger.info("alert webhook posted", metadata: ["findings": "\(due.count)", "webhook": "\(webhook)"])
        return summary
    }

    /// ``dispatch(_:state:now:)`` with the state in `monitoring.alerts.state_file` (resolved against
    /// `directory`): read before, written after a successful post.
    public func dispatch(_ findings: [MonitorFinding], now: Date,
                         directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) async throws -> AlertSummary {
        let path = settings.alerts.stateFile
        let file = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)).standardizedFileURL
        var state = try AlertState.load(from: file)
        let summary = try await dispatch(findings, state: &state, now: now)
        if !summary.sent.isEmpty { try state.save(to: file) }
        return summary
    }

    /// One line per ticket or page: the key, severity, figures and the finding's own message (figures
    /// and field names only; findings hold no lead's values).
    private func log(_ finding: MonitorFinding, acknowledged: Bool) {
        guard finding.severity >= .ticket else { return }
        let metadata: Logger.Metadata = [
            "key": "\(finding.key)", "severity": "\(finding.severity.rawValue)",
            "value": "\(finding.value)", "threshold": "\(finding.threshold)", "acknowledged": "\(acknowledged)",
        ]
        logger.log(level: finding.severity == .page ? .error : .warning, "\(finding.message)", metadata: metadata)
    }
}
