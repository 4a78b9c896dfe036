/// One lead's values keyed by snapshot column name (contract fields and derived columns).
public typealias LeadRecord = [String: FieldValue]

/// Turns raw field texts (as a CSV row or a scoring request carries them) into a `LeadRecord`, the
/// same way a snapshot does: parsed per contract type, with derived columns computed. Raw personal
/// data is used for derivations only and never copied into the record.
public enum LeadRecordReader {
    /// The record, or the problems per field (field name → problem).
    public static func record(from raw: [String: String], contract: DataContract) -> Result<LeadRecord, InputErrors> {
        record(contract: contract) { raw[contract.fields[$0].name] }
    }

    /// The same with each field's text given by its position in `contract.fields` (a CSV row read through
    /// its header mapping): no dictionary of raw texts per lead.
    public static func record(contract: DataContract, text fieldText: (_ field: Int) -> String?)
        -> Result<LeadRecord, InputErrors> {
        var record: LeadRecord = [:]
        record.reserveCapacity(contract.fields.count * 2)
        var errors: [InputError] = []
        for (index, field) in contract.fields.enumerated() {
            guard let text = fieldText(index) else { continue }
            switch FieldParser.parse(text, as: field.type, missingValues: contract.missingValues) {
            case let .success(value):
                for derivation in field.derive {
                    if case let .text(text) = value {
                        record[derivation.columnName(for: field.name)] = .text(derivation.derive(from: text))
                    }
                }
                if !field.pii { record[field.name] = canonical(value, type: field.type) }
            case let .failure(problem):
                errors.append(InputError(source: "lead", field: field.name, problem: problem.problem, fix: problem.fix))
            }
        }
        return errors.isEmpty ? .success(record) : .failure(InputErrors(errors))
    }

    /// Row `row` of a table as a record.
    public static func record(table: LeadTable, row: Int) -> LeadRecord {
        var record: LeadRecord = [:]
        for name in table.columnNames {
            if let column = table.column(name) { record[name] = column.value(at: row) }
        }
        return record
    }

    /// Multi-select values sorted as snapshots store them; other values unchanged.
    private static func canonical(_ value: FieldValue, type: FieldType) -> FieldValue {
        guard type == .multipicklist, case let .text(text) = value else { return value }
        return .text(MultiSelect.canonical(text))
    }
}
