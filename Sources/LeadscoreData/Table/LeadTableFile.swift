import Foundation

/// A `LeadTable` as bytes: typed columns copied straight into arrays when read, so a table parsed once
/// from text (a snapshot's `leads.csv`, `SnapshotTableCache`) is not parsed again. The text stays the
/// readable form (spreadsheets, pandas); these bytes only save the work of reading it.
///
/// Layout (little-endian): the magic `LSTABLE1`; row count (UInt64) and column count (UInt32); per
/// column its name and type (strings: UInt32 byte count, UTF-8) and a kind byte — 0: numeric,
/// row count × Float64; 1: categorical, level count (UInt32), the levels, row count × Int32 codes
/// (-1 missing); then labels (a presence byte, row count × UInt8) and splits (a presence byte,
/// row count × UInt8 indexing `DataSplit.allCases`).
public enum LeadTableFile {
    #if !_endian(little)
    #error("LeadTableFile copies arrays in the machine's byte order, which must be the file's (little-endian)")
    #endif

    static let magic = Array("LSTABLE1".utf8)

    /// The file's bytes for `table`.
    public static func encode(_ table: LeadTable) -> [UInt8] {
        var out = Writer()
        out.bytes.reserveCapacity(64 + table.rowCount * (2 + 8 * table.columnNames.count))
        out.bytes.append(contentsOf: magic)
        out.integer(UInt64(table.rowCount))
        out.integer(UInt32(table.columnNames.count))
        for name in table.columnNames {
            guard let column = table.column(name) else { continue }
            out.string(name)
            out.string(column.type.rawValue)
            switch column {
            case let .numeric(numeric):
                out.bytes.append(0)
                numeric.values.withUnsafeBytes { out.bytes.append(contentsOf: $0) }
            case let .categorical(categorical):
                out.bytes.append(1)
                out.integer(UInt32(categorical.levels.count))
                for level in categorical.levels { out.string(level) }
                categorical.codes.withUnsafeBytes { out.bytes.append(contentsOf: $0) }
            }
        }
        out.bytes.append(table.labels.isEmpty ? 0 : 1)
        out.bytes.append(contentsOf: table.labels)
        out.bytes.append(table.splits.isEmpty ? 0 : 1)
        out.bytes.append(contentsOf: table.splits.map { UInt8(DataSplit.allCases.firstIndex(of: $0)!) })
        return out.bytes
    }

    /// Writes `bytes` (from `encode`) to `url`, without another copy of them.
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: url.path) else {
            throw InputError(source: url.path, problem: "the table file cannot be created",
                             fix: "check that the output directory is writable and has free space")
        }
        defer { try? handle.close() }
        try handle.write(contentsOf: bytes)
    }

    /// Reads a table written by `encode`. Throws `InputError` naming the file and the first thing that
    /// does not fit (a file from another program, a truncated or damaged one).
    public static func decode(_ data: Data, source: String) throws -> LeadTable {
        try data.withUnsafeBytes { raw in
            var input = Reader(bytes: raw, source: source)
            guard try input.take(magic.count).elementsEqual(magic) else {
                throw input.problem("it does not start with \(String(decoding: magic, as: UTF8.self))")
            }
            let rows = try input.count(UInt64.self, "the row count")
            let columnCount = try input.count(UInt32.self, "the column count")
            var columns: [(String, TableColumn)] = []
            for _ in 0..<columnCount {
                let name = try input.string()
                guard let type = FieldType(rawValue: try input.string()) else {
                    throw input.problem("column \(name) has an unknown type")
                }
                switch try input.take(1)[0] {
                case 0:
                    columns.append((name, .numeric(NumericColumn(type: type, values: try input.array(Double.self, rows)))))
                case 1:
                    let levels = try (0..<input.count(UInt32.self, "\(name)'s level count")).map { _ in try input.string() }
                    let codes = try input.array(Int32.self, rows)
                    guard codes.allSatisfy({ $0 >= -1 && Int($0) < levels.count }) else {
                        throw input.problem("column \(name) has a code outside its \(levels.count) levels")
                    }
                    columns.append((name, .categorical(CategoricalColumn(type: type, codes: codes, levels: levels))))
                default:
                    throw input.problem("column \(name) has an unknown kind")
                }
            }
            let labels: [UInt8] = try input.take(1)[0] == 0 ? [] : input.array(UInt8.self, rows)
            guard labels.allSatisfy({ $0 <= 1 }) else { throw input.problem("a label is neither 0 nor 1") }
            let splitCodes: [UInt8] = try input.take(1)[0] == 0 ? [] : input.array(UInt8.self, rows)
            let splits = try splitCodes.map { code in
                guard Int(code) < DataSplit.allCases.count else { throw input.problem("a split code is unknown") }
                return DataSplit.allCases[Int(code)]
            }
            guard input.atEnd else { throw input.problem("bytes follow the table") }
            return LeadTable(rowCount: rows, columns: columns, labels: labels, splits: splits)
        }
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func integer(_ value: some FixedWidthInteger) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func string(_ text: String) {
            integer(UInt32(text.utf8.count))
            bytes.append(contentsOf: text.utf8)
        }
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        let source: String
        var position = 0

        init(bytes: UnsafeRawBufferPointer, source: String) {
            self.bytes = bytes
            self.source = source
        }

        var atEnd: Bool { position == bytes.count }

        func problem(_ what: String) -> InputError {
            InputError(source: source, problem: "the table file is not readable: \(what) (at byte \(position))",
                       fix: "recreate the snapshot with `leadscore snapshot create`")
        }

        mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
            guard count >= 0, count <= bytes.count - position else { throw problem("it ends early") }
            defer { position += count }
            return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
        }

        /// A count, refused when it is larger than the bytes left could hold.
        mutating func count<Integer: FixedWidthInteger>(_: Integer.Type, _ what: String) throws -> Int {
            let value = Integer(littleEndian: try take(MemoryLayout<Integer>.size).loadUnaligned(as: Integer.self))
            guard value >= 0, UInt64(value) <= UInt64(bytes.count - position) else { throw problem("\(what) is too large") }
            return Int(value)
        }

        mutating func string() throws -> String {
            let bytes = try take(count(UInt32.self, "a text's length"))
            guard let text = String(validating: bytes, as: UTF8.self) else { throw problem("a text is not UTF-8") }
            return text
        }

        /// `count` values stored back to back (numbers and codes: bit-for-bit copies).
        mutating func array<Element: BitwiseCopyable>(_: Element.Type, _ count: Int) throws -> [Element] {
            let raw = try take(count * MemoryLayout<Element>.stride)
            return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
                initialized = count
            }
        }
    }
}
