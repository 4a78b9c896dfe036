import Crypto
import Foundation
import Hummingbird
import Logging

/// `POST /services/oauth2/token`: the connected app's token endpoint, for three OAuth 2.0 flows
/// Salesforce documents for server-to-server integrations:
///
/// - `client_credentials` — client id and secret in the form body or as HTTP Basic;
/// - `urn:ietf:params:oauth:grant-type:jwt-bearer` — an RS256 assertion (see ``JWTBearerVerifier``);
/// - `refresh_token` — the org's refresh token with the client id (and the secret when sent).
///
/// A success answers `{access_token, instance_url, id, token_type: "Bearer", issued_at, signature, scope}`
/// where `signature` is the Base64 HMAC-SHA256 of `id` + `issued_at` keyed with the client secret, as
/// the OAuth flow documentation defines it. Tokens and secrets are never logged.
struct TokenRoutes: Sendable {
    let app: ConnectedApp
    let sessions: SessionStore
    let verifier: JWTBearerVerifier
    let origin: ServerOrigin
    let logger: Logger

    static let jwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    func add(to router: some RouterMethods<DevRequestContext>) {
        router.post("token") { request, _ in try await token(request) }
    }

    private func token(_ request: Request) async throws -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: 65_536)
        } catch {
            throw OAuthError(error: "invalid_request", description: "the request body is larger than 64 KB")
        }
        let form = Self.form(String(buffer: body))
        let now = Date()
        switch form["grant_type"] {
        case "client_credentials":
            var clientId = form["client_id"], clientSecret = form["client_secret"]
            if let basic = Self.basic(request) { (clientId, clientSecret) = basic }
            guard clientId == app.clientId, let clientSecret, Self.constantTimeEqual(clientSecret, app.clientSecret) else {
                throw OAuthError.invalidClient
            }
        case Self.jwtBearerGrant:
            guard let assertion = form["assertion"], !assertion.isEmpty else {
                throw OAuthError(error: "invalid_request", description: "assertion is required")
            }
            if let failure = await verifier.check(assertion, audiences: await origin.audiences, now: now) { throw failure }
        case "refresh_token":
            var clientId = form["client_id"], clientSecret = form["client_secret"]
            if let basic = Self.basic(request) { (clientId, clientSecret) = basic }
            guard clientId == app.clientId else {
                throw OAuthError(error: "invalid_client_id", description: "client identifier invalid")
            }
            if let clientSecret, !Self.constantTimeEqual(clientSecret, app.clientSecret) { throw OAuthError.invalidClient }
            guard let refreshToken = form["refresh_token"], Self.constantTimeEqual(refreshToken, app.refreshToken) else {
                throw OAuthError(error: "invalid_grant", description: "expired access/refresh token")
            }
        default:
            throw OAuthError.unsupportedGrant
        }
        let instance = await origin.url ?? "https://127.0.0.1"
        let accessToken = await sessions.issue(now: now)
        let identity = "\(instance)/id/\(app.organizationId)/\(app.userId)"
        let issuedAt = String(Int64(now.timeIntervalSince1970 * 1_000))
        let signature = HMAC<SHA256>.authenticationCode(for: Data((identity + issuedAt).utf8),
                                                        using: SymmetricKey(data: Data(app.clientSecret.utf8)))
        logger.info("access token issued", metadata: ["grant_type": "\(form["grant_type"] ?? "")"])
        return Response.json(.object([
            ("access_token", .string(accessToken)),
            ("instance_url", .string(instance)),
            ("id", .string(identity)),
            ("token_type", .string("Bearer")),
            ("issued_at", .string(issuedAt)),
            ("signature", .string(Data(signature).base64EncodedString())),
            ("scope", .string("api")),
        ]), headers: [.cacheControl: "no-store"])
    }

    /// `application/x-www-form-urlencoded` pairs (`+` is a space).
    static func form(_ text: String) -> [String: String] {
        var pairs: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if parts.count == 2 { pairs[parts[0]] = parts[1] }
        }
        return pairs
    }

    /// The client id and secret of an `Authorization: Basic` header.
    static func basic(_ request: Request) -> (String, String)? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
              let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// Compares secrets without an early exit, so timing does not reveal how much of a guess matched.
    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
