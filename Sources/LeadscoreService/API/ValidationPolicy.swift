/// What the service does with input the contract does not expect.
public struct ValidationPolicy: Sendable, Equatable {
    public enum UnknownPicklistValue: String, Sendable, CaseIterable {
        /// Score it as a value the model has not seen (the "Other" bucket) and say so in `warnings`.
        case other
        /// Refuse the lead with 422.
        case refuse
    }

    public enum UnknownField: String, Sendable, CaseIterable {
        /// Ignore it and say so in `warnings`.
        case ignore
        /// Refuse the lead with 422.
        case refuse
    }

    /// A value outside the contract's `min`/`max` (negative employees, a year 9999).
    public enum OutOfRange: String, Sendable, CaseIterable {
        /// Refuse the lead with 422: the value is one no lead can have.
        case refuse
        /// Score it as sent and say so in `warnings`.
        case warn
    }

    public var unknownPicklistValues: UnknownPicklistValue
    public var unknownFields: UnknownField
    public var outOfRange: OutOfRange

    public init(unknownPicklistValues: UnknownPicklistValue = .other, unknownFields: UnknownField = .ignore,
                outOfRange: OutOfRange = .refuse) {
        self.unknownPicklistValues = unknownPicklistValues
        self.unknownFields = unknownFields
        self.outOfRange = outOfRange
    }
}
