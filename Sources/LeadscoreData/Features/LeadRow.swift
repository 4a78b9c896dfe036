/// The columns a lead read from raw texts can hold, each at a fixed slot: the contract's non-personal
/// fields and the derived columns, in contract order. A batch resolves the names it reads to slots once,
/// then reads every lead's values by array index instead of hashing names per lead.
public struct RecordLayout: Sendable, Equatable {
    public let names: [String]
    private let slots: [String: Int]

    /// `names` in slot order; a repeated name keeps its first slot.
    public init(names: [String]) {
        var unique: [String] = []
        var slots: [String: Int] = [:]
        for name in names where slots[name] == nil {
            slots[name] = unique.count
            unique.append(name)
        }
        self.names = unique
        self.slots = slots
    }

    /// What `LeadRowReader` fills for `contract`: each non-personal field, and each derived column
    /// (personal fields only lend their text to derivations), in contract order.
    public init(contract: DataContract) {
        self.init(names: contract.fields.flatMap { field in
            field.derive.map { $0.columnName(for: field.name) } + (field.pii ? [] : [field.name])
        })
    }

    public var count: Int { names.count }

    public func slot(_ name: String) -> Int? { slots[name] }
}

/// One lead's typed values by `RecordLayout` slot; `.missing` where the lead has no value.
public struct LeadRow: Sendable, Equatable {
    public var values: [FieldValue]

    public init(values: [FieldValue]) {
        self.values = values
    }

    /// A record's values placed by `layout` (columns outside the layout are dropped).
    public init(record: LeadRecord, layout: RecordLayout) {
        values = layout.names.map { record[$0] ?? .missing }
    }

    /// The same values keyed by name, without the missing ones.
    public func record(_ layout: RecordLayout) -> LeadRecord {
        var record: LeadRecord = [:]
        for (name, value) in zip(layout.names, values) where value != .missing { record[name] = value }
        return record
    }
}

/// Reads leads from raw field texts into `LeadRow`s, with the contract's per-field work (type, PII,
/// derivations) worked out once for every lead of a run.
public struct LeadRowReader: Sendable {
    public let contract: DataContract
    public let layout: RecordLayout
    private let missingValues: MissingValues
    // Per contract field, in `contract.fields` order (arrays of small values: nothing large is copied per lead).
    private let types: [FieldType]
    private let derivations: [[Derivation]]
    private let personal: [Bool]
    /// The field's slot (-1 for a personal field: its value is never kept), and its derived columns' slots.
    private let slots: [Int]
    private let derivationSlots: [[Int]]

    public init(contract: DataContract) {
        let layout = RecordLayout(contract: contract)
        self.contract = contract
        self.layout = layout
        missingValues = contract.missingValues
        types = contract.fields.map(\.type)
        derivations = contract.fields.map(\.derive)
        personal = contract.fields.map(\.pii)
        slots = contract.fields.map { $0.pii ? -1 : layout.slot($0.name)! }
        derivationSlots = contract.fields.map { field in field.derive.map { layout.slot($0.columnName(for: field.name))! } }
    }

    /// The lead whose field `i` (a position in `contract.fields`) reads `fieldText(i)` (nil: absent), or
    /// the problems per field. Derivations are written before the field's own value, as they are listed.
    public func row(text fieldText: (_ field: Int) -> String?) -> Result<LeadRow, InputErrors> {
        row { index, store in
            guard let text = fieldText(index) else { return nil }
            return LeadRecordReader.read(text, type: types[index], derive: derivations[index], personal: personal[index],
                                         missingValues: missingValues, store: store)
        }
    }

    /// The same with each field's UTF-8 bytes read in place (a CSV row's fields, valid UTF-8): plain
    /// values become typed values without a String each.
    public func row(utf8 fieldBytes: (_ field: Int) -> UnsafeBufferPointer<UInt8>?) -> Result<LeadRow, InputErrors> {
        row { index, store in
            guard let bytes = fieldBytes(index) else { return nil }
            return LeadRecordReader.read(utf8: bytes, type: types[index], derive: derivations[index],
                                         personal: personal[index], missingValues: missingValues, store: store)
        }
    }

    /// Field by field, `read` parses field `index` and hands its values to `store` (nil: absent or read).
    private func row(_ read: (_ index: Int, _ store: (_ derivation: Int?, _ value: FieldValue) -> Void) -> FieldParser.Problem?)
        -> Result<LeadRow, InputErrors> {
        var values = [FieldValue](repeating: .missing, count: layout.count)
        var errors: [InputError] = []
        for index in types.indices {
            let problem = read(index) { derivation, value in
                values[derivation.map { derivationSlots[index][$0] } ?? slots[index]] = value
            }
            if let problem { errors.append(InputError(field: contract.fields[index].name, problem)) }
        }
        return errors.isEmpty ? .success(LeadRow(values: values)) : .failure(InputErrors(errors))
    }
}
