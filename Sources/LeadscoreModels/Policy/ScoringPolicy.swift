import LeadscoreData

/// What happens to a calibrated probability: its tier, route, overrides and confidence rules.
/// Fixed at training time and stored in the bundle as `policy.json`.
public struct ScoringPolicy: Sendable, Codable, Equatable {
    /// Best tier first; the last tier's `minProbability` is 0.
    public var tiers: [TierThreshold]
    public var overrides: [RouteOverride]
    public var explanations: ExplanationSettings
    public var confidence: ConfidenceReference
    /// `prior_correction: recent`: the logit offset added after calibration to move probabilities to the
    /// most recent base rate (``BaseRateShift``). Absent (nil) in bundles without it.
    public var priorShift: Double? = nil

    /// A calibrated probability with the prior correction, if any.
    public func adjusted(_ probability: Double) -> Double {
        priorShift.map { BaseRateShift.shifted(probability, by: $0) } ?? probability
    }

    public func tier(for probability: Double) -> TierThreshold {
        tiers.first { probability >= $0.minProbability } ?? tiers[tiers.count - 1]
    }

    /// The first override whose condition holds for the lead.
    public func override(value: (String) -> FieldValue) -> RouteOverride? {
        overrides.first { $0.condition.matches(value($0.condition.field)) }
    }
}

public struct TierThreshold: Sendable, Codable, Equatable {
    public var name: String
    public var label: String
    public var minProbability: Double
    public var route: String
}

/// What the training data looked like, so a scored lead can be judged against it.
public struct ConfidenceReference: Sendable, Codable, Equatable {
    /// Snapshot column → share of the model's total importance; drives the weighted completeness.
    public var fieldWeights: [String: Double]
    /// Categorical column → every value seen in training (capped), to spot unseen values.
    public var knownValues: [String: [String]]
    /// A probability this close to a tier threshold (absolute) counts as borderline.
    public var borderlineDistance: Double
}
