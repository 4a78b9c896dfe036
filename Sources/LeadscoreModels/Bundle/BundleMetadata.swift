import LeadscoreData

/// `metadata.json`: what produced this model, so a score can be traced back to data and settings.
public struct BundleMetadata: Sendable, Codable, Equatable {
    public static let formatVersion = 1

    public var formatVersion: Int
    /// The dataset name from the contract, e.g. `acme-leads`.
    public var name: String
    /// `name-kind-<content hash>`: the same inputs and settings give the same version.
    public var modelVersion: String
    public var kind: ModelKind
    public var createdAt: String
    public var snapshotId: String
    public var contractName: String
    public var contractRevision: String
    /// First and last creation date of the training leads (ISO 8601 days).
    public var trainingWindow: [String]
    public var label: LabelDefinition
    /// Fields kept out of the model, with why.
    public var excludedFields: [String: String]
    public var featureColumns: [String]
    /// Headline metrics per model family and slice, e.g. `trees.test.roc_auc`.
    public var metrics: [String: [String: [String: Double]]]
    public var libraries: [String: String]
    public var settings: TrainingConfig
}
