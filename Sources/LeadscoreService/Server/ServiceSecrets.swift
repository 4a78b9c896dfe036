import Foundation

/// Secrets come only from the environment or files, never from the config text or the command line.
public enum ServiceSecrets {
    /// The token signing secret: the file named in the config, else LEADSCORE_TOKEN_SECRET, else a
    /// random secret for this process (tokens then work only on the server that issued them).
    public static func tokenSecret(config: ServiceConfig, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> (secret: String, generated: Bool) {
        if let path = config.tokenSecretFile {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                  !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ServiceSecretsError("service.auth.token_secret_file \(path) cannot be read or is empty; write a random secret of 32+ characters to it")
            }
            return try checked(text.trimmingCharacters(in: .whitespacesAndNewlines), source: "the token secret file")
        }
        if let secret = environment["LEADSCORE_TOKEN_SECRET"], !secret.isEmpty {
            return try checked(secret, source: "LEADSCORE_TOKEN_SECRET")
        }
        return (APIKeyMaker.randomBase64URL(bytes: 32), true)
    }

    private static func checked(_ secret: String, source: String) throws -> (secret: String, generated: Bool) {
        guard secret.count >= 32 else {
            throw ServiceSecretsError("\(source) is shorter than 32 characters; use e.g. `openssl rand -base64 32`")
        }
        return (secret, false)
    }
}

/// A secret that is missing or too weak, with what to do.
public struct ServiceSecretsError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
