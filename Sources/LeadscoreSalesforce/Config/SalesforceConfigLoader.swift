import Foundation
import LeadscoreData
import Yams

/// Reads the `salesforce:` section of `leadscore.yaml`. Every mistake is reported at once with its line,
/// key and fix.
///
/// ```yaml
/// salesforce:
///   login_url: https://login.salesforce.com   # https://test.salesforce.com for sandboxes, or the My Domain URL
///   api_version: "62.0"                       # REST/Bulk API version (31.0 or later)
///   auth: jwt_bearer                          # jwt_bearer | client_credentials | refresh_token
///   client_id: 3MVG9…                         # the connected app's consumer key (not a secret)
///   username: integration@acme.com            # jwt_bearer: the user the token acts as
///   private_key_file: secrets/leadscore.key   # jwt_bearer: PEM key whose certificate is on the connected app
///   jwt_audience: https://login.salesforce.com  # optional; derived from login_url when absent
///   client_secret_env: SF_CLIENT_SECRET       # client_credentials (optional for refresh_token);
///   # client_secret_file: secrets/sf-secret   #   or read it from a file instead
///   refresh_token_env: SF_REFRESH_TOKEN       # refresh_token; or refresh_token_file
///   ca_file: certs/dev-ca.pem                 # optional extra CA (PEM) trusted besides the system roots
///   rest_max_rows: 20000                      # extracts of more rows use Bulk API 2.0
///   bulk_page_records: 50000                  # rows per Bulk result page
///   bulk_timeout_minutes: 60                  # give up on a Bulk query job after this long
///   limit_share: 0.8                          # slow down above this share of the daily API allowance
///   timeout_seconds: 120                      # per request (and per stalled read)
///   retry: {max_attempts: 5, base_delay_ms: 500, max_delay_seconds: 30}
/// ```
///
/// Secrets are never written here: `*_env` names an environment variable and `*_file` a file, both read
/// when the client is created.
public enum SalesforceConfigLoader {
    static let keys = ["login_url", "api_version", "auth", "client_id", "username", "private_key_file", "jwt_audience",
                       "client_secret_env", "client_secret_file", "refresh_token_env", "refresh_token_file", "ca_file",
                       "rest_max_rows", "bulk_page_records", "bulk_timeout_minutes", "limit_share", "retry", "timeout_seconds"]

