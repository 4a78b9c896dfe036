import Foundation

/// An asynchronous batch: leads uploaded as CSV or JSON lines, scored in the background, results
/// kept as JSON lines (one result or error per input lead, in input order).
public struct JobRecord: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case queued, running, succeeded, failed
    }

    public var id: String
    public var client: String
    public var status: Status
    public var createdAt: Date
    public var finishedAt: Date?
    public var total: Int
    public var scored: Int
    public var rejected: Int
    /// Why the job failed as a whole.
    public var failure: String?
    /// JSON lines, present once the job succeeded.
    public var results: Data?

    public init(id: String, client: String, status: Status, createdAt: Date, finishedAt: Date? = nil, total: Int,
                scored: Int = 0, rejected: Int = 0, failure: String? = nil, results: Data? = nil) {
        self.id = id
        self.client = client
        self.status = status
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.total = total
        self.scored = scored
        self.rejected = rejected
        self.failure = failure
        self.results = results
    }
}
