import AsyncHTTPClient
import Foundation
import LeadscoreData
import NIOCore
import NIOHTTP1

/// Posts a monitor pass's findings to a Slack-compatible incoming webhook: one ``AlertMessage`` per
/// pass. The URL is a secret (it carries the token): read from env or file, https only (plain http on
/// loopback, where a local receiver listens), never logged, never put in an error, and redirects are
/// refused so the message cannot be sent somewhere the admin did not choose.
///
/// The same conventions as LeadscoreSync's `HotLeadWebhook`, whose URL check (`URLSafety`) lives in
/// LeadscoreSalesforce, which this module does not depend on: the check is repeated here.
public struct AlertWebhook: Sendable, CustomStringConvertible {
    static let attempts = 3
    /// The longest `Retry-After` honoured between attempts; a longer one is cut to this.
    static let longestRetryWait = 30.0

    public let location: AlertWebhookLocation
    private let url: String

    /// Reads the URL from `location` (`monitoring.alerts.webhook_url_env` / `_file` of `source`).
    public init(location: AlertWebhookLocation, source: String,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let url = try location.read(source: source, environment: environment)
        guard Self.isAllowed(url) else {
            throw InputError(source: source, field: location.configKey,
                             problem: "the webhook URL in \(location) is not an https URL",
                             fix: "paste the incoming webhook URL (https://hooks.slack.com/services/…) into \(location)")
        }
        self.location = location
        self.url = url
    }

    /// The webhook as logs and errors may name it: by where its URL lives.
    public var description: String { "alert webhook (URL in \(location))" }

    /// Posts one message listing `findings`. Throws ``AlertError/webhookFailed(_:)`` after ``attempts``
    /// tries on throttling (429), server errors or a broken connection, and at once on any other answer.
    public func send(_ findings: [MonitorFinding]) async throws {
        let body = try AlertMessage(findings: findings).encoded()
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(20))))
        do {
            try await post(body, with: http)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    private func post(_ body: Data, with http: HTTPClient) async throws {
        var lastProblem = ""
        for attempt in 1...Self.attempts {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
            do {
                let response = try await http.execute(request, timeout: .seconds(20))
                let answer = String(buffer: try await response.body.collect(upTo: 64 * 1024))
                switch response.status.code {
                case 200..<300:
                    return
                case 429, 500..<600:
                    lastProblem = "the webhook answered \(response.status.code)"
                    let wait = response.headers.first(name: "Retry-After").flatMap(Double.init) ?? Double(attempt)
                    if attempt < Self.attempts { try await Task.sleep(for: .seconds(min(max(wait, 0), Self.longestRetryWait))) }
                default:
                    throw AlertError.webhookFailed("the webhook answered \(response.status.code) \(answer.prefix(80)): the URL "
                        + "may be revoked or mistyped; create a new incoming webhook and update \(location)")
                }
            } catch let error as AlertError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                lastProblem = "the webhook could not be reached (\(type(of: error)))"
                if attempt < Self.attempts { try await Task.sleep(for: .seconds(Double(attempt))) }
            }
        }
        throw AlertError.webhookFailed(lastProblem + " after \(Self.attempts) tries")
    }

    /// https anywhere; http only to a loopback host, where nothing crosses a network.
    static func isAllowed(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty else { return false }
        switch scheme {
        case "https": return true
        case "http": return ["localhost", "::1", "[::1]"].contains(host) || isLoopbackAddress(host)
        default: return false
        }
    }

    /// `127.x.y.z` written as an address (a name such as `127.example.com` is not loopback).
    private static func isLoopbackAddress(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
