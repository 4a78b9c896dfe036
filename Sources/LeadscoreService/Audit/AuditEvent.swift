import Foundation

/// One scoring decision (or refusal) in the audit log. Holds no raw personal data: the lead's
/// inputs appear only as a hash of the validated, PII-free record.
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

    public init(requestId: String, at: Date, client: String, leadId: String?, inputHash: String?,
                modelVersion: String?, shadowVersion: String? = nil, shadowScore: Int? = nil, score: Int?,
                tier: String?, reasonCodes: [String], latencyMicroseconds: Int, outcome: Outcome,
                detail: String? = nil) {
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
    }
}
