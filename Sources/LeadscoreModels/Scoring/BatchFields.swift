import LeadscoreData

/// The typed field values behind a batch of model inputs, by column slot: whoever reads the same
/// columns for every lead (confidence, overrides) resolves their slots once and reads by index.
public struct BatchFields: Sendable {
    public let layout: RecordLayout
    private let read: @Sendable (_ row: Int, _ slot: Int) -> FieldValue

    public init(layout: RecordLayout, read: @escaping @Sendable (_ row: Int, _ slot: Int) -> FieldValue) {
        self.layout = layout
        self.read = read
    }

    /// Leads read from raw texts, each laid out by `layout`.
    public init(rows: [LeadRow], layout: RecordLayout) {
        self.init(layout: layout) { row, slot in rows[row].values[slot] }
    }

    /// Rows `rows` of a snapshot table (batch row `i` is table row `rows[i]`).
    public init(table: LeadTable, rows: [Int]) {
        let columns = table.columnNames.map { table.column($0)! }
        self.init(layout: RecordLayout(names: table.columnNames)) { row, slot in columns[slot].value(at: rows[row]) }
    }

    /// The value in `slot` (a slot of `layout`) for batch row `row`.
    public func value(row: Int, slot: Int) -> FieldValue {
        read(row, slot)
    }

    /// The value of column `column` for batch row `row`; `.missing` for a column the batch does not hold.
    public func value(row: Int, column: String) -> FieldValue {
        layout.slot(column).map { read(row, $0) } ?? .missing
    }

    /// Batch rows `rows` of this batch, in that order, as a batch of their own.
    public func selecting(_ rows: [Int]) -> BatchFields {
        BatchFields(layout: layout) { [read] row, slot in read(rows[row], slot) }
    }
}
