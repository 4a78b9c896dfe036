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
            let problem = read(text, type: field.type, derive: field.derive, personal: field.pii,
                               missingValues: contract.missingValues) { derivation, value in
                record[derivation.map { field.derive[$0].columnName(for: field.name) } ?? field.name] = value
            }
            if let problem { errors.append(InputError(field: field.name, problem)) }
        }
        return errors.isEmpty ? .success(record) : .failure(InputErrors(errors))
    }

    /// One field's text parsed per its contract type. `store` receives each column value it yields:
    /// the derived columns first (`derivation` indexes `derive`), then the field's own value
    /// (`derivation` nil) unless the field is personal. A refused value is returned as the problem.
    static func read(_ text: String, type: FieldType, derive: [Derivation], personal: Bool, missingValues: MissingValues,
                     store: (_ derivation: Int?, _ value: FieldValue) -> Void) -> FieldParser.Problem? {
        keep(FieldParser.parse(text, as: type, missingValues: missingValues), type: type, derive: derive,
             personal: personal, store: store)
    }

    /// The same for the text's UTF-8 bytes, read in place (a CSV field).
    static func read(utf8 bytes: UnsafeBufferPointer<UInt8>, type: FieldType, derive: [Derivation], personal: Bool,
                     missingValues: MissingValues, store: (_ derivation: Int?, _ value: FieldValue) -> Void)
        -> FieldParser.Problem? {
        keep(FieldParser.parse(utf8: bytes, as: type, missingValues: missingValues), type: type, derive: derive,
             personal: personal, store: store)
    }

    private static func keep(_ parsed: Result<FieldValue, FieldParser.Problem>, type: FieldType, derive: [Derivation],
                             personal: Bool, store: (_ derivation: Int?, _ value: FieldValue) -> Void) -> FieldParser.Problem? {
        switch parsed {
        case let .success(value):
            if case let .text(text) = value {
                for (index, derivation) in derive.enumerated() { store(index, .text(derivation.derive(from: text))) }
            }
            if !personal { store(nil, canonical(value, type: type)) }
            return nil
        case let .failure(problem):
            return problem
        }
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

extension InputError {
    /// A lead's value refused for `field`.
    init(field: String, _ problem: FieldParser.Problem) {
        self.init(source: "lead", field: field, problem: problem.problem, fix: problem.fix)
    }
}
