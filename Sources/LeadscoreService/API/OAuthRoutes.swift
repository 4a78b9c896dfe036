import Foundation
import Hummingbird

/// `POST /oauth/token`: the OAuth 2.0 client-credentials grant (RFC 6749 §4.4), so a Salesforce
/// External Credential can fetch short-lived tokens. The client id is an API key's id and the
/// secret its secret part, in the form body or HTTP Basic; `scope` narrows the token to some of the key's
/// scopes. Errors use RFC 6749's shape.
struct OAuthRoutes {
    let authenticator: Authenticator
    let limiter: TokenBucketLimiter
    let backoff: AuthBackoff

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
        router.post("oauth/token") { request, context in
            let body = try await ScoreRoutes.body(request, limit: 16_384, json: false)
            let form = Self.form(String(decoding: body, as: UTF8.self))
            guard form["grant_type"] == "client_credentials" else {
                return Self.error("unsupported_grant_type", "grant_type must be client_credentials", status: .badRequest)
            }
            var clientId = form["client_id"]
            var clientSecret = form["client_secret"]
            if let basic = Self.basic(request) { (clientId, clientSecret) = basic }
            guard let clientId, let clientSecret else {
                // RFC 6749 §5.2: no client authentication included is invalid_client (401), like a wrong one.
                return Self.error("invalid_client", "send client_id and client_secret in the form body or as HTTP Basic",
                                  status: .unauthorized)
            }
            let subjects = backoff.subjects(context, client: clientId)
            try backoff.admit(subjects)
            if let wait = limiter.take(client: "oauth:\(clientId)") { throw APIError.rateLimited(retryAfter: wait) }
            let requested: Set<Scope>?
            switch Self.scopes(form["scope"]) {
            case let .success(scopes): requested = scopes
            case let .failure(refusal): return Self.error("invalid_scope", refusal.description, status: .badRequest)
            }
            switch await authenticator.issueToken(clientId: clientId, clientSecret: clientSecret, requested: requested) {
            case .invalidClient:
                backoff.failed(subjects, kind: "oauth", context: context)
                return Self.error("invalid_client", "the client id and secret do not match an active key", status: .unauthorized)
            case let .invalidScope(missing):
                return Self.error("invalid_scope", "scope asks for \(Self.text(missing)), which this key does not hold; "
                                  + "ask for a subset of the key's scopes, or leave scope out to get all of them",
                                  status: .badRequest)
            case let .issued(token, scopes):
                backoff.succeeded(subjects)
                return RequestMiddleware.json(TokenResponse(access_token: token, expires_in: Int(authenticator.tokenLifetime),
                                                            scope: Self.text(scopes)),
                                              status: .ok, headers: [.cacheControl: "no-store"])
            }
        }
    }

    /// The `scope` parameter (RFC 6749 §3.3: space-delimited names): nil when absent (the key's scopes);
    /// an empty or unknown name is `invalid_scope`.
    static func scopes(_ parameter: String?) -> Result<Set<Scope>?, ScopeRefusal> {
        guard let parameter else { return .success(nil) }
        let names = parameter.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let unknown = names.filter { Scope(rawValue: $0) == nil }
        guard !names.isEmpty, unknown.isEmpty else {
            let known = Scope.allCases.map(\.rawValue).joined(separator: ", ")
            let problem = names.isEmpty ? "scope is empty" : "unknown scope \(unknown.map { "'\($0.prefix(40))'" }.joined(separator: ", "))"
            return .failure(ScopeRefusal(description: "\(problem); use space-separated names from: \(known)"))
        }
        return .success(Set(names.compactMap(Scope.init(rawValue:))))
    }

    struct ScopeRefusal: Error {
        var description: String
    }

    /// Scopes as the token and RFC 6749 write them: space-separated, sorted.
    private static func text(_ scopes: Set<Scope>) -> String {
        scopes.sorted().map(\.rawValue).joined(separator: " ")
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
