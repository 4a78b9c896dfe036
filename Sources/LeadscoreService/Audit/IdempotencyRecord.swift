import Foundation

/// The response given to an idempotent request, replayed byte for byte when the same key comes back;
/// or, with status 0, a claim: the request is being answered (see `IdempotencyGate`).
public struct IdempotencyRecord: Sendable, Codable, Equatable {
    public var client: String
    /// The `Idempotency-Key` header, or `auto:<lead id>:<input hash>:<model version>` without one.
    public var key: String
    /// SHA-256 of the endpoint and request body: the same key with another body or on another endpoint is
    /// refused. Empty for an automatic key.
    public var requestHash: String
    public var status: Int
    public var body: Data
    public var createdAt: Date

    public init(client: String, key: String, requestHash: String, status: Int, body: Data, createdAt: Date) {
        self.client = client
        self.key = key
        self.requestHash = requestHash
        self.status = status
        self.body = body
        self.createdAt = createdAt
    }

    /// A claim on `key` taken at `at`, completed by the record of the answer.
    public static func pending(client: String, key: String, requestHash: String, at: Date) -> IdempotencyRecord {
        IdempotencyRecord(client: client, key: key, requestHash: requestHash, status: 0, body: Data(), createdAt: at)
    }

    /// A claim whose answer is not stored yet.
    public var isPending: Bool { status == 0 }
}