    public static func load(from url: URL) throws -> SalesforceConfig {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw InputError(source: url.path, problem: "the file cannot be read as UTF-8 text", fix: "check the path passed to --config")
        }
        return try parse(text, source: url.lastPathComponent)
    }

    public static func parse(_ text: String, source: String = "leadscore.yaml") throws -> SalesforceConfig {
        let root = try YAMLNodeReader.compose(text, source: source)
        guard let root, case let .mapping(top) = root, let node = top["salesforce"] else {
            throw InputError(source: source, field: "salesforce", problem: "there is no salesforce: section",
                             fix: "add one with at least login_url, auth and client_id (see docs for an example)")
        }
        let reader = YAMLNodeReader(source: source)
        var config = SalesforceConfig()
        config.source = source
        if let section = reader.mapping(node, "salesforce", allowed: keys) {
            read(section, into: &config, reader: reader)
            check(section, node: node, config: config, reader: reader)
        }
        if !reader.errors.isEmpty { throw InputErrors(reader.errors) }
        return config
    }

    private static func read(_ section: [String: Node], into config: inout SalesforceConfig, reader: YAMLNodeReader) {
        let path = "salesforce."
        if let url = reader.string(section["login_url"], path + "login_url") {
            do {
                try URLSafety.check(url, origin: "login_url")
                config.loginURL = url
            } catch {
                reader.fail(section["login_url"], path + "login_url", "'\(url)' cannot be used",
                            fix: "use https://login.salesforce.com, https://test.salesforce.com or https://<domain>.my.salesforce.com "
                                + "(http:// only for a loopback test server)")
            }
        }
        if let text = reader.string(section["api_version"], path + "api_version") {
            do {
                config.apiVersion = try SalesforceAPIVersion(parsing: text, source: reader.source)
            } catch let error as InputError {
                reader.fail(section["api_version"], path + "api_version", error.problem, fix: error.fix)
            } catch {
                reader.fail(section["api_version"], path + "api_version", "'\(text)' is not an API version", fix: "write it as 62.0")
            }
        }
        config.auth = reader.enumeration(section["auth"], path + "auth", as: SalesforceConfig.AuthMethod.self) ?? config.auth
        config.clientId = reader.string(section["client_id"], path + "client_id", required: true) ?? ""
        config.username = reader.string(section["username"], path + "username")
        config.privateKeyFile = reader.string(section["private_key_file"], path + "private_key_file")
        config.jwtAudience = reader.string(section["jwt_audience"], path + "jwt_audience")
        config.clientSecret = secret(section, base: "client_secret", reader: reader)
        config.refreshToken = secret(section, base: "refresh_token", reader: reader)
        config.caFile = reader.string(section["ca_file"], path + "ca_file")
        config.restMaxRows = reader.int(section["rest_max_rows"], path + "rest_max_rows", range: 0...100_000_000) ?? config.restMaxRows
        config.bulkPageRecords = reader.int(section["bulk_page_records"], path + "bulk_page_records", range: 1...1_000_000)
            ?? config.bulkPageRecords
        config.bulkTimeoutMinutes = reader.int(section["bulk_timeout_minutes"], path + "bulk_timeout_minutes", range: 1...1_440)
            ?? config.bulkTimeoutMinutes
        config.limitShare = reader.double(section["limit_share"], path + "limit_share", range: 0.05...1) ?? config.limitShare
        config.timeoutSeconds = reader.double(section["timeout_seconds"], path + "timeout_seconds", range: 1...3_600)
            ?? config.timeoutSeconds
        if let retry = reader.mapping(section["retry"], path + "retry", allowed: ["max_attempts", "base_delay_ms", "max_delay_seconds"]) {
            let retryPath = path + "retry."
            if let attempts = reader.int(retry["max_attempts"], retryPath + "max_attempts", range: 1...20) {
                config.retry.maxAttempts = attempts
            }
            if let base = reader.int(retry["base_delay_ms"], retryPath + "base_delay_ms", range: 1...60_000) {
                config.retry.baseDelay = .milliseconds(base)
            }
            if let ceiling = reader.double(retry["max_delay_seconds"], retryPath + "max_delay_seconds", range: 0.01...600) {
                config.retry.maxDelay = .milliseconds(Int64(ceiling * 1_000))
            }
            if config.retry.maxDelay < config.retry.baseDelay {
                reader.fail(retry["max_delay_seconds"] ?? section["retry"], retryPath + "max_delay_seconds",
                            "is shorter than base_delay_ms", fix: "make max_delay_seconds at least base_delay_ms / 1000")
            }
        }
    }

    /// `<base>_env` or `<base>_file`, never both.
    private static func secret(_ section: [String: Node], base: String, reader: YAMLNodeReader) -> SecretLocation? {
        let envKey = "salesforce.\(base)_env", fileKey = "salesforce.\(base)_file"
        let name = reader.string(section["\(base)_env"], envKey)
        let path = reader.string(section["\(base)_file"], fileKey)
        switch (name, path) {
        case let (name?, nil): return .environment(name)
        case let (nil, path?): return .file(path)
        case (_?, _?):
            reader.fail(section["\(base)_file"], fileKey, "is set together with \(base)_env",
                        fix: "keep one of \(base)_env and \(base)_file")
            return nil
        case (nil, nil): return nil
        }
    }

    /// Settings each flow needs, reported on the `auth:` line (or the section's) when missing.
    private static func check(_ section: [String: Node], node: Node, config: SalesforceConfig, reader: YAMLNodeReader) {
        let anchor = section["auth"] ?? node
        let flow = config.auth.rawValue
        switch config.auth {
        case .jwtBearer:
            if config.username == nil {
                reader.fail(anchor, "salesforce.username", "is required for auth: \(flow)",
                            fix: "add username: the integration user's Salesforce username")
            }
            if config.privateKeyFile == nil {
                reader.fail(anchor, "salesforce.private_key_file", "is required for auth: \(flow)",
                            fix: "add private_key_file: the PEM key whose certificate is uploaded to the connected app")
            }
        case .clientCredentials:
            if config.clientSecret == nil {
                reader.fail(anchor, "salesforce.client_secret_env", "is required for auth: \(flow)",
                            fix: "add client_secret_env (a variable name) or client_secret_file (a path)")
            }
            let host = URL(string: config.loginURL)?.host?.lowercased() ?? ""
            if host == "login.salesforce.com" || host == "test.salesforce.com" {
                reader.fail(section["login_url"] ?? anchor, "salesforce.login_url", "client_credentials does not work on \(host)",
                            fix: "use the org's My Domain URL, e.g. https://acme.my.salesforce.com (Setup → My Domain)")
            }
        case .refreshToken:
            if config.refreshToken == nil {
                reader.fail(anchor, "salesforce.refresh_token_env", "is required for auth: \(flow)",
                            fix: "add refresh_token_env (a variable name) or refresh_token_file (a path)")
            }
        }
    }
}
