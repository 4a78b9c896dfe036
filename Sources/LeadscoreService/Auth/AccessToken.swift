import Foundation
import JWTKit

/// The claims of a short-lived access token issued by `POST /oauth/token`.
struct AccessToken: JWTPayload {
    static let audience = "leadscore-api"

    var sub: SubjectClaim
    var client: String
    var scope: String
    var aud: AudienceClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        try aud.verifyIntendedAudience(includes: Self.audience)
    }

    var scopes: Set<Scope> {
        Set(scope.split(separator: " ").compactMap { Scope(rawValue: String($0)) })
    }
}
