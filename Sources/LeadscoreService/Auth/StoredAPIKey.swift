import Foundation

/// An API key as stored: only a SHA-256 of its secret, never the secret.
public struct StoredAPIKey: Sendable, Codable, Equatable {
    /// The public part of the key (`lsk_<id>_…`); also the OAuth client id.
    public var id: String
    /// The calling system, e.g. `salesforce-flow`; rate limits and audit rows are per client.
    public var client: String
    public var secretSHA256: Data
    public var scopes: Set<Scope>
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: String, client: String, secretSHA256: Data, scopes: Set<Scope>, createdAt: Date,
                revokedAt: Date? = nil) {
        self.id = id
        self.client = client
        self.secretSHA256 = secretSHA256
        self.scopes = scopes
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// What a key or token may do.
public enum Scope: String, Sendable, Codable, CaseIterable, Comparable {
    /// Score leads, run batch jobs.
    case score
    /// Read the registry and audit log through the API.
    case admin

    public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }
}
