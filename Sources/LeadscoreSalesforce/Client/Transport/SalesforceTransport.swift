import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat

/// Sends requests to the org's data API: adds the access token, waits out the slow-down when the org's
/// API usage is high, renews the token once on `INVALID_SESSION_ID`, and retries what Salesforce says
/// may succeed later. Everything above it (REST, collections, Bulk) only builds requests and reads answers.
struct SalesforceTransport: Sendable {
    let exchange: HTTPExchange
    let authenticator: SalesforceAuthenticator
    let meter: UsageMeter
    let clock: BackoffClock
    let apiVersion: SalesforceAPIVersion
    /// Per request; a stalled read fails after the same time (see `HTTPClient.Configuration.Timeout.read`).
    let timeout: TimeAmount
    /// JSON answers larger than this are refused rather than filling memory (a describe is ~1 MB, a page a few MB).
    static let maxJSONBytes = 256 << 20

    /// Sends `request` and parses the JSON answer.
    func json(_ request: SalesforceRequest) async throws -> SalesforceValue {
        let data = try await self.data(request)
        do {
            return try SalesforceValue(json: data)
        } catch {
            throw SalesforceClientError.invalidResponse(operation: request.operation, problem: "the body is not JSON (\(error))")
        }
    }

    /// Sends `request` and returns the whole answer body.
    func data(_ request: SalesforceRequest) async throws -> Data {
        try await send(request) { response in
            Data(buffer: try await response.body.collect(upTo: Self.maxJSONBytes))
        }
    }

    /// Sends `request` and hands the successful answer to `consume`, which reads (or streams) the body.
    /// A transport failure while `consume` reads is retried like any other, so `consume` must be able to start over.
    func send<Result>(_ request: SalesforceRequest, timeout: TimeAmount? = nil,
                      consume: (HTTPClientResponse) async throws -> Result) async throws -> Result {
        var session: SalesforceSession?
        return try await exchange.perform(
            operation: request.operation,
            idempotent: request.idempotent,
            timeout: timeout ?? self.timeout,
            countsAsAPICall: true,
            prepare: {
                let pause = await meter.pauseBeforeCall()
                if pause > .zero { try await clock.sleep(pause) }
                let current = try await authenticator.session()
                session = current
                return request.httpRequest(session: current)
            },
            judge: { status, headers, body, attempts in
                let error = SalesforceAPIError(status: status, body: body, operation: request.operation,
                                               query: request.soql, attempts: attempts)
                if error.needsReauthentication { return .reauthenticate(error) }
                if error.isRetriable { return .retry(error, retryAfter: HTTPExchange.retryAfter(in: headers)) }
                return .fail(error)
            },
            reauthenticate: {
                guard let stale = session else { return }
                _ = try await authenticator.renew(replacing: stale)
                await meter.recordReauthentication()
            },
            consume: consume
        )
    }

    /// `/services/data/v62.0` + `suffix`.
    func dataPath(_ suffix: String) -> String {
        "/services/data/\(apiVersion.pathSegment)\(suffix)"
    }
}
