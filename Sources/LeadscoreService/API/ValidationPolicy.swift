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

    public var unknownPicklistValues: UnknownPicklistValue
    public var unknownFields: UnknownField

    public init(unknownPicklistValues: UnknownPicklistValue = .other, unknownFields: UnknownField = .ignore) {
        self.unknownPicklistValues = unknownPicklistValues
        self.unknownFields = unknownFields
    }
}
