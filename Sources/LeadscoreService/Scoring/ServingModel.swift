import Foundation
import LeadscoreData
import LeadscoreModels

/// A registered bundle loaded and ready: its scorer and the validator for its contract.
public struct ServingModel: Sendable {
    public let version: String
    public let scorer: LeadScorer
    public let validator: LeadValidator
    /// Built once per model: building it indexes every category level.
    public let transformer: FeatureTransformer
    /// Scores single-lead requests together when they arrive together.
    public let batcher: ScoreBatcher

    public init(bundle: ModelBundle, policy: ValidationPolicy) {
        version = bundle.metadata.modelVersion
        scorer = LeadScorer(bundle: bundle)
        validator = LeadValidator(contract: bundle.contract, policy: policy)
        transformer = FeatureTransformer(bundle.pipeline)
        batcher = ScoreBatcher(scorer: scorer, transformer: transformer)
    }

    public var dataVersion: String { scorer.bundle.metadata.snapshotId }

    /// The lead's monitored inputs as baseline bins for the audit log (``InputProfile``); nil when the
    /// bundle predates monitoring baselines.
    public func inputProfile(_ lead: LeadValidator.ValidLead) -> String? {
        scorer.bundle.baseline.map { InputProfile.encode(lead.record, baseline: $0) }
    }

    /// Model inputs for validated records, as of `now`.
    func inputs(_ records: [LeadRecord], now: Date) -> ScoringInputs {
        ScoringInputs(records: records, transformer: transformer, dataAsOf: now.timeIntervalSince1970)
    }

    /// Scores validated leads in one call: the API's batch path, also used by the Salesforce sync so a
    /// lead gets the same score however it is scored.
    public func score(_ leads: [LeadValidator.ValidLead], explain: Bool, now: Date) throws -> [LeadScore] {
        guard !leads.isEmpty else { return [] }
        return try scorer.score(inputs(leads.map(\.record), now: now), leadIds: leads.map(\.leadId), explain: explain)
    }
}
