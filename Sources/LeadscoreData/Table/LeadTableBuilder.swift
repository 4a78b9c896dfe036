/// Builds a `LeadTable` row by row from text values, parsing each per its column's type.
public struct LeadTableBuilder {
    /// Where a column's values accumulate: an index into `numbers` or into `texts`.
    private enum Slot {
        case numeric(Int)
        case categorical(Int)
    }

    private struct TextAccumulator {
        var codes: [Int32] = []
        var levels: [String] = []
        var lookup: [String: Int32] = [:]

        mutating func append(_ text: String) {
            if text.isEmpty {
                codes.append(-1)
            } else if let code = lookup[text] {
                codes.append(code)
            } else {
                let code = Int32(levels.count)
                levels.append(text)
                lookup[text] = code
                codes.append(code)
            }
        }
    }

    private let names: [String]
    private let types: [FieldType]
    private let slots: [Slot]
    private var numbers: [[Double]]
    private var texts: [TextAccumulator]
    private var labels: [UInt8] = []
    private var splits: [DataSplit] = []
    public private(set) var rowCount = 0

    /// `columns`: name and contract type of each column, in the order rows will supply values.
    public init(columns: [(name: String, type: FieldType)]) {
        names = columns.map(\.name)
        types = columns.map(\.type)
        var slots: [Slot] = []
        var numericCount = 0, textCount = 0
        for column in columns {
            if column.type.isNumericStorage {
                slots.append(.numeric(numericCount))
                numericCount += 1
            } else {
                slots.append(.categorical(textCount))
                textCount += 1
            }
        }
        self.slots = slots
        numbers = Array(repeating: [], count: numericCount)
        texts = Array(repeating: TextAccumulator(), count: textCount)
    }

    /// Appends one row and returns the names of columns whose text did not parse (stored as missing).
    @discardableResult
    public mutating func append(_ values: [String], label: UInt8? = nil, split: DataSplit? = nil) -> [String] {
        var unparsable: [String] = []
        for (index, slot) in slots.enumerated() {
            let text = values[index]
            switch slot {
            case let .numeric(position):
                let parsed = Self.number(text, type: types[index])
                if parsed == nil, !text.isEmpty { unparsable.append(names[index]) }
                numbers[position].append(parsed ?? .nan)
            case let .categorical(position):
                texts[position].append(text)
            }
        }
        if let label { labels.append(label) }
        if let split { splits.append(split) }
        rowCount += 1
        return unparsable
    }

    public func build() -> LeadTable {
        let columns: [(String, TableColumn)] = slots.enumerated().map { index, slot in
            switch slot {
            case let .numeric(position):
                return (names[index], .numeric(NumericColumn(type: types[index], values: numbers[position])))
            case let .categorical(position):
                let text = texts[position]
                return (names[index], .categorical(CategoricalColumn(type: types[index], codes: text.codes, levels: text.levels)))
            }
        }
        return LeadTable(rowCount: rowCount, columns: columns, labels: labels, splits: splits)
    }

    /// Snapshot values are canonical, so the plain parsers come first; the lenient one follows.
    private static func number(_ text: String, type: FieldType) -> Double? {
        if text.isEmpty { return nil }
        switch type {
        case .boolean:
            if text == "true" { return 1 }
            if text == "false" { return 0 }
        case .date, .datetime:
            return SalesforceDate.parse(text)
        default:
            if let value = Double(text) { return value }
        }
        if case let .success(value) = FieldParser.parse(text, as: type) { return value.numeric }
        return nil
    }
}
