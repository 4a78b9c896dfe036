import AsyncHTTPClient
import Foundation
import LeadscoreData
import Logging
import NIOCore
import NIOSSL

/// A client for one Salesforce org: OAuth 2.0 (JWT bearer, client credentials or refresh token), REST
/// queries page by page, describe, single records, sObject Collections writes, and Bulk API 2.0 query
/// jobs streamed to disk.
///
/// Every call goes through the same transport: the current access token (renewed once when Salesforce
/// answers `INVALID_SESSION_ID`), a slow-down when the org's daily API usage passes
/// `config.limitShare`, and jittered exponential retries on server faults, row locks, throttling and
/// broken connections. Errors that remain are typed (``SalesforceAPIError``, ``SalesforceAuthError``,
/// ``SalesforceClientError``, `InputError` for configuration) and say what to fix.
///
/// ```swift
/// let client = try SalesforceClient(config: try SalesforceConfigLoader.load(from: url), logger: logger)
/// defer { Task { try await client.shutdown() } }
/// let leads = try await client.count("SELECT COUNT() FROM Lead")
/// try await client.query("SELECT Id, Company FROM Lead") { page in write(page.records) }
/// ```
///
/// Call ``shutdown()`` before dropping the client: it owns an HTTP connection pool.
public final class SalesforceClient: Sendable {
    public let config: SalesforceConfig
    let transport: SalesforceTransport
    let authenticator: SalesforceAuthenticator
    let meter: UsageMeter
    let clock: BackoffClock
    let logger: Logger
    private let http: HTTPClient

    /// Reads the secrets the config names and prepares the connection pool; makes no network call.
    ///
    /// - Parameters:
    ///   - clock: sleeps and jitter; tests pass one that records pauses instead of waiting.
    ///   - environment: where `*_env` secrets are looked up.
    public init(config: SalesforceConfig, logger: Logger, clock: BackoffClock = .live,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try URLSafety.check(config.loginURL, origin: "salesforce.login_url")
        let credentials = try OAuthCredentials(config: config, environment: environment)
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = config.caFile {
            do {
                tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(caFile))]
            } catch {
                throw InputError(source: config.source, field: "salesforce.ca_file",
                                 problem: "\(caFile) cannot be read as PEM certificates",
                                 fix: "point ca_file at the CA certificate (-----BEGIN CERTIFICATE-----) that signed "
                                     + "the server's certificate")
            }
        }
        let timeout = TimeAmount.milliseconds(Int64(config.timeoutSeconds * 1_000))
        let configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            // A redirect would carry the bearer token to another URL: Salesforce's APIs never redirect.
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(15), read: timeout)
        )
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let meter = UsageMeter(threshold: config.limitShare, logger: logger)
        let exchange = HTTPExchange(http: http, policy: config.retry, clock: clock, logger: logger, meter: meter)
        let authenticator = SalesforceAuthenticator(credentials: credentials, tokenURL: config.tokenURL,
                                                    exchange: exchange, timeout: timeout, logger: logger)
        self.config = config
        self.http = http
        self.meter = meter
        self.clock = clock
        self.logger = logger
        self.authenticator = authenticator
        self.transport = SalesforceTransport(exchange: exchange, authenticator: authenticator, meter: meter, clock: clock,
                                             apiVersion: config.apiVersion, timeout: timeout)
    }

    /// Closes the connection pool. The client cannot be used afterwards.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    /// Logs in now (instead of at the first call) and returns the org's instance URL: a cheap check of the
    /// connected app, the user and the secrets.
    @discardableResult
    public func authenticate() async throws -> String {
        try await authenticator.session().instanceURL
    }

    /// The instance URL once logged in, else the login URL: for source descriptions and log lines.
    public var instanceDescription: String {
        authenticator.instanceURL.get() ?? config.loginURL
    }

    /// Calls, retries, re-authentications, slow-downs and the org's latest API usage so far.
    public func usage() async -> SalesforceUsage {
        await meter.snapshot
    }
}
