import Crypto
import Foundation

/// The secret salt for hashing personal data in snapshots. Read from the environment or a file,
/// never from the contract or a flag value, and never written anywhere: manifests carry only a
/// fingerprint, so two snapshots can be checked for comparable hashes.
public struct PIISalt: Sendable {
    /// The HMAC keyed once: each hash copies it (value semantics) instead of keying HMAC again.
    private let keyed: HMAC<SHA256>

    public init(secret: String) throws {
        guard secret.utf8.count >= 16 else {
            throw InputError(source: "PII salt", problem: "the salt is shorter than 16 characters",
                             fix: "use a long random value, e.g. `openssl rand -hex 32`")
        }
        keyed = HMAC<SHA256>(key: SymmetricKey(data: Array(secret.utf8)))
    }

    /// `LEADSCORE_PII_SALT`, else the file named by `LEADSCORE_PII_SALT_FILE` or `file`; `nil` if none is set.
    public static func fromEnvironment(file: String? = nil,
                                       environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PIISalt? {
        if let secret = environment["LEADSCORE_PII_SALT"], !secret.isEmpty { return try PIISalt(secret: secret) }
        guard let path = file ?? environment["LEADSCORE_PII_SALT_FILE"] else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError(source: path, problem: "the PII salt file cannot be read",
                             fix: "check the path, or set LEADSCORE_PII_SALT")
        }
        return try PIISalt(secret: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// HMAC-SHA256 of the normalised value (trimmed, lower-cased), 32 hex characters.
    public func hash(_ value: String) -> String {
        let normalised = FieldParser.trimmed(value).lowercased()
        var hmac = keyed
        hmac.update(data: Array(normalised.utf8))
        return String(Checksum.hex(hmac.finalize()).prefix(32))
    }

    /// Identifies the salt without revealing it.
    public var fingerprint: String {
        String(hash("leadscore-salt-fingerprint").prefix(12))
    }
}
