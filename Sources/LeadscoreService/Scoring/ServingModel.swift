import Foundation
import LeadscoreData
import LeadscoreModels

/// A registered bundle loaded and ready: its scorer and the validator for its contract.
public struct ServingModel: Sendable {
    public let version: String
    public let scorer: LeadScorer
    public let validator: LeadValidator

    public init(bundle: ModelBundle, policy: ValidationPolicy) {
        version = bundle.metadata.modelVersion
        scorer = LeadScorer(bundle: bundle)
        validator = LeadValidator(contract: bundle.contract, policy: policy)
    }

    public var dataVersion: String { scorer.bundle.metadata.snapshotId }
}
