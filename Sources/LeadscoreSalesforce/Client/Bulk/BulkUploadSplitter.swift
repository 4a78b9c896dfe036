import Foundation
import LeadscoreData

/// One upload of a Bulk API 2.0 ingest: the header line plus a run of whole rows of the input file.
struct BulkUploadPart: Sendable, Equatable {
    /// From 1.
    let number: Int
    /// Index of its first data row in the file (0 for the first row after the header).
    let firstRow: Int
    let rows: Int
    /// Where its rows sit in the file, line ends included.
    let range: Range<UInt64>
}

/// Reads a CSV file once, byte by byte, to find where its rows end and cut it into uploads no larger than
/// a limit, without ever holding the file in memory.
///
/// It also enforces what the job declares to Salesforce (`lineEnding: LF`, `columnDelimiter: COMMA`) and the
/// quoting rules of "Valid CSV Record Rows" in the Bulk API 2.0 Developer Guide: a CR outside quotes (a CRLF
/// file) would end up inside the last value of every row, and a stray quote would shift every row after it,
/// so both are refused with the line to fix. Blank lines are refused too: they hold no record, and skipping
/// them here but not elsewhere would throw the row count off.
struct BulkUploadSplitter {
    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    let source: String
    let partBytes: Int

    /// The header line (LF included, without a UTF-8 byte-order mark) and the parts.
    func split(_ file: URL) throws -> (headerLine: [UInt8], parts: [BulkUploadPart]) {
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw InputError(source: source, problem: "the file cannot be opened", fix: "check the path and that the file is readable")
        }
        defer { try? handle.close() }
        var state = State.fieldStart
        var position: UInt64 = 0
        var line = 1
        var rowLine = 1
        var rowStart: UInt64 = 0
        var header: [UInt8]?
        var pendingHeader: [UInt8] = []
        var parts: [BulkUploadPart] = []
        var partStart: UInt64 = 0
        var partRows = 0
        var rows = 0

        /// A line ended at `end` (after its LF, or at the end of the file).
        func rowEnded(at end: UInt64) throws {
            guard let header else {
                if pendingHeader.last != UInt8(ascii: "\n") { pendingHeader.append(UInt8(ascii: "\n")) }
                header = pendingHeader
                partStart = end
                return
            }
            let limit = UInt64(max(partBytes - header.count, 0))
            guard end - rowStart <= limit else {
                throw InputError(source: source, line: rowLine,
                                 problem: "the row is \(end - rowStart) bytes, more than one upload may carry",
                                 fix: "shorten its values (Salesforce allows 400,000 characters per record)")
            }
            if partRows > 0, end - partStart > limit {
                parts.append(BulkUploadPart(number: parts.count + 1, firstRow: rows - partRows, rows: partRows,
                                            range: partStart..<rowStart))
                partStart = rowStart
                partRows = 0
            }
            partRows += 1
            rows += 1
        }

        var first = true
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            var bytes = chunk[...]
            if first {
                first = false
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                    bytes = bytes.dropFirst(3)
                    position = 3
                    rowStart = 3
                }
            }
            for byte in bytes {
                if header == nil {
                    pendingHeader.append(byte)
                    guard pendingHeader.count <= Self.maxHeaderBytes else {
                        throw InputError(source: source, line: 1, problem: "the header line is longer than 1 MiB",
                                         fix: "check the file has LF line ends and a header row of field API names")
                    }
                }
                switch (state, byte) {
                case (.quoted, UInt8(ascii: "\"")):
                    state = .quoteInQuoted
                case (.quoted, _):
                    if byte == UInt8(ascii: "\n") { line += 1 }
                case (.quoteInQuoted, UInt8(ascii: "\"")), (.fieldStart, UInt8(ascii: "\"")):
                    state = .quoted
                case (_, UInt8(ascii: "\"")):
                    throw InputError(source: source, line: line, problem: "a double quote appears inside an unquoted value",
                                     fix: "enclose the value in double quotes and double the quote inside it (\"say \"\"hi\"\"\")")
                case (_, UInt8(ascii: ",")):
                    state = .fieldStart
                case (_, UInt8(ascii: "\n")):
                    guard position > rowStart else {
                        throw InputError(source: source, line: line, problem: "the line is empty", fix: "remove blank lines from the file")
                    }
                    try rowEnded(at: position + 1)
                    line += 1
                    rowLine = line
                    rowStart = position + 1
                    state = .fieldStart
                case (_, UInt8(ascii: "\r")):
                    throw InputError(source: source, line: line, problem: "the line ends with CR LF (or holds a CR outside quotes)",
                                     fix: "save the file with LF line ends; the job declares lineEnding LF")
                case (.quoteInQuoted, _):
                    throw InputError(source: source, line: line, problem: "text follows a closing double quote",
                                     fix: "enclose the whole value in double quotes and double every quote inside it")
                default:
                    state = .unquoted
                }
                position += 1
            }
        }
        if state == .quoted {
            throw InputError(source: source, line: rowLine, problem: "a quoted value starting here is never closed",
                             fix: "close the value with a double quote")
        }
        if position > rowStart { try rowEnded(at: position) }
        guard let header else {
            throw InputError(source: source, line: 1, problem: "the file is empty", fix: "write a header row of field API names")
        }
        if partRows > 0 {
            parts.append(BulkUploadPart(number: parts.count + 1, firstRow: rows - partRows, rows: partRows, range: partStart..<position))
        }
        return (header, parts)
    }

    /// Salesforce allows 32,000 characters in a header row; far more means the line ends are wrong.
    static let maxHeaderBytes = 1 << 20
}
