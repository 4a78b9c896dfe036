import Foundation
import JWTKit
import LeadscoreData

/// Signs the assertion of the OAuth 2.0 JWT bearer flow: an RS256 JWT whose claims are
/// `iss` = the connected app's consumer key, `sub` = the username, `aud` = the authorisation server
/// (`https://login.salesforce.com`, `https://test.salesforce.com` or a site URL) and `exp` = a few minutes
/// ahead (Salesforce accepts at most 3 minutes after issue, so the assertion uses 2 minutes 30 seconds,
/// leaving room for a clock that runs slightly fast).
///
/// The key is read once from a PEM file, PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`),
/// as `openssl req -newkey rsa:2048 -nodes` or `openssl genrsa` write it.
public struct JWTBearerAssertion: Sendable {
    /// How far ahead `exp` lies.
    public static let lifetime: TimeInterval = 150

    public let issuer: String
    public let subject: String
    public let audience: String
    private let key: Insecure.RSA.PrivateKey

    /// - Parameters:
    ///   - privateKeyPEM: the PEM text of the key.
    ///   - keySource: where the key came from (a file path), for errors; the key itself is never shown.
    public init(issuer: String, subject: String, audience: String, privateKeyPEM: String, keySource: String) throws {
        let key: Insecure.RSA.PrivateKey
        do {
            key = try Insecure.RSA.PrivateKey(pem: privateKeyPEM)
        } catch {
            throw InputError(source: keySource, field: "salesforce.private_key_file",
                             problem: "this is not an unencrypted RSA private key of 2048 bits or more in PEM form",
                             fix: "point private_key_file at the PEM key whose certificate is uploaded to the connected app "
                                 + "(BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY, unencrypted, 2048 bits or more)")
        }
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.key = key
    }

    /// Reads the key file named in the config.
    public init(config: SalesforceConfig) throws {
        guard let path = config.privateKeyFile, let username = config.username else {
            throw InputError(source: config.source, field: "salesforce.private_key_file",
                             problem: "jwt_bearer needs private_key_file and username", fix: "add both under salesforce:")
        }
        guard let pem = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError(source: config.source, field: "salesforce.private_key_file", problem: "the file \(path) cannot be read",
                             fix: "check the path and that this user may read it (chmod 600)")
        }
        try self.init(issuer: config.clientId, subject: username, audience: config.effectiveJWTAudience,
                            privateKeyPEM: pem, keySource: path)
    }

    /// A fresh signed assertion, valid from `now` for ``lifetime``.
    public func signed(now: Date = Date()) async throws -> String {
        let claims = Claims(
            iss: IssuerClaim(value: issuer),
            sub: SubjectClaim(value: subject),
            aud: AudienceClaim(value: [audience]),
            exp: ExpirationClaim(value: now.addingTimeInterval(Self.lifetime))
        )
        let keys = await JWTKeyCollection().add(rsa: key, digestAlgorithm: .sha256)
        return try await keys.sign(claims)
    }

    /// The claims Salesforce reads; nothing else is sent.
    struct Claims: JWTPayload {
        let iss: IssuerClaim
        let sub: SubjectClaim
        let aud: AudienceClaim
        let exp: ExpirationClaim

        func verify(using algorithm: some JWTAlgorithm) async throws {
            try exp.verifyNotExpired()
        }
    }
}
