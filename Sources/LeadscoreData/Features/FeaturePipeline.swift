/// The fitted feature pipeline: contract fields in, a fixed-width row of model inputs out.
///
/// Fitted on the training rows only (picklist levels, medians), saved as JSON beside the model, and
/// applied identically at training and scoring time through `FeatureTransformer`. It answers "which
/// inputs, encoded how, produced this score?".
public struct FeaturePipeline: Sendable, Codable, Equatable {
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var steps: [FeatureStep]
    /// Features describe a lead this many days after creation (see `FeatureOptions`).
    public var observationDays: Int
    /// The creation field the scoring moment is measured from, if the data has one.
    public var createdField: String?

    public init(steps: [FeatureStep], observationDays: Int, createdField: String?) {
        formatVersion = Self.currentFormatVersion
        self.steps = steps
        self.observationDays = observationDays
        self.createdField = createdField
    }

    /// All model column names, in order.
    public var columnNames: [String] { steps.flatMap(\.outputNames) }

    /// For each model column, the contract field it comes from.
    public var columnSourceFields: [String] {
        steps.flatMap { step in Array(repeating: step.sourceField, count: step.outputNames.count) }
    }

    /// The scoring moment for a lead created at `created`, given data observed up to `dataAsOf`.
    public func scoringMoment(created: Double?, dataAsOf: Double) -> Double {
        guard let created else { return dataAsOf }
        return min(created + Double(observationDays) * 86_400, dataAsOf)
    }
}
