/// One scored lead: what the API returns and batch scoring writes back to Salesforce.
public struct LeadScore: Sendable, Codable, Equatable {
    public var leadId: String?
    /// round(100 × probability), 0–100.
    public var score: Int
    /// Calibrated probability of converting within the label window.
    public var probability: Double
    public var tier: String
    public var tierLabel: String
    public var route: String
    /// True when an override chose the route instead of the model's tier.
    public var overridden: Bool
    public var confidence: ConfidenceAssessor.Level
    /// A top-tier lead with Low confidence: a person should look before acting on it.
    public var reviewNeeded: Bool
    public var reasons: [Reason]
    /// The reasons in one line of at most 255 characters.
    public var reasonText: String
    public var modelVersion: String
    public var warnings: [String]
}
