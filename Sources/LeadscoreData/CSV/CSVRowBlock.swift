/// Rows of a CSV file kept as bytes, for readers that parse values in place (batch scoring): every
/// field of every good row back to back in one buffer, no String per value. Read with
/// ``CSVReader/nextBlock(maxRows:)``; rows that could not be read are listed beside, with their lines.
public struct CSVRowBlock: Sendable {
    /// Fields per row (the header's count).
    public let columns: Int
    /// Every field's bytes back to back, row after row; valid UTF-8.
    var bytes: [UInt8] = []
    /// Where each field ends in `bytes`, `columns` per row.
    var fieldEnds: [Int] = []
    /// The line each good row starts on.
    public internal(set) var lines: [Int] = []
    /// Rows that could not be read, in file order.
    public internal(set) var problems: [CSVRowProblem] = []

    init(columns: Int) {
        self.columns = columns
    }

    /// Good rows.
    public var count: Int { lines.count }
    /// Records read: good rows and problems.
    public var records: Int { lines.count + problems.count }

    /// Runs `body` with the rows' fields in place.
    public func withFields<Result>(_ body: (Fields) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in
            try fieldEnds.withUnsafeBufferPointer { ends in try body(Fields(bytes: bytes, ends: ends, columns: columns)) }
        }
    }

    /// The fields in place; valid only inside ``withFields(_:)``.
    public struct Fields: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>
        let columns: Int

        /// The UTF-8 bytes of `column` in good row `row`.
        public func field(row: Int, column: Int) -> UnsafeBufferPointer<UInt8> {
            let index = row * columns + column
            let start = index == 0 ? 0 : ends[index - 1]
            return UnsafeBufferPointer(rebasing: bytes[start..<ends[index]])
        }
    }
}
