import Foundation
import JWTKit

/// Checks a JWT bearer assertion (RFC 7523) as Salesforce's token endpoint does for the OAuth 2.0
/// JWT bearer flow: an RS256 signature by the connected app's key, `iss` = the consumer key,
/// `aud` = the authorization server, `sub` = the username, and an `exp` that has not passed and is
/// at most a few minutes ahead.
///
/// Failures carry the `error`/`error_description` pairs Salesforce answers: "invalid assertion",
/// "audience is invalid", "user hasn't approved this consumer", "expired authorization code" (the
/// last for an expired assertion), and `invalid_client_id`/"client identifier invalid" for an unknown
/// issuer.
struct JWTBearerVerifier: Sendable {
    let app: ConnectedApp
    private let publicKey: Insecure.RSA.PublicKey

    /// How far ahead `exp` may be: the documented three minutes, plus two for clock skew.
    static let maximumLifetime: TimeInterval = 300

    init(app: ConnectedApp) throws {
        self.app = app
        publicKey = try Insecure.RSA.PublicKey(pem: app.jwtPublicKey)
    }

    struct Claims: JWTPayload {
        var iss: String?
        var sub: String?
        var aud: AudienceClaim?
        var exp: ExpirationClaim?

        /// Claims are checked by ``JWTBearerVerifier`` so that each failure gets its own description.
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// `nil` when the assertion is good, else the OAuth error to answer.
    func check(_ assertion: String, audiences: [String], now: Date) async -> OAuthError? {
        let keys = JWTKeyCollection()
        await keys.add(rsa: publicKey, digestAlgorithm: .sha256)
        let claims: Claims
        do {
            claims = try await keys.unverified(assertion, as: Claims.self)
        } catch {
            return OAuthError(error: "invalid_grant", description: "invalid assertion")
        }
        guard claims.iss == app.clientId else {
            return OAuthError(error: "invalid_client_id", description: "client identifier invalid")
        }
        do {
            _ = try await keys.verify(assertion, as: Claims.self)
        } catch {
            return OAuthError(error: "invalid_grant", description: "invalid assertion")
        }
        let accepted = Set(audiences.map(Self.normalized))
        guard let audience = claims.aud?.value, audience.contains(where: { accepted.contains(Self.normalized($0)) }) else {
            return OAuthError(error: "invalid_grant", description: "audience is invalid")
        }
        guard claims.sub == app.username else {
            return OAuthError(error: "invalid_grant", description: "user hasn't approved this consumer")
        }
        guard let expiry = claims.exp?.value, expiry > now else {
            return OAuthError(error: "invalid_grant", description: "expired authorization code")
        }
        guard expiry.timeIntervalSince(now) <= Self.maximumLifetime else {
            return OAuthError(error: "invalid_grant", description: "invalid assertion")
        }
        return nil
    }

    private static func normalized(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()).lowercased() : url.lowercased()
    }
}
