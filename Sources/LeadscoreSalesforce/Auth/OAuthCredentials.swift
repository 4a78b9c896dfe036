import Foundation
import LeadscoreData

/// The secret material of one OAuth flow, read from the environment, files and the key file when the
/// client is created, so a missing secret is reported before any network traffic.
///
/// Its description names the flow and never a value.
enum OAuthCredentials: Sendable, CustomStringConvertible {
    case jwtBearer(JWTBearerAssertion)
    case clientCredentials(clientId: String, secret: String)
    case refreshToken(clientId: String, token: String, secret: String?)

    init(config: SalesforceConfig, environment: [String: String]) throws {
        let source = config.source
        guard !config.clientId.isEmpty else {
            throw InputError(source: source, field: "salesforce.client_id", problem: "is required",
                             fix: "copy the connected app's Consumer Key (Setup → App Manager → View) into client_id")
        }
        switch config.auth {
        case .jwtBearer:
            self = .jwtBearer(try JWTBearerAssertion(config: config))
        case .clientCredentials:
            guard let location = config.clientSecret else {
                throw InputError(source: source, field: "salesforce.client_secret_env",
                                 problem: "client_credentials needs the consumer secret",
                                 fix: "set client_secret_env (a variable name) or client_secret_file (a path)")
            }
            let secret = try location.read(key: Self.key(for: location, base: "client_secret"), source: source,
                                           environment: environment)
            self = .clientCredentials(clientId: config.clientId, secret: secret)
        case .refreshToken:
            guard let location = config.refreshToken else {
                throw InputError(source: source, field: "salesforce.refresh_token_env",
                                 problem: "refresh_token needs a refresh token",
                                 fix: "set refresh_token_env (a variable name) or refresh_token_file (a path)")
            }
            let token = try location.read(key: Self.key(for: location, base: "refresh_token"), source: source,
                                          environment: environment)
            let secret = try config.clientSecret.map {
                try $0.read(key: Self.key(for: $0, base: "client_secret"), source: source, environment: environment)
            }
            self = .refreshToken(clientId: config.clientId, token: token, secret: secret)
        }
    }

    /// `salesforce.client_secret_env` or `salesforce.client_secret_file`, whichever named the place.
    private static func key(for location: SecretLocation, base: String) -> String {
        switch location {
        case .environment: return "salesforce.\(base)_env"
        case .file: return "salesforce.\(base)_file"
        }
    }

    var method: SalesforceConfig.AuthMethod {
        switch self {
        case .jwtBearer: return .jwtBearer
        case .clientCredentials: return .clientCredentials
        case .refreshToken: return .refreshToken
        }
    }

    /// The token request's form fields (a JWT assertion is signed afresh each time).
    func formFields() async throws -> [(name: String, value: String)] {
        switch self {
        case let .jwtBearer(assertion):
            return [("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", try await assertion.signed())]
        case let .clientCredentials(clientId, secret):
            return [("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret)]
        case let .refreshToken(clientId, token, secret):
            var fields: [(name: String, value: String)] = [("grant_type", "refresh_token"), ("client_id", clientId)]
            if let secret { fields.append(("client_secret", secret)) }
            fields.append(("refresh_token", token))
            return fields
        }
    }

    var description: String { "OAuthCredentials(\(method.rawValue), secrets redacted)" }
}
