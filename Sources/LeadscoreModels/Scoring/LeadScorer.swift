import Foundation
import LeadscoreData

/// Scores leads with a loaded bundle: margin → calibrated probability → score, tier, route,
/// confidence and reasons. The same code path serves batch files, the API and the model card.
public struct LeadScorer: Sendable {
    public let bundle: ModelBundle
    private let groups: ContributionGroups
    private let reasons: ReasonBuilder
    private let assessor: ConfidenceAssessor

    public init(bundle: ModelBundle) {
        self.bundle = bundle
        groups = ContributionGroups(pipeline: bundle.pipeline)
        reasons = ReasonBuilder(contract: bundle.contract, settings: bundle.policy.explanations)
        assessor = ConfidenceAssessor(policy: bundle.policy)
    }

    /// Calibrated probabilities for a batch.
    public func probabilities(_ inputs: ScoringInputs) throws -> [Double] {
        try bundle.model.margins(inputs).map { bundle.policy.adjusted(bundle.calibrator.probability(score: $0)) }
    }

    /// Full results for a batch, built on all cores; `explain` adds reasons (exact contributions cost more
    /// for trees).
    public func score(_ inputs: ScoringInputs, leadIds: [String?], explain: Bool) throws -> [LeadScore] {
        let margins = try bundle.model.margins(inputs)
        let contributions = explain ? try bundle.model.contributions(inputs, groups: groups) : []
        let policy = bundle.policy
        let topTier = policy.tiers.first?.name
        let assessed = assessor.fields.map { inputs.fields.layout.slot($0) }
        // Read from the rows' closures without copying the whole batch's inputs per lead.
        let (fields, moments) = (inputs.fields, inputs.scoringMoments)
        return ParallelRows.map(inputs.count) { row in
            let value: (String) -> FieldValue = { fields.value(row: row, column: $0) }
            let probability = policy.adjusted(bundle.calibrator.probability(score: margins[row]))
            let tier = policy.tier(for: probability)
            let assessment = assessor.assess(probability: probability) { position in
                assessed[position].map { fields.value(row: row, slot: $0) } ?? .missing
            }
            var leadReasons = explain
                ? reasons.reasons(contributions[row], value: value, scoringMoment: moments[row]) : []
            var route = tier.route
            let override = policy.override(value: value)
            if let override {
                route = override.route
                leadReasons.insert(Reason(code: "ROUTE_OVERRIDE", text: override.reason, impact: 0,
                                          field: override.condition.field), at: 0)
            }
            return LeadScore(
                leadId: leadIds[row], score: Int((probability * 100).rounded()), probability: probability,
                tier: tier.name, tierLabel: tier.label, route: route, overridden: override != nil,
                confidence: assessment.level, reviewNeeded: tier.name == topTier && assessment.level == .low,
                reasons: leadReasons, reasonText: ReasonBuilder.reasonText(leadReasons),
                modelVersion: bundle.metadata.modelVersion, warnings: assessment.notes)
        }
    }
}
