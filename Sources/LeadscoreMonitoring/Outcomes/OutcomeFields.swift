import LeadscoreData

/// The Lead fields an outcome is read from: the scoring contract's id, label and creation fields (by
/// default `Id`, `IsConverted`, `ConvertedDate`, `CreatedDate`) and `Status`.
public struct OutcomeFields: Sendable, Equatable {
    public var id = "Id"
    public var flag = "IsConverted"
    /// The label's event date; nil when the contract's label has none.
    public var date: String? = "ConvertedDate"
    public var created = "CreatedDate"
    /// Optional in a CSV (the worked rate is then unknown); always read from Salesforce.
    public var status = "Status"

    public init() {}

    /// The fields the contract's label rule reads.
    public init(contract: DataContract) {
        id = contract.idField ?? id
        flag = contract.label.field
        date = contract.label.dateField
        created = contract.createdField ?? created
    }

    /// Every field to read, in order, without repeats.
    var all: [String] {
        var names: [String] = []
        for name in [id, flag, date, created, status].compactMap({ $0 }) where !names.contains(name) { names.append(name) }
        return names
    }
}
