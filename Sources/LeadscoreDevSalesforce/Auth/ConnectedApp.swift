import _CryptoExtras
import Foundation
import LeadscoreData

/// The org's connected app and integration user: the demo credentials clients authenticate with.
///
/// Generated once per org into `.dev-salesforce/` and reused, like a connected app an admin set up
/// once: a consumer key and secret, the integration user's username, a refresh token, and an RSA-2048
/// key pair for the JWT bearer flow (the private key in `jwt-private-key.pem`, mode 0600, as the
/// client's `private_key_file`; the public half stands for the certificate uploaded to the app).
/// The description is redacted, so a stray log line cannot leak a secret.
public struct ConnectedApp: Sendable, Codable, CustomStringConvertible {
    public var clientId: String
    public var clientSecret: String
    public var username: String
    public var refreshToken: String
    public var organizationId: String
    public var userId: String
    /// The public key that verifies JWT bearer assertions (PEM).
    public var jwtPublicKey: String

    public var description: String { "ConnectedApp(clientId: \(clientId), username: \(username), secrets redacted)" }

    /// Loads the org's connected app, generating it (and the JWT key pair) on first use.
    public static func loadOrCreate(in directory: OrgDirectory) throws -> ConnectedApp {
        let file = directory.credentials
        if FileManager.default.fileExists(atPath: file.path) {
            do {
                let app = try JSONDecoder().decode(ConnectedApp.self, from: Data(contentsOf: file))
                if FileManager.default.fileExists(atPath: directory.jwtPrivateKey.path) { return app }
            } catch {
                throw InputError(source: file.path, problem: "cannot be read as the dev org's connected app (\(error))",
                                 fix: "delete it to generate new demo credentials")
            }
        }
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let organizationId = RandomText.salesforceId(prefix: "00D")
        let app = ConnectedApp(
            clientId: "3MVG9" + RandomText.make(count: 80), clientSecret: RandomText.make(count: 64, alphabet: RandomText.hexDigits),
            username: "integration@leadscore.dev", refreshToken: "5Aep861" + RandomText.make(count: 80),
            organizationId: organizationId, userId: RandomText.salesforceId(prefix: "005"), jwtPublicKey: key.publicKey.pemRepresentation)
        try SecretFile.write(key.pkcs8PEMRepresentation, to: directory.jwtPrivateKey)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try SecretFile.write(try encoder.encode(app), to: file)
        return app
    }
}
