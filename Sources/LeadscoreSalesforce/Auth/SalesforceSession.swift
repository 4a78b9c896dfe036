import Foundation

/// An access token and the instance it is valid for, from the token endpoint's answer.
///
/// The token is a bearer secret: ``description`` and ``debugDescription`` redact it, so a session that
/// ends up in a log line or an error message shows only its instance and the token's length.
public struct SalesforceSession: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    let accessToken: String
    /// e.g. `https://acme.my.salesforce.com`, without a trailing slash.
    public let instanceURL: String
    /// The identity URL (`https://login.salesforce.com/id/00D…/005…`), naming the org and the user.
    public let identityURL: String?

    init(accessToken: String, instanceURL: String, identityURL: String?) {
        self.accessToken = accessToken
        self.instanceURL = instanceURL
        self.identityURL = identityURL
    }

    /// Reads a successful token response: `{"access_token", "instance_url", "id", "token_type", "issued_at", …}`.
    /// The instance URL must be https (or http on loopback): it receives the token with every call.
    init(tokenResponse body: Data) throws {
        let operation = "the token request"
        guard let members = (try? SalesforceValue(json: body))?.objectValue else {
            throw SalesforceClientError.invalidResponse(operation: operation, problem: "the body is not a JSON object")
        }
        guard let token = members["access_token"]?.stringValue, !token.isEmpty else {
            throw SalesforceClientError.invalidResponse(operation: operation, problem: "access_token is missing")
        }
        guard var instance = members["instance_url"]?.stringValue, !instance.isEmpty else {
            throw SalesforceClientError.invalidResponse(operation: operation, problem: "instance_url is missing")
        }
        while instance.hasSuffix("/") { instance.removeLast() }
        try URLSafety.check(instance, origin: "the instance_url returned by the token endpoint")
        if let type = members["token_type"]?.stringValue, type.lowercased() != "bearer" {
            throw SalesforceClientError.invalidResponse(operation: operation, problem: "token_type is \(type), not Bearer")
        }
        self.init(accessToken: token, instanceURL: instance, identityURL: members["id"]?.stringValue)
    }

    /// The `Authorization` header value.
    var authorization: String { "Bearer \(accessToken)" }

    public var description: String {
        "SalesforceSession(instance: \(instanceURL), token: <redacted, \(accessToken.count) characters>)"
    }

    public var debugDescription: String { description }
}
