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
    /// The row's bytes, all fields back to back; `fieldEnds` marks where each ends. One buffer per
    /// reader, not one array per field: millions of rows allocate almost nothing. `next()` keeps one
    /// row here; `nextBlock(maxRows:)` a block's rows, handed over whole.
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
        guard case let .success(names) = decodeRow(first) else {
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
        while true {
            rowBytes.removeAll(keepingCapacity: true)
            fieldEnds.removeAll(keepingCapacity: true)
            guard let raw = try readRawRow() else { break }
            if isBlank(raw) { continue }
            if let problem = shapeProblem(raw) { return .malformed(problem) }
            switch decodeRow(raw) {
            case let .success(strings):
                return .row(CSVRow(line: raw.line, values: strings))
            case let .failure(column):
                return .malformed(notUTF8(raw, column: column))
            }
        }
        return nil
    }

    /// Up to `maxRows` good rows as bytes, with the problems met on the way (the same rows and problems
    /// `next()` gives, without a String per value); `nil` at the end of the file.
    public func nextBlock(maxRows: Int) throws -> CSVRowBlock? {
        var block = CSVRowBlock(columns: header.count)
        // Rows are read straight into the block's buffers; a row that is not kept is cut off again.
        rowBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        while block.count < maxRows, let raw = try readRawRow() {
            if !isBlank(raw) {
                guard let problem = shapeProblem(raw) ?? utf8Problem(raw) else {
                    block.lines.append(raw.line)
                    continue
                }
                block.problems.append(problem)
            }
            rowBytes.removeSubrange(raw.byteStart...)
            fieldEnds.removeSubrange(raw.fieldStart...)
        }
        guard block.records > 0 else { return nil }
        block.bytes = rowBytes
        block.fieldEnds = fieldEnds
        (rowBytes, fieldEnds) = ([], [])
        rowBytes.reserveCapacity(block.bytes.count)
        fieldEnds.reserveCapacity(block.fieldEnds.count)
        return block
    }

    private func isBlank(_ raw: RawRow) -> Bool {
        raw.fieldCount == 1 && rowBytes.count == raw.byteStart && !raw.quoted
    }

    /// The first column of `raw` that is not UTF-8, as a problem.
    private func utf8Problem(_ raw: RawRow) -> CSVRowProblem? {
        firstInvalidColumn(raw).map { notUTF8(raw, column: $0) }
    }

    /// The first column of `raw` that is not UTF-8, if any: checked in place, an ASCII row at once.
    private func firstInvalidColumn(_ raw: RawRow) -> Int? {
        rowBytes.withUnsafeBufferPointer { bytes in
            guard !bytes[raw.byteStart...].allSatisfy({ $0 < 0x80 }) else { return nil }
            var start = raw.byteStart
            for (column, end) in fieldEnds[raw.fieldStart...].enumerated() {
                guard UTF8Validation.isValid(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return column }
                start = end
            }
            return nil
        }
    }

    /// Why `raw` is not a row of the header (a quote never closed, another number of values), if it is not.
    private func shapeProblem(_ raw: RawRow) -> CSVRowProblem? {
        if raw.unterminatedQuote {
            return CSVRowProblem(
                line: raw.line,
                reason: "a quoted value starting here is never closed (the rest of the file was read as one value)")
        }
        guard raw.fieldCount == header.count else {
            return CSVRowProblem(line: raw.line, reason: "has \(raw.fieldCount) values but the header has \(header.count) columns")
        }
        return nil
    }

    private func notUTF8(_ raw: RawRow, column: Int) -> CSVRowProblem {
        CSVRowProblem(line: raw.line, reason: "column \(header[column]) is not valid UTF-8 (save the file as UTF-8)")
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

    /// A row just read: its fields are the last `fieldCount` of `fieldEnds`, from `fieldStart`; its
    /// bytes run from `byteStart` to the end of `rowBytes`.
    private struct RawRow {
        var line: Int
        var byteStart: Int
        var fieldStart: Int
        var fieldCount: Int
        var quoted: Bool
        var unterminatedQuote: Bool
    }

    private enum DecodeResult {
        case success([String])
        case failure(Int)
    }

    /// The row's fields as strings, or the index of the first field that is not UTF-8.
    private func decodeRow(_ raw: RawRow) -> DecodeResult {
        if let column = firstInvalidColumn(raw) { return .failure(column) }
        return rowBytes.withUnsafeBufferPointer { bytes in
            var strings: [String] = []
            strings.reserveCapacity(raw.fieldCount)
            var start = raw.byteStart
            for end in fieldEnds[raw.fieldStart...] {
                strings.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
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

    /// Reads the next row's fields onto the end of `rowBytes` and `fieldEnds`; nil at the end of the input.
    private func readRawRow() throws -> RawRow? {
        guard try peek() != nil else { return nil }
        // The row is built in locals (no exclusivity checks or reference counting per byte run), put back
        // whenever this returns or throws.
        var (output, ends) = ([UInt8](), [Int]())
        swap(&output, &rowBytes)
        swap(&ends, &fieldEnds)
        defer {
            swap(&output, &rowBytes)
            swap(&ends, &fieldEnds)
        }
        var state = RowState(line: line, position: position, byteStart: output.count, fieldStart: ends.count)
        while true {
            let ended = buffer.withUnsafeBufferPointer { bytes in
                scanRow(bytes, atEnd: atEndOfInput, state: &state, output: &output, ends: &ends)
            }
            position = state.position
            line = state.line
            if !ended {
                try refill()
                state.position = position
                if position < buffer.count || !atEndOfInput { continue }
            }
            ends.append(output.count)
            return RawRow(line: state.startLine, byteStart: state.byteStart, fieldStart: state.fieldStart,
                          fieldCount: ends.count - state.fieldStart, quoted: state.anyQuoted, unterminatedQuote: state.inQuotes)
        }
    }

    /// Where `scanRow` is within a row, carried across refills of the buffer.
    private struct RowState {
        let startLine: Int
        let byteStart: Int
        let fieldStart: Int
        var line: Int
        var position: Int
        var valueStart: Int
        var inQuotes = false
        var anyQuoted = false

        init(line: Int, position: Int, byteStart: Int, fieldStart: Int) {
            (startLine, self.line, self.position) = (line, line, position)
            (self.byteStart, self.fieldStart, valueStart) = (byteStart, fieldStart, byteStart)
        }
    }

    /// Reads buffered bytes from `state.position` into `output` (values back to back; `ends` gets each
    /// value's end but the row's last): true at the row's end, false when more input is needed first
    /// (the buffer ran out, or a quote or CR at its end needs the byte after it, unless `atEnd`).
    private func scanRow(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool, state: inout RowState, output: inout [UInt8],
                         ends: inout [Int]) -> Bool {
        let quote = UInt8(ascii: "\""), separator = self.separator, lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let count = bytes.count
        var i = state.position
        defer { state.position = i }
        while i < count {
            if state.inQuotes {
                // A quoted value's bytes up to the next quote, copied in one go.
                var j = i
                while j < count, bytes[j] != quote {
                    if bytes[j] == lf { state.line += 1 }
                    j += 1
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                i = j
                guard j + 1 < count || (j < count && atEnd) else { return false }  // "" or a closing quote?
                if j + 1 < count, bytes[j + 1] == quote {
                    output.append(quote)
                    i = j + 2
                } else {
                    state.inQuotes = false
                    i = j + 1
                }
                continue
            }
            // Plain bytes up to the next quote, separator or line end, copied in one go.
            var j = i
            while j < count {
                let byte = bytes[j]
                if byte == quote || byte == separator || byte == lf || byte == cr { break }
                j += 1
            }
            if j > i {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                i = j
                continue
            }
            switch bytes[i] {
            case quote where output.count == state.valueStart:
                state.inQuotes = true
                state.anyQuoted = true
                i += 1
            case quote:
                output.append(quote)
                i += 1
            case separator:
                ends.append(output.count)
                state.valueStart = output.count
                i += 1
            case lf:
                state.line += 1
                i += 1
                return true
            default:  // CR, alone or before LF
                guard i + 1 < count || atEnd else { return false }
                i += i + 1 < count && bytes[i + 1] == lf ? 2 : 1
                state.line += 1
                return true
            }
        }
        return false
    }
}
