import Foundation

/// The response given to an idempotent request, replayed byte for byte when the same key comes back.
public struct IdempotencyRecord: Sendable, Codable, Equatable {
    public var client: String
    /// The `Idempotency-Key` header, or `auto:<lead id>:<input hash>:<model version>` without one.
    public var key: String
    /// SHA-256 of the request body: the same key with another body is refused.
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
}
