/// Which source column feeds each contract field. Headers may be API names (Data Loader) or
/// report labels ("Lead Source"); the contract's own `label:` values are honoured too.
///
/// Matches are tried from the most to the least certain, and a column taken by a more certain match
/// is not handed to another field by a guess:
/// 1. the header is the field's name (`ConvertedDate`);
/// 2. the header is the field's `label:` in the contract;
/// 3. the header, sanitised, is the field's name (`Deal Size ($)` → `Deal_Size`, as a draft names it);
/// 4. the header is the report label of a standard field (`Converted Date` → `ConvertedDate`), and the
///    contract's type for that field fits the standard field's type.
///
/// So an export whose "Converted Date" column is a custom picklist feeds the contract's
/// `Converted_Date` field (drafted from that content), never the standard `ConvertedDate`.
public struct HeaderMapping: Sendable {
    /// Source column index per contract field, in contract order; `nil` when the source lacks it.
    public let columnIndex: [Int?]
    /// Contract fields the source does not have.
    public let absentFields: [String]

    /// `forScoring`: only the contract's required fields must be present (no label is needed to score).
    public init(columns: [String], contract: DataContract, sourceName: String, forScoring: Bool = false) throws {
        let exact = Self.firstColumn(of: columns) { [Self.normalized($0)] }
        let sanitized = Self.firstColumn(of: columns) { header in
            [KnownSalesforceFields.sanitized(header.trimmingCharacters(in: .whitespaces)),
             KnownSalesforceFields.customName(forHeader: header)].map(Self.normalized)
        }
        let standard = Self.firstColumn(of: columns) { header in
            KnownSalesforceFields.standardField(forLabel: header).map { [Self.normalized($0)] } ?? []
        }
        let matchers: [(FieldSpec) -> Int?] = [
            { exact[Self.normalized($0.name)] },
            { field in field.label.flatMap { exact[Self.normalized($0)] } },
            { sanitized[Self.normalized($0.name)] },
            { field in KnownSalesforceFields.values(field.type, fit: field.name) ? standard[Self.normalized(field.name)] : nil },
        ]
        var indices = [Int?](repeating: nil, count: contract.fields.count)
        var taken: Set<Int> = []
        for matcher in matchers {
            for (position, field) in contract.fields.enumerated() where indices[position] == nil {
                if let index = matcher(field), !taken.contains(index) {
                    indices[position] = index
                    taken.insert(index)
                }
            }
        }

        var absent: [String] = []
        var errors: [InputError] = []
        for (field, index) in zip(contract.fields, indices) where index == nil {
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

    /// Header matching ignores case and surrounding spaces.
    private static func normalized(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The first column each key names (a repeated header keeps its first column).
    private static func firstColumn(of columns: [String], keys: (String) -> [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        for (index, header) in columns.enumerated() {
            for key in keys(header) where result[key] == nil { result[key] = index }
        }
        return result
    }
}
