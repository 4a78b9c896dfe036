/// One plain-language reason behind a score, with its signed effect.
public struct Reason: Sendable, Codable, Equatable {
    /// Stable code for reports and Flow decisions, e.g. `PRICING_PAGE_VISITS_UP`, `EMAIL_DOMAIN_CLASS_DOWN`.
    public var code: String
    /// e.g. "Visited the pricing page 3 times", "Industry: Healthcare".
    public var text: String
    /// The field's contribution: log-odds for models, points for the rules baseline; > 0 raises the score.
    public var impact: Double
    /// The snapshot column the reason is about.
    public var field: String
}
