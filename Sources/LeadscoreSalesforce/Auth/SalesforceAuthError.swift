import Foundation

/// The OAuth token endpoint refused to issue a token: `{"error": "invalid_grant", "error_description": …}`.
///
/// Salesforce's descriptions are terse ("invalid assertion", "user hasn't approved this consumer"), and each
/// points at one setting in the connected app or the config; ``fix`` names it.
public struct SalesforceAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    /// The OAuth `error` code (`invalid_grant`, `invalid_client_id`, …) or `HTTP_<status>` without a JSON body.
    public let error: String
    /// The `error_description`.
    public let detail: String
    public let method: SalesforceConfig.AuthMethod
    public let fix: String

    public init(status: Int, error: String, detail: String, method: SalesforceConfig.AuthMethod) {
        self.status = status
        self.error = error
        self.detail = detail
        self.method = method
        self.fix = Self.fix(error: error, detail: detail, method: method)
    }

    /// Reads a token endpoint error body.
    init(status: Int, body: Data, method: SalesforceConfig.AuthMethod) {
        let parsed = (try? SalesforceValue(json: body))?.objectValue
        let error = parsed?["error"]?.stringValue ?? "HTTP_\(status)"
        let detail = parsed?["error_description"]?.stringValue
            ?? String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        self.init(status: status, error: error, detail: detail, method: method)
    }

    public var description: String {
        "Salesforce refused the \(method.rawValue) login: \(error) (\(detail.isEmpty ? "no description" : detail)). Fix: \(fix)"
    }

    static func fix(error: String, detail: String, method: SalesforceConfig.AuthMethod) -> String {
        let text = detail.lowercased()
        if error == "invalid_client_id" || text.contains("client identifier invalid") {
            return "check the consumer key in salesforce.client_id (Setup → App Manager → your connected app → View → "
                + "Manage Consumer Details); a new connected app can take up to 10 minutes to become usable"
        }
        if error == "invalid_client" || text.contains("invalid client credentials") {
            return "check the consumer secret (salesforce.client_secret_env or client_secret_file) against the connected "
                + "app's Consumer Secret, and that salesforce.client_id belongs to the same app"
        }
        if text.contains("hasn't approved") || text.contains("not admin approved") {
            return "the user has not pre-authorised the connected app: Setup → Connected Apps → Manage → your app → "
                + "Edit Policies → Permitted Users: Admin approved users are pre-authorized, then add the integration "
                + "user's profile or permission set under Profiles / Permission Sets"
        }
        if text.contains("audience") {
            return "the JWT aud claim is wrong: use https://login.salesforce.com for production, https://test.salesforce.com "
                + "for sandboxes (set salesforce.jwt_audience to override)"
        }
        if text.contains("invalid assertion") || text.contains("signature") {
            return "the certificate uploaded to the connected app does not match the private key in "
                + "salesforce.private_key_file: upload the certificate made from that key (Use digital signatures), or "
                + "point private_key_file at the matching key; also check this machine's clock (clock skew)"
        }
        if text.contains("expired") && method == .refreshToken {
            return "the refresh token was revoked or expired: log in again through the browser flow, store the new "
                + "refresh token where salesforce.refresh_token_env/_file points, and check the connected app's refresh token policy"
        }
        if text.contains("expired") || text.contains("not yet valid") || text.contains("clock") {
            return "the JWT looked expired to Salesforce: this machine's clock is probably off (clock skew); sync it with NTP"
        }
        if text.contains("no client credentials user") {
            return "the connected app has no Run As user: Setup → App Manager → your app → Manage → Edit Policies → "
                + "Client Credentials Flow → Run As"
        }
        if error == "unsupported_grant_type" || text.contains("not supported on this domain") {
            return method == .clientCredentials
                ? "enable the client credentials flow in the connected app (Enable Client Credentials Flow) and set "
                    + "salesforce.login_url to the org's My Domain URL (https://<domain>.my.salesforce.com)"
                : "enable the \(method.rawValue) flow in the connected app's OAuth settings"
        }
        if text.contains("inactive") || text.contains("authentication failure") {
            return "check the integration user: salesforce.username must be the exact username (not the email) of an "
                + "active user in this org, and login_url must point at the org (test.salesforce.com for sandboxes)"
        }
        if text.contains("ip restricted") || text.contains("ip address") {
            return "the login came from an IP address outside the allowed ranges: relax IP restrictions in the connected "
                + "app's policies or add this machine's address to the profile's Login IP Ranges"
        }
        if error.hasPrefix("HTTP_") {
            return "the token endpoint did not answer with an OAuth error: check salesforce.login_url "
                + "(https://login.salesforce.com, https://test.salesforce.com or the org's My Domain URL)"
        }
        return "check the connected app's OAuth settings and the salesforce: section of leadscore.yaml"
    }
}
