/// Decides each lead's label from the contract's definition and the data's as-of time.
///
/// Positive: the flag is true and (with a date field) the event falls within `windowDays` of
/// creation. A lead created less than `windowDays` before the as-of time is *immature*: its
/// outcome is not known yet, so it is excluded rather than counted as a negative.
public struct LabelRule: Sendable {
    public enum Outcome: Sendable, Equatable {
        case positive, negative, immature
    }

    public let definition: LabelDefinition
    /// When the data was extracted: the latest moment an outcome could have been seen.
    public let asOf: Double

    public init(definition: LabelDefinition, asOf: Double) {
        self.definition = definition
        self.asOf = asOf
    }

    /// Dates without a time (ConvertedDate) fall at midnight, before a same-day CreatedDate.
    private static let sameDayTolerance = 86_400.0

    public func outcome(created: Double?, flag: Bool, eventTime: Double?) -> Outcome {
        guard let created, let days = definition.windowDays else {
            return flag ? .positive : .negative
        }
        let window = Double(days) * 86_400
        if created + window > asOf { return .immature }
        guard flag else { return .negative }
        guard definition.dateField != nil else { return .positive }
        guard let eventTime else { return .negative }
        let delay = eventTime - created
        return delay >= -Self.sameDayTolerance && delay <= window ? .positive : .negative
    }
}
