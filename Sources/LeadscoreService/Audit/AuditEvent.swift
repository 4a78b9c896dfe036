import Foundation

/// One scoring decision (or refusal) in the audit log. Holds no raw personal data: the lead's
/// inputs appear only as a hash of the validated, PII-free record and as monitoring bins.
public struct AuditEvent: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        case scored, rejected
    }

    public var requestId: String
    public var at: Date
    public var client: String
    public var leadId: String?
    public var inputHash: String?
    public var modelVersion: String?
    public var shadowVersion: String?
    public var shadowScore: Int?
    public var score: Int?
    public var tier: String?
    /// Reason codes, in order.
    public var reasonCodes: [String]
    public var latencyMicroseconds: Int
    public var outcome: Outcome
    /// For refusals: the error code and the fields at fault.
    public var detail: String?
    /// The scored inputs as monitoring bins of the model's baseline (``InputProfile``): which decile or
    /// category each monitored field fell in, never a value. `nil` for refusals and older rows.
    public var inputProfile: String?

    public init(requestId: String, at: Date, client: String, leadId: String?, inputHash: String?,
                modelVersion: String?, shadowVersion: String? = nil, shadowScore: Int? = nil, score: Int?,
                tier: String?, reasonCodes: [String], latencyMicroseconds: Int, outcome: Outcome,
                detail: String? = nil, inputProfile: String? = nil) {
        self.requestId = requestId
        self.at = at
        self.client = client
        self.leadId = leadId
        self.inputHash = inputHash
        self.modelVersion = modelVersion
        self.shadowVersion = shadowVersion
        self.shadowScore = shadowScore
        self.score = score
        self.tier = tier
        self.reasonCodes = reasonCodes
        self.latencyMicroseconds = latencyMicroseconds
        self.outcome = outcome
        self.detail = detail
        self.inputProfile = inputProfile
    }
}

/// An audit event with its row id: the cursor `monitor` pages through the log with.
public struct StoredAuditEvent: Sendable, Equatable {
    public var id: Int64
    public var event: AuditEvent

    public init(id: Int64, event: AuditEvent) {
        self.id = id
        self.event = event
    }
}
