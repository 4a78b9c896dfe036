import Foundation
import LeadscoreData
import LeadscoreSalesforce

/// Posts a monitor pass's findings to a Slack-compatible incoming webhook: one ``AlertMessage`` per
/// pass, through LeadscoreSalesforce's ``IncomingWebhook`` (the poster the sync's hot-lead notices use:
/// retries on 429/5xx, redirects refused). The URL is a secret (it carries the token): read from env or
/// file, https only (plain http on loopback, where a local receiver listens: ``URLSafety``), never logged,
/// never put in an error.
public struct AlertWebhook: Sendable, CustomStringConvertible {
    public let location: AlertWebhookLocation
    private let url: String

    /// Reads the URL from `location` (`monitoring.alerts.webhook_url_env` / `_file` of `source`).
    public init(location: AlertWebhookLocation, source: String,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let url = try location.read(source: source, environment: environment)
        do {
            try URLSafety.check(url, origin: location.configKey)
        } catch {
            throw InputError(source: source, field: location.configKey,
                             problem: "the webhook URL in \(location) is not an https URL",
                             fix: "paste the incoming webhook URL (https://hooks.slack.com/services/…) into \(location)")
        }
        self.location = location
        self.url = url
    }

    /// The webhook as logs and errors may name it: by where its URL lives.
    public var description: String { "alert webhook (URL in \(location))" }

    /// Posts one message listing `findings`. Throws ``AlertError/webhookFailed(_:)`` after
    /// ``IncomingWebhook/attempts`` tries on throttling, server errors or a broken connection, and at
    /// once on any other answer.
    public func send(_ findings: [MonitorFinding]) async throws {
        let body = try AlertMessage(findings: findings).encoded()
        let http = IncomingWebhook.client()
        do {
            try await IncomingWebhook.post(body, to: url, with: http)
        } catch let failure as IncomingWebhook.Failure {
            try? await http.shutdown()
            switch failure {
            case .refused:
                throw AlertError.webhookFailed("\(failure): the URL may be revoked or mistyped; create a new incoming "
                    + "webhook and update \(location)")
            case .gaveUp:
                throw AlertError.webhookFailed("\(failure)")
            }
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }
}
