import AsyncHTTPClient
import Foundation
import LeadscoreData
import LeadscoreSalesforce
import NIOCore
import NIOHTTP1

/// Announces hot leads on a Slack-compatible incoming webhook: `POST` of `{"text": …, "blocks": […]}`
/// (Slack API, "Sending messages using incoming webhooks"), one message per batch of up to
/// ``leadsPerMessage`` leads. The message names no person: a link to the lead, its score, tier, route and
/// reasons. The URL is a secret (it carries the token): it is read from env or file and never logged or
/// put in an error.
///
/// Delivery is at least once: a run killed after the post and before the outbox is updated posts again.
final class HotLeadWebhook: Sendable {
    /// Slack allows 50 blocks per message; a short list is also what a channel can read.
    static let leadsPerMessage = 20

    private let url: String
    private let http: HTTPClient

    /// Reads the URL from where `sync.hot_lead.webhook_url_env` / `_file` point; https (or http on loopback) only.
    init(location: SecretLocation, source: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let key: String
        switch location {
        case .environment: key = "sync.hot_lead.webhook_url_env"
        case .file: key = "sync.hot_lead.webhook_url_file"
        }
        let url = try location.read(key: key, source: source, environment: environment)
        do {
            try URLSafety.check(url, origin: key)
        } catch {
            throw InputError(source: source, field: key, problem: "the webhook URL in \(location) is not an https URL",
                             fix: "paste the incoming webhook URL (https://hooks.slack.com/services/…) into \(location)")
        }
        self.url = url
        http = IncomingWebhook.client()
    }

    func shutdown() async {
        try? await http.shutdown()
    }

    /// One hot lead as the message shows it.
    struct Notice: Sendable {
        let leadId: String
        let score: Int
        let tier: String
        let route: String
        let reasons: String
    }

    /// Posts `notices` (in messages of ``leadsPerMessage``). Throws ``SyncError/webhookFailed(_:)`` after
    /// ``IncomingWebhook/attempts`` tries on throttling, server errors or a broken connection; at once on other answers.
    func send(_ notices: [Notice], instanceURL: String) async throws {
        for start in stride(from: 0, to: notices.count, by: Self.leadsPerMessage) {
            let batch = Array(notices[start..<min(start + Self.leadsPerMessage, notices.count)])
            try await post(try Self.message(batch, instanceURL: instanceURL))
        }
    }

    /// Slack's message shape: a plain `text` (notifications, clients without blocks) and one section each.
    struct Message: Encodable {
        struct Text: Encodable { var type = "mrkdwn"; let text: String }
        struct Block: Encodable { var type = "section"; let text: Text }
        let text: String
        let blocks: [Block]
    }

    static func message(_ notices: [Notice], instanceURL: String) throws -> Data {
        let title = notices.count == 1 ? "1 hot lead from leadscore" : "\(notices.count) hot leads from leadscore"
        let blocks = notices.map { notice in
            let link = "\(instanceURL)/lightning/r/Lead/\(notice.leadId)/view"
            return Message.Block(text: Message.Text(
                text: "*<\(link)|Lead \(notice.leadId)>* scored *\(notice.score)* (tier \(notice.tier)) → \(notice.route)\n"
                    + notice.reasons))
        }
        let fallback = title + ": " + notices.map { "\($0.leadId) (\($0.score), tier \($0.tier))" }.joined(separator: ", ")
        return try JSONEncoder().encode(Message(text: fallback, blocks: blocks))
    }

    /// One message through ``IncomingWebhook`` (retries on throttling, server errors, broken connections).
    private func post(_ body: Data) async throws {
        do {
            try await IncomingWebhook.post(body, to: url, with: http)
        } catch let failure as IncomingWebhook.Failure {
            switch failure {
            case .refused:
                throw SyncError.webhookFailed("\(failure): the URL may be revoked or mistyped; create a new incoming "
                    + "webhook and update the secret")
            case .gaveUp:
                throw SyncError.webhookFailed("\(failure); the notices wait in the retry queue")
            }
        }
    }
}
