import Foundation
import Hummingbird

/// `POST /oauth/token`: the OAuth 2.0 client-credentials grant (RFC 6749 §4.4), so a Salesforce
/// External Credential can fetch short-lived tokens. The client id is an API key's id and the
/// secret its secret part, in the form body or HTTP Basic. Errors use RFC 6749's shape.
struct OAuthRoutes {
    let authenticator: Authenticator
    let limiter: TokenBucketLimiter

    struct TokenResponse: Encodable {
        var access_token: String
        var token_type = "Bearer"
        var expires_in: Int
        var scope: String
    }

    struct OAuthError: Encodable {
        var error: String
        var error_description: String
    }

    func add(to router: Router<ServiceContext>) {
        router.post("oauth/token") { request, _ in
            let body = try await ScoreRoutes.body(request, limit: 16_384, json: false)
            let form = Self.form(String(decoding: body, as: UTF8.self))
            guard form["grant_type"] == "client_credentials" else {
                return Self.error("unsupported_grant_type", "grant_type must be client_credentials", status: .badRequest)
            }
            var clientId = form["client_id"]
            var clientSecret = form["client_secret"]
            if let basic = Self.basic(request) { (clientId, clientSecret) = basic }
            guard let clientId, let clientSecret else {
                return Self.error("invalid_request", "send client_id and client_secret in the form body or as HTTP Basic",
                                  status: .badRequest)
            }
            if let wait = limiter.take(client: "oauth:\(clientId)") { throw APIError.rateLimited(retryAfter: wait) }
            guard let issued = await authenticator.issueToken(clientId: clientId, clientSecret: clientSecret) else {
                return Self.error("invalid_client", "the client id and secret do not match an active key", status: .unauthorized)
            }
            return RequestMiddleware.json(TokenResponse(access_token: issued.token, expires_in: Int(authenticator.tokenLifetime),
                                                        scope: issued.scopes.sorted().map(\.rawValue).joined(separator: " ")),
                                          status: .ok, headers: [.cacheControl: "no-store"])
        }
    }

    static func error(_ code: String, _ description: String, status: HTTPResponse.Status) -> Response {
        RequestMiddleware.json(OAuthError(error: code, error_description: description), status: status,
                               headers: [.cacheControl: "no-store"])
    }

    /// `application/x-www-form-urlencoded` pairs.
    static func form(_ text: String) -> [String: String] {
        var pairs: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if parts.count == 2 { pairs[parts[0]] = parts[1] }
        }
        return pairs
    }

    static func basic(_ request: Request) -> (String, String)? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
              let decoded = Data(base64Encoded: String(header.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
              let colon = decoded.firstIndex(of: ":") else { return nil }
        let id = String(decoded[..<colon]).removingPercentEncoding ?? ""
        let secret = String(decoded[decoded.index(after: colon)...]).removingPercentEncoding ?? ""
        return (id, secret)
    }
}
