import Foundation

/// Writes a query job's CSV as Bulk API 2.0 writes results: a header row of the field names in SELECT
/// order, then one row per record, every value in double quotes (quotes inside doubled), null as an
/// empty value, the job's delimiter and line ending.
struct BulkCSVWriter {
    private let handle: FileHandle
    private let file: URL
    private let delimiter: String
    private let lineEnding: String
    private var buffer = Data()
    private var written = 0
    private var headerLength = 0
    private var recordStarts: [Int] = []

    init(file: URL, header: [String], delimiter: String, lineEnding: String) throws {
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        handle = try FileHandle(forWritingTo: file)
        self.file = file
        self.delimiter = delimiter
        self.lineEnding = lineEnding
        try append(header)
        headerLength = written + buffer.count
    }

    mutating func write(_ values: [String]) throws {
        recordStarts.append(written + buffer.count)
        try append(values)
    }

    mutating func finish() throws -> BulkQueryResult {
        try handle.write(contentsOf: buffer)
        written += buffer.count
        buffer.removeAll()
        try handle.close()
        return BulkQueryResult(file: file, headerLength: headerLength, recordStarts: recordStarts + [written])
    }

    private mutating func append(_ values: [String]) throws {
        let line = values.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: delimiter)
        buffer.append(contentsOf: Array((line + lineEnding).utf8))
        if buffer.count >= 1 << 16 {
            try handle.write(contentsOf: buffer)
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
