/// Finds a CSV file's delimiter from its header and first rows.
///
/// Each candidate (comma, semicolon, tab, pipe) splits the sample the way the reader would —
/// a quoted value may hold delimiters, quotes and line breaks — and the one whose header has two or
/// more columns *and* whose rows have the header's column count wins. Counting per row rather than
/// counting characters is what keeps `"Acme; Inc."` or a decimal comma (`1,5`) from misleading it.
/// When two candidates fit equally well, or the best fits fewer than half the rows, the file is
/// ambiguous and the error says so, with the line and the fix, rather than guessing.
struct CSVDialectSniffer {
    /// Rows after the header that are compared: enough to outvote a few odd rows, cheap at any width.
    static let sampledRows = 100

    /// How one candidate splits the sample.
    struct Tally {
        var delimiter: CSVDelimiter
        var headerColumns = 0
        var rows = 0
        var agreeing = 0
        /// The first row whose count differs from the header's, for the error message.
        var firstDisagreement: (line: Int, columns: Int)?
        var lineEnding = CSVLineEnding.none

        /// The share of sampled rows with the header's column count (1 when there are no rows).
        var agreement: Double { rows == 0 ? 1 : Double(agreeing) / Double(rows) }
    }

    /// The start of the input, after any byte-order mark.
    let bytes: ArraySlice<UInt8>
    /// `true` when `bytes` is the whole input; otherwise the last, possibly cut, row is not counted.
    let complete: Bool
    let sourceName: String

    /// The dialect for `choice`: a fixed delimiter is taken as is; otherwise it is detected.
    func dialect(for choice: CSVDelimiterChoice, byteOrderMark: Bool) throws -> CSVDialect {
        switch choice {
        case let .fixed(delimiter):
            return CSVDialect(delimiter: delimiter, detected: false, byteOrderMark: byteOrderMark,
                              lineEnding: tally(delimiter).lineEnding)
        case .detect:
            let chosen = try choose(from: CSVDelimiter.allCases.map(tally))
            return CSVDialect(delimiter: chosen.delimiter, detected: true, byteOrderMark: byteOrderMark,
                              lineEnding: chosen.lineEnding)
        }
    }

    /// The best candidate, or an error when the sample cannot tell them apart.
    func choose(from tallies: [Tally]) throws -> Tally {
        // Best fit first, then the most columns; equal candidates keep their order (comma first) for messages.
        let ranked = tallies.enumerated().filter { $0.element.headerColumns >= 2 }.sorted { first, second in
            let (a, b) = (first.element, second.element)
            if (a.agreement, a.headerColumns) != (b.agreement, b.headerColumns) {
                return (a.agreement, a.headerColumns) > (b.agreement, b.headerColumns)
            }
            return first.offset < second.offset
        }.map(\.element)
        guard let best = ranked.first else {
            // One column under every candidate: read it as one column (a Bulk delete job is just `Id`);
            // commands that need a table say so with `CSVReader.requireSeveralColumns()`.
            return tallies.first { $0.delimiter == .comma } ?? Tally(delimiter: .comma)
        }
        let rivals = ranked.dropFirst().filter { $0.agreement == best.agreement && $0.headerColumns == best.headerColumns }
        if !rivals.isEmpty {
            let names = ([best] + rivals).map(\.delimiter.name)
            let rows = best.rows == 0 ? "" : ", and the first \(best.rows) rows fit each of them equally"
            throw InputError(
                source: sourceName, line: 1,
                problem: "the header splits into \(best.headerColumns) columns on \(names.joined(separator: " and on "))\(rows)",
                fix: "pass --delimiter with the one that separates the values: "
                    + ([best] + rivals).map(\.delimiter.argument).joined(separator: " or "))
        }
        if best.agreeing * 2 < best.rows, let odd = best.firstDisagreement {
            throw InputError(
                source: sourceName, line: odd.line,
                problem: "has \(odd.columns) value\(odd.columns == 1 ? "" : "s") separated by \(best.delimiter.name) "
                    + "but the header has \(best.headerColumns); only \(best.agreeing) of the first \(best.rows) rows "
                    + "match the header, under any separator",
                fix: "check that the header and the rows use the same separator and that every quote is closed, "
                    + "or pass --delimiter with the character the file uses")
        }
        return best
    }

    /// Splits the sample on `delimiter` as the reader would, counting values per row.
    func tally(_ delimiter: CSVDelimiter) -> Tally {
        var tally = Tally(delimiter: delimiter)
        let separator = delimiter.byte
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var index = bytes.startIndex
        var line = 1, recordLine = 1, fields = 1, records = 0
        var fieldStart = true, recordEmpty = true, inQuotes = false

        /// Counts the finished row; `false` once the sample is complete.
        func endRecord(_ ending: CSVLineEnding) -> Bool {
            defer { fields = 1; fieldStart = true; recordEmpty = true; recordLine = line }
            if recordEmpty { return true }  // blank line, skipped as the reader skips it
            if records == 0 {
                tally.headerColumns = fields
                tally.lineEnding = ending
            } else {
                tally.rows += 1
                if fields == tally.headerColumns {
                    tally.agreeing += 1
                } else if tally.firstDisagreement == nil {
                    tally.firstDisagreement = (recordLine, fields)
                }
            }
            records += 1
            return records <= Self.sampledRows
        }

        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == quote {
                    if index < bytes.endIndex, bytes[index] == quote { index += 1 } else { inQuotes = false }
                } else if byte == lf {
                    line += 1
                }
                continue
            }
            switch byte {
            case quote where fieldStart:
                inQuotes = true
                fieldStart = false
                recordEmpty = false
            case separator:
                fields += 1
                fieldStart = true
                recordEmpty = false
            case lf, cr:
                var ending = byte == lf ? CSVLineEnding.lf : .cr
                if byte == cr, index < bytes.endIndex, bytes[index] == lf {
                    index += 1
                    ending = .crlf
                }
                line += 1
                guard endRecord(ending) else { return tally }
            default:
                fieldStart = false
                recordEmpty = false
            }
        }
        // The last row of a partial sample may be cut short; the last row of a whole input is whole.
        if complete { _ = endRecord(.none) }
        return tally
    }
}
