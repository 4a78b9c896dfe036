/// One figure a gate judged: what the candidate measured, what the champion measured on the same
/// leads (when compared), the limit it had to respect, and a sentence that says all of it.
public struct GateCheck: Sendable, Codable, Equatable {
    /// `rejected_share`, `input_psi:LeadSource`, `pr_auc`, `segment_auc:LeadSource=Web`, `api_schema:Email`…
    public var name: String
    public var passed: Bool
    /// The candidate's figure (or the snapshot's, for data checks); nil when it could not be measured.
    public var value: Double?
    /// The champion's figure on the same leads, or its training baseline's.
    public var reference: Double?
    /// The bound `value` was held to (a maximum for shares, PSI and latency; a minimum for PR AUC, lift and AUC).
    public var limit: Double?
    public var message: String

    public init(name: String, passed: Bool, value: Double? = nil, reference: Double? = nil, limit: Double? = nil,
                message: String) {
        self.name = name
        self.passed = passed
        self.value = value
        self.reference = reference
        self.limit = limit
        self.message = message
    }
}
