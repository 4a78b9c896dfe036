import Foundation

/// How to connect to a running dev server: what `--info FILE` holds, so scripts and tests can log in
/// with any of the three OAuth flows and trust the server's CA.
///
/// ```json
/// {"instanceUrl": "https://127.0.0.1:8443", "loginUrl": "https://127.0.0.1:8443",
///  "tokenUrl": "https://127.0.0.1:8443/services/oauth2/token", "clientId": "3MVG9…", "clientSecret": "…",
///  "username": "integration@leadscore.dev", "jwtKeyFile": "/…/.dev-salesforce/jwt-private-key.pem",
///  "refreshToken": "5Aep861…", "caFile": "/…/.dev-salesforce/ca.pem", "apiVersion": "62.0"}
/// ```
public struct DevSalesforceInfo: Sendable, Codable, Equatable, CustomStringConvertible {
    public var instanceUrl: String
    public var loginUrl: String
    public var tokenUrl: String
    public var clientId: String
    public var clientSecret: String
    public var username: String
    public var jwtKeyFile: String
    public var refreshToken: String
    public var caFile: String
    public var apiVersion: String

    /// The bound port (from `instanceUrl`).
    public var port: Int {
        Int(instanceUrl.split(separator: ":").last ?? "") ?? 0
    }

    /// Redacted: the secrets never reach a log line by accident.
    public var description: String {
        "DevSalesforceInfo(instanceUrl: \(instanceUrl), username: \(username), caFile: \(caFile), secrets redacted)"
    }

    /// Writes the info file with mode 0600.
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try SecretFile.write(try encoder.encode(self), to: url)
    }
}
