import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOFoundationCompat

/// What to do with an answer outside 2xx.
enum FailureVerdict: Sendable {
    /// Send again after the backoff (or the server's `Retry-After`, when longer).
    case retry(any Error, retryAfter: Duration?)
    /// Fetch a new access token and send once more; a second refusal is final.
    case reauthenticate(any Error)
    case fail(any Error)
}

/// One request, sent until it succeeds or retrying stops making sense: the retry loop shared by the
/// REST and Bulk calls and the OAuth token endpoint.
///
/// Every attempt is rebuilt by `prepare` (so it carries the current access token and waits out a
/// slow-down), transport failures are sorted by ``TransportFailure``, and error answers by the caller's
/// `judge`, which knows whether it is talking to the token endpoint or the data API.
struct HTTPExchange: Sendable {
    let http: HTTPClient
    let policy: SalesforceRetryPolicy
    let clock: BackoffClock
    let logger: Logger
    let meter: UsageMeter

    /// Error bodies are small; anything longer is cut (the message is in the first bytes).
    static let maxErrorBodyBytes = 1 << 20

    func perform<Result>(
        operation: String,
        idempotent: Bool,
        timeout: TimeAmount,
        countsAsAPICall: Bool,
        prepare: () async throws -> HTTPClientRequest,
        judge: (_ status: Int, _ headers: HTTPHeaders, _ body: Data, _ attempts: Int) -> FailureVerdict,
        reauthenticate: (() async throws -> Void)? = nil,
        consume: (HTTPClientResponse) async throws -> Result
    ) async throws -> Result {
        var attempt = 0
        var reauthenticated = false
        while true {
            attempt += 1
            let request = try await prepare()
            var answered = false
            do {
                let response = try await http.execute(request, timeout: timeout)
                answered = true
                if countsAsAPICall {
                    await meter.recordCall(limitHeader: response.headers.first(name: "Sforce-Limit-Info"))
                } else {
                    await meter.recordTokenRequest()
                }
                let status = Int(response.status.code)
                if (200..<300).contains(status) {
                    return try await consume(response)
                }
                let body = Data(buffer: try await response.body.collect(upTo: Self.maxErrorBodyBytes))
                switch judge(status, response.headers, body, attempt) {
                case let .fail(error):
                    throw error
                case let .reauthenticate(error):
                    guard !reauthenticated, let reauthenticate else { throw error }
                    reauthenticated = true
                    logger.info("Salesforce refused the access token; fetching a new one", metadata: ["operation": "\(operation)"])
                    try await reauthenticate()
                    // The renewed attempt is not a retry of a failure; it does not use up the retry budget.
                    attempt -= 1
                case let .retry(error, retryAfter):
                    guard attempt < policy.maxAttempts else { throw error }
                    try await pause(before: attempt, operation: operation, reason: "HTTP \(status)", retryAfter: retryAfter)
                }
            } catch {
                switch TransportFailure.classify(error) {
                case .final:
                    throw error
                case let .untrustedCertificate(reason):
                    let host = URLComponents(string: request.url)?.host ?? "the server"
                    throw SalesforceClientError.untrustedCertificate(host: host, reason: reason)
                case let .retriable(reason, requestMayHaveArrived):
                    if countsAsAPICall, !answered { await meter.recordUnansweredCall() }
                    let resendable = idempotent || !requestMayHaveArrived
                    guard resendable, attempt < policy.maxAttempts else {
                        throw SalesforceClientError.unreachable(operation: operation, attempts: attempt, reason: reason)
                    }
                    try await pause(before: attempt, operation: operation, reason: reason, retryAfter: nil)
                }
            }
        }
    }

    /// Waits out the backoff before the next attempt and counts the retry.
    private func pause(before failedAttempt: Int, operation: String, reason: String, retryAfter: Duration?) async throws {
        let delay = policy.delay(beforeRetry: failedAttempt, random: clock.random(), retryAfter: retryAfter)
        await meter.recordRetry()
        logger.warning("Salesforce request failed; retrying", metadata: [
            "operation": "\(operation)", "reason": "\(reason)", "attempt": "\(failedAttempt)",
            "delay_seconds": "\((delay.seconds * 100).rounded() / 100)",
        ])
        try await clock.sleep(delay)
    }

    /// The `Retry-After` of an answer, when it has a readable one.
    static func retryAfter(in headers: HTTPHeaders) -> Duration? {
        headers.first(name: "Retry-After").flatMap { SalesforceRetryPolicy.retryAfter(from: $0) }
    }
}
