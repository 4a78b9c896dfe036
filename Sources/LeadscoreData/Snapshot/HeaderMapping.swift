/// Which source column feeds each contract field. Headers may be API names (Data Loader) or
/// report labels ("Lead Source"); the contract's own `label:` values are honoured too.
public struct HeaderMapping: Sendable {
    /// Source column index per contract field, in contract order; `nil` when the source lacks it.
    public let columnIndex: [Int?]
    /// Contract fields the source does not have.
    public let absentFields: [String]

    /// `forScoring`: only the contract's required fields must be present (no label is needed to score).
    public init(columns: [String], contract: DataContract, sourceName: String, forScoring: Bool = false) throws {
        var byName: [String: Int] = [:]
        for (index, header) in columns.enumerated() {
            byName[header.lowercased()] = byName[header.lowercased()] ?? index
            let apiName = KnownSalesforceFields.apiName(forHeader: header).lowercased()
            byName[apiName] = byName[apiName] ?? index
        }
        var indices: [Int?] = []
        var absent: [String] = []
        var errors: [InputError] = []
        for field in contract.fields {
            let index = byName[field.name.lowercased()] ?? field.label.flatMap { byName[$0.lowercased()] }
            indices.append(index)
            guard index == nil else { continue }
            absent.append(field.name)
            let essential = field.required
                || (!forScoring && (field.name == contract.label.field || field.name == contract.createdField))
            if essential {
                errors.append(InputError(
                    source: sourceName, line: 1, field: field.name,
                    problem: "the column is missing (the contract needs it\(field.required ? "" : " for labels or splits"))",
                    fix: "include it in the export, or map its header with 'label:' in the contract"))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        columnIndex = indices
        absentFields = absent
    }
}
