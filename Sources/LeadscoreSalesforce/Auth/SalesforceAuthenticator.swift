import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat

/// Holds the current access token and fetches a new one when there is none or Salesforce refused it.
///
/// An actor with one token request in flight at a time: when several pages or chunks hit an expired
/// session together, they wait for the same renewal instead of each logging in (and each spending a
/// token request). A renewal asked for with a token that was already replaced returns the newer one.
actor SalesforceAuthenticator {
    private let credentials: OAuthCredentials
    private let tokenURL: String
    private let exchange: HTTPExchange
    private let timeout: TimeAmount
    private let logger: Logger
    private var current: SalesforceSession?
    private var pending: Task<SalesforceSession, any Error>?
    /// The instance URL of the latest session, readable without awaiting the actor.
    nonisolated let instanceURL = LockedValue<String?>(nil)

    init(credentials: OAuthCredentials, tokenURL: String, exchange: HTTPExchange, timeout: TimeAmount, logger: Logger) {
        self.credentials = credentials
        self.tokenURL = tokenURL
        self.exchange = exchange
        self.timeout = timeout
        self.logger = logger
    }

    /// The session to use now, logging in first when there is none.
    func session() async throws -> SalesforceSession {
        if let current { return current }
        return try await fetch()
    }

    /// A session other than `stale` (which Salesforce refused).
    func renew(replacing stale: SalesforceSession) async throws -> SalesforceSession {
        if let current, current != stale { return current }
        current = nil
        return try await fetch()
    }

    private func fetch() async throws -> SalesforceSession {
        if let pending { return try await pending.value }
        let task = Task { try await self.requestToken() }
        pending = task
        defer { pending = nil }
        let session = try await task.value
        current = session
        instanceURL.set(session.instanceURL)
        logger.info("Salesforce session opened", metadata: [
            "instance": "\(session.instanceURL)", "flow": "\(credentials.method.rawValue)",
        ])
        return session
    }

    private nonisolated func requestToken() async throws -> SalesforceSession {
        let method = credentials.method
        return try await exchange.perform(
            operation: "the \(method.rawValue) token request",
            idempotent: true,
            timeout: timeout,
            countsAsAPICall: false,
            prepare: {
                // Signed per attempt: a JWT assertion must not expire during the backoff.
                let body = try await credentials.formFields()
                    .map { "\(SalesforceRequest.percentEncoded($0.name))=\(SalesforceRequest.percentEncoded($0.value))" }
                    .joined(separator: "&")
                var request = HTTPClientRequest(url: tokenURL)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                request.headers.add(name: "Accept", value: "application/json")
                request.body = .bytes(ByteBuffer(string: body))
                return request
            },
            judge: { status, headers, body, _ in
                let error = SalesforceAuthError(status: status, body: body, method: method)
                if status >= 500 || status == 429 {
                    return .retry(error, retryAfter: HTTPExchange.retryAfter(in: headers))
                }
                return .fail(error)
            },
            consume: { response in
                let data = Data(buffer: try await response.body.collect(upTo: 1 << 20))
                return try SalesforceSession(tokenResponse: data)
            }
        )
    }
}
