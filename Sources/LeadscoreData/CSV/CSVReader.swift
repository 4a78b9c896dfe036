import Foundation

/// One data row of a CSV file, with the line it starts on (1-based, header is line 1).
public struct CSVRow: Sendable, Equatable {
    public var line: Int
    /// Values in header order. Salesforce writes null as an empty value, so `""` means missing.
    public var values: [String]
}

/// A row that could not be read, and why. The reader goes on with the next row.
public struct CSVRowProblem: Sendable, Equatable {
    public var line: Int
    public var reason: String
}

/// What `CSVReader.next()` hands back: a good row, or a problem with one row.
public enum CSVRecord: Sendable, Equatable {
    case row(CSVRow)
    case malformed(CSVRowProblem)
}

/// A streaming CSV reader for Salesforce report and Data Loader exports as they come.
///
/// It reads the file in 1 MiB chunks (memory stays flat for any file size) and copes with a UTF-8
/// byte-order mark, CRLF / LF / CR line ends, quoted commas, quotes and newlines, and blank lines.
/// A malformed row (wrong number of values, an unterminated quote, invalid UTF-8) comes back as
/// `.malformed` with its line number; reading carries on, so one bad row never loses the rest.
public final class CSVReader {
    /// Column names from the first row, with surrounding white space trimmed.
    public private(set) var header: [String] = []
    /// The name used in messages (usually the file name).
    public let sourceName: String

    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEndOfInput = false
    private var line = 1
    /// The current row's bytes, all fields back to back; `fieldEnds` marks where each ends.
    /// One buffer per reader, not one array per field: millions of rows allocate almost nothing.
    private var rowBytes: [UInt8] = []
    private var fieldEnds: [Int] = []

    /// Opens `url` and reads its header. Throws an `InputError` if the file is missing or empty.
    public convenience init(url: URL) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw InputError(source: url.path, problem: "the file cannot be opened",
                             fix: "check the path and that the file is readable")
        }
        try self.init(handle: handle, initialBytes: [], sourceName: url.lastPathComponent)
    }

    /// Reads CSV text already in memory (tests, HTTP bodies).
    public convenience init(text: String, sourceName: String = "input") throws {
        try self.init(handle: nil, initialBytes: Array(text.utf8), sourceName: sourceName)
    }

    private init(handle: FileHandle?, initialBytes: [UInt8], sourceName: String) throws {
        self.handle = handle
        self.sourceName = sourceName
        self.buffer = initialBytes
        self.atEndOfInput = handle == nil
        try refill()
        skipByteOrderMark()
        guard let first = try readRawRow() else {
            throw InputError(source: sourceName, line: 1, problem: "the file is empty",
                             fix: "export the data again with a header row")
        }
        guard case let .success(names) = decodeRow() else {
            throw InputError(source: sourceName, line: 1, problem: "the header is not valid UTF-8",
                             fix: "save the file as UTF-8 (Excel: 'CSV UTF-8')")
        }
        header = names.map { $0.trimmingCharacters(in: .whitespaces) }
        if first.unterminatedQuote {
            throw InputError(source: sourceName, line: 1, problem: "the header has an unterminated quote",
                             fix: "check the first line of the file")
        }
    }

    deinit {
        try? handle?.close()
    }

    /// The next row or problem, or `nil` at the end of the file. Throws only on I/O failure.
    public func next() throws -> CSVRecord? {
        while let raw = try readRawRow() {
            if raw.fieldCount == 1, rowBytes.isEmpty, !raw.quoted { continue }  // blank line
            if raw.unterminatedQuote {
                return .malformed(CSVRowProblem(
                    line: raw.line,
                    reason: "a quoted value starting here is never closed (the rest of the file was read as one value)"))
            }
            guard raw.fieldCount == header.count else {
                return .malformed(CSVRowProblem(
                    line: raw.line,
                    reason: "has \(raw.fieldCount) values but the header has \(header.count) columns"))
            }
            switch decodeRow() {
            case let .success(strings):
                return .row(CSVRow(line: raw.line, values: strings))
            case let .failure(column):
                return .malformed(CSVRowProblem(
                    line: raw.line,
                    reason: "column \(header[column]) is not valid UTF-8 (save the file as UTF-8)"))
            }
        }
        return nil
    }

    // MARK: - Byte-level parsing

    private struct RawRow {
        var line: Int
        var fieldCount: Int
        var quoted: Bool
        var unterminatedQuote: Bool
    }

    private enum DecodeResult {
        case success([String])
        case failure(Int)
    }

    /// The current row's fields as strings, or the index of the first field that is not UTF-8.
    private func decodeRow() -> DecodeResult {
        var strings: [String] = []
        strings.reserveCapacity(fieldEnds.count)
        var start = 0
        for (index, end) in fieldEnds.enumerated() {
            guard let text = String(validating: rowBytes[start..<end], as: UTF8.self) else { return .failure(index) }
            strings.append(text)
            start = end
        }
        return .success(strings)
    }

    private func skipByteOrderMark() {
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            position = 3
        }
    }

    private func refill() throws {
        guard !atEndOfInput, let handle else { return }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        if let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            buffer.append(contentsOf: chunk)
        } else {
            atEndOfInput = true
        }
    }

    /// Peeks the next byte, refilling the buffer when needed; `nil` at end of input.
    @inline(__always)
    private func peek() throws -> UInt8? {
        if position >= buffer.count {
            try refill()
            if position >= buffer.count { return nil }
        }
        return buffer[position]
    }

    private func readRawRow() throws -> RawRow? {
        guard try peek() != nil else { return nil }
        let startLine = line
        rowBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        var fieldStart = 0
        var inQuotes = false
        var anyQuoted = false
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

        func endRow() -> RawRow {
            fieldEnds.append(rowBytes.count)
            return RawRow(line: startLine, fieldCount: fieldEnds.count, quoted: anyQuoted, unterminatedQuote: inQuotes)
        }
        while let byte = try peek() {
            position += 1
            if inQuotes {
                if byte == quote {
                    if try peek() == quote {
                        position += 1
                        rowBytes.append(quote)
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == lf { line += 1 }
                    rowBytes.append(byte)
                }
                continue
            }
            switch byte {
            case quote where rowBytes.count == fieldStart:
                inQuotes = true
                anyQuoted = true
            case comma:
                fieldEnds.append(rowBytes.count)
                fieldStart = rowBytes.count
            case lf:
                line += 1
                return endRow()
            case cr:
                if try peek() == lf { position += 1 }
                line += 1
                return endRow()
            default:
                rowBytes.append(byte)
            }
        }
        return endRow()
    }
}
