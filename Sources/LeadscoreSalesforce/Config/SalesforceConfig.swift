import Foundation

/// How leadscore connects to a Salesforce org: the `salesforce:` section of `leadscore.yaml`.
///
/// No secret lives here: the client secret and the refresh token are *named* (an environment
/// variable or a file) and read when the client is created, and the JWT private key is a file path.
/// A config can therefore be printed, logged and committed.
public struct SalesforceConfig: Sendable, Equatable {
    /// Which OAuth 2.0 flow gets the access token.
    public enum AuthMethod: String, Sendable, Equatable, CaseIterable {
        /// A JWT signed with the connected app's private key; no secret, no browser, pre-authorised users only.
        case jwtBearer = "jwt_bearer"
        /// Consumer key and secret; the connected app's "Run As" user; needs the My Domain login URL.
        case clientCredentials = "client_credentials"
        /// A refresh token obtained once through a browser flow (e.g. `sf org login web`).
        case refreshToken = "refresh_token"
    }

    /// Where the token endpoint lives: `https://login.salesforce.com`, `https://test.salesforce.com`
    /// (sandboxes) or the org's My Domain URL. `http://` only for loopback hosts (local test servers).
    public var loginURL = "https://login.salesforce.com"
    public var apiVersion = SalesforceAPIVersion.defaultVersion
    public var auth = AuthMethod.jwtBearer
    /// The connected app's consumer key. An identifier, not a secret.
    public var clientId = ""
    /// The Salesforce username the JWT bearer flow acts as (the `sub` claim).
    public var username: String?
    /// PEM file with the RSA private key whose certificate is uploaded to the connected app.
    public var privateKeyFile: String?
    /// The JWT `aud` claim. When nil: `https://test.salesforce.com` for sandboxes, `https://login.salesforce.com`
    /// for production and My Domain URLs, else the login URL itself (a local server).
    public var jwtAudience: String?
    /// The consumer secret (client credentials; optional for refresh tokens).
    public var clientSecret: SecretLocation?
    public var refreshToken: SecretLocation?
    /// An extra PEM CA bundle trusted on top of the system roots (a local server's self-signed certificate).
    public var caFile: String?
    /// Extracts expecting more rows than this use Bulk API 2.0; smaller ones use REST query pages.
    public var restMaxRows = 20_000
    /// Rows per Bulk API 2.0 result page (`maxRecords`): bounds each download and its memory.
    public var bulkPageRecords = 50_000
    /// How long a Bulk API 2.0 query job may take before the client gives up on it.
    public var bulkTimeoutMinutes = 60
    /// Share of the org's daily API allowance above which the client slows down (0.8 = 80%).
    public var limitShare = 0.8
    public var retry = SalesforceRetryPolicy()
    /// Per HTTP request: the longest wait for an answer (and between bytes of a long download).
    public var timeoutSeconds = 120.0
    /// The file the config was read from, for error messages; `leadscore.yaml` by default.
    public var source = "leadscore.yaml"

    public init() {}

    /// The `aud` claim the JWT bearer assertion carries (see ``jwtAudience``).
    public var effectiveJWTAudience: String {
        if let jwtAudience { return jwtAudience }
        guard let host = URL(string: loginURL)?.host?.lowercased() else { return loginURL }
        if host == "test.salesforce.com" || host.hasSuffix(".sandbox.my.salesforce.com") {
            return "https://test.salesforce.com"
        }
        if host == "login.salesforce.com" || host.hasSuffix(".my.salesforce.com") || host.hasSuffix(".salesforce.com") {
            return "https://login.salesforce.com"
        }
        return trimmedLoginURL
    }

    /// The login URL without a trailing slash (an Experience Cloud site keeps its path, e.g. `/customers`).
    var trimmedLoginURL: String {
        var url = loginURL
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// The token endpoint, `<login URL>/services/oauth2/token`.
    var tokenURL: String { trimmedLoginURL + "/services/oauth2/token" }
}
