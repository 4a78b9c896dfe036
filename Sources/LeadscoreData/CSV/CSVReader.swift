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

/// A streaming CSV reader for Salesforce report and Data Loader exports, and spreadsheet files, as they come.
///
/// It reads the file in 1 MiB chunks (memory stays flat for any file size) and copes with a UTF-8
/// byte-order mark, CRLF / LF / CR line ends, quoted delimiters, quotes and newlines, and blank lines.
/// Unless told otherwise it detects the delimiter (comma, semicolon, tab or pipe) from the header and
/// the first rows, because a file saved by Excel in many locales uses semicolons; `dialect` says what
/// it found. A malformed row (wrong number of values, an unterminated quote, invalid UTF-8) comes back
/// as `.malformed` with its line number; reading carries on, so one bad row never loses the rest.
public final class CSVReader {
    /// Column names from the first row, with surrounding white space trimmed.
    public private(set) var header: [String] = []
    /// The name used in messages (usually the file name).
    public let sourceName: String
    /// The delimiter, line ends and byte-order mark, found when the file was opened.
    public private(set) var dialect = CSVDialect(delimiter: .comma, detected: false)

    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEndOfInput = false
    private var line = 1
    private var separator = UInt8(ascii: ",")
    /// The current row's bytes, all fields back to back; `fieldEnds` marks where each ends.
    /// One buffer per reader, not one array per field: millions of rows allocate almost nothing.
    private var rowBytes: [UInt8] = []
    private var fieldEnds: [Int] = []

    /// Opens `url` and reads its header. Throws an `InputError` if the file is missing or empty, or
    /// when `delimiter` is `.detect` and the first rows fit two delimiters equally or none well.
    public convenience init(url: URL, delimiter: CSVDelimiterChoice = .detect) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw InputError(source: url.path, problem: "the file cannot be opened",
                             fix: "check the path and that the file is readable")
        }
        try self.init(handle: handle, initialBytes: [], sourceName: url.lastPathComponent, delimiter: delimiter)
    }

    /// Reads CSV text already in memory (tests, HTTP bodies).
    public convenience init(text: String, sourceName: String = "input", delimiter: CSVDelimiterChoice = .detect) throws {
        try self.init(handle: nil, initialBytes: Array(text.utf8), sourceName: sourceName, delimiter: delimiter)
    }

    private init(handle: FileHandle?, initialBytes: [UInt8], sourceName: String, delimiter: CSVDelimiterChoice) throws {
        self.handle = handle
        self.sourceName = sourceName
        self.buffer = initialBytes
        self.atEndOfInput = handle == nil
        try refill()
        let byteOrderMark = skipByteOrderMark()
        if position < buffer.count {
            // The first chunk (up to 1 MiB) holds the header and the rows the delimiter is judged on.
            let sniffer = CSVDialectSniffer(bytes: buffer[position...], complete: atEndOfInput, sourceName: sourceName)
            dialect = try sniffer.dialect(for: delimiter, byteOrderMark: byteOrderMark)
            separator = dialect.delimiter.byte
        }
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

    /// Throws unless the header has at least two columns.
    ///
    /// A lead file with one column is almost always a file whose delimiter was not recognised (the
    /// whole line became one column name), and a contract needs a label plus inputs anyway. Readers
    /// of Salesforce files do not call this: a Bulk delete job, for one, is a single `Id` column.
    public func requireSeveralColumns() throws {
        guard header.count < 2 else { return }
        let name = "'\(header.first?.prefix(60) ?? "")'"
        guard dialect.detected else {
            let given = dialect.delimiter
            throw InputError(
                source: sourceName, line: 1,
                problem: "the header is one column (\(name)): it has no \(given.name), the delimiter given",
                fix: "leave --delimiter out to detect it, or pass the character the file uses")
        }
        throw InputError(
            source: sourceName, line: 1,
            problem: "the header is one column (\(name)): no comma, semicolon, tab or | separates the names, "
                + "so every row would be read as a single value",
            fix: "save the file as CSV with a comma, semicolon or tab between values (Excel: 'CSV UTF-8')")
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
        return rowBytes.withUnsafeBufferPointer { bytes in
            // A row of ASCII bytes is valid UTF-8 as it stands: its fields skip the (generic, slower) validation.
            let ascii = bytes.allSatisfy { $0 < 0x80 }
            var start = 0
            for (index, end) in fieldEnds.enumerated() {
                let field = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if ascii {
                    strings.append(String(decoding: field, as: UTF8.self))
                } else if let text = String(validating: field, as: UTF8.self) {
                    strings.append(text)
                } else {
                    return .failure(index)
                }
                start = end
            }
            return .success(strings)
        }
    }

    /// Skips a UTF-8 byte-order mark; `true` when there was one.
    private func skipByteOrderMark() -> Bool {
        guard buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF else { return false }
        position = 3
        return true
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
        let quote = UInt8(ascii: "\""), separator = self.separator, lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

        func endRow() -> RawRow {
            fieldEnds.append(rowBytes.count)
            return RawRow(line: startLine, fieldCount: fieldEnds.count, quoted: anyQuoted, unterminatedQuote: inQuotes)
        }
        while try peek() != nil {
            if inQuotes {
                // A quoted value's bytes up to the next quote, copied in one go.
                let end = scan(from: position) { $0 == quote }
                for byte in buffer[position..<end] where byte == lf { line += 1 }
                rowBytes.append(contentsOf: buffer[position..<end])
                position = end
                guard position < buffer.count else { continue }  // refill and go on
                position += 1
                if try peek() == quote {
                    position += 1
                    rowBytes.append(quote)
                } else {
                    inQuotes = false
                }
                continue
            }
            // Plain bytes up to the next quote, separator or line end, copied in one go.
            let end = scan(from: position) { $0 == quote || $0 == separator || $0 == lf || $0 == cr }
            if end > position {
                rowBytes.append(contentsOf: buffer[position..<end])
                position = end
                continue
            }
            let byte = buffer[position]
            position += 1
            switch byte {
            case quote where rowBytes.count == fieldStart:
                inQuotes = true
                anyQuoted = true
            case quote:
                rowBytes.append(quote)
            case separator:
                fieldEnds.append(rowBytes.count)
                fieldStart = rowBytes.count
            case lf:
                line += 1
                return endRow()
            default:  // CR, alone or before LF
                if try peek() == lf { position += 1 }
                line += 1
                return endRow()
            }
        }
        return endRow()
    }

    /// The first position at or after `start` in the buffer whose byte `stops` (the buffer's end if none).
    @inline(__always)
    private func scan(from start: Int, _ stops: (UInt8) -> Bool) -> Int {
        buffer.withUnsafeBufferPointer { bytes in
            var index = start
            while index < bytes.count, !stops(bytes[index]) { index += 1 }
            return index
        }
    }
}
