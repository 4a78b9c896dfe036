/// A column of numbers: numeric fields, yes/no flags (0/1) and times (epoch seconds). `nan` = missing.
public struct NumericColumn: Sendable, Equatable {
    public var type: FieldType
    public var values: [Double]
}

/// A column of text, dictionary-encoded: `codes[row]` indexes `levels`; -1 = missing.
public struct CategoricalColumn: Sendable, Equatable {
    public var type: FieldType
    public var codes: [Int32]
    public var levels: [String]
}

public enum TableColumn: Sendable, Equatable {
    case numeric(NumericColumn)
    case categorical(CategoricalColumn)

    public var type: FieldType {
        switch self {
        case let .numeric(column): return column.type
        case let .categorical(column): return column.type
        }
    }

    /// The typed value in `row`.
    public func value(at row: Int) -> FieldValue {
        switch self {
        case let .numeric(column):
            let number = column.values[row]
            if number.isNaN { return .missing }
            switch column.type {
            case .boolean: return .bool(number != 0)
            case .date, .datetime: return .time(number)
            default: return .number(number)
            }
        case let .categorical(column):
            let code = column.codes[row]
            return code < 0 ? .missing : .text(column.levels[Int(code)])
        }
    }
}

/// Lead rows held column by column, typed by the contract: compact for millions of rows and fast
/// to scan for profiling and feature fitting.
public struct LeadTable: Sendable {
    public let rowCount: Int
    public let columnNames: [String]
    private let columnsByName: [String: TableColumn]
    /// 1 = positive, 0 = negative (from the snapshot's `_label`); empty when unlabelled.
    public let labels: [UInt8]
    /// Each row's split; empty when the table has none.
    public let splits: [DataSplit]

    public init(rowCount: Int, columns: [(String, TableColumn)], labels: [UInt8] = [], splits: [DataSplit] = []) {
        self.rowCount = rowCount
        columnNames = columns.map(\.0)
        columnsByName = Dictionary(columns, uniquingKeysWith: { first, _ in first })
        self.labels = labels
        self.splits = splits
    }

    public func column(_ name: String) -> TableColumn? {
        columnsByName[name]
    }

    /// Row indices in `split`, in table order.
    public func rows(in split: DataSplit) -> [Int] {
        splits.indices.filter { splits[$0] == split }
    }
}
