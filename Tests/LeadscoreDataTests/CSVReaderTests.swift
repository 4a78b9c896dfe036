import Foundation
import Testing
@testable import LeadscoreData

struct CSVReaderTests {
    @Test func readsByteOrderMarkCRLFAndQuotedSeparators() throws {
        let text = "\u{FEFF}Id,Company,Description\r\n1,\"Acme, Inc.\",\"line one\r\nline two\"\r\n2,\"Say \"\"hi\"\"\",\r\n"
        let (header, records) = try readAll(text)
        #expect(header == ["Id", "Company", "Description"])
        #expect(records == [
            .row(CSVRow(line: 2, values: ["1", "Acme, Inc.", "line one\r\nline two"])),
            .row(CSVRow(line: 4, values: ["2", "Say \"hi\"", ""])),
        ])
    }

    @Test func reportsShortRowsWithTheirLineAndKeepsGoing() throws {
        let (_, records) = try readAll("a,b,c\n1,2,3\n4,5\n\n6,7,8\n")
        #expect(records == [
            .row(CSVRow(line: 2, values: ["1", "2", "3"])),
            .malformed(CSVRowProblem(line: 3, reason: "has 2 values but the header has 3 columns")),
            .row(CSVRow(line: 5, values: ["6", "7", "8"])),
        ])
    }

    @Test func reportsAnUnterminatedQuote() throws {
        let (_, records) = try readAll("a,b\n1,\"open\n2,3\n")
        guard case let .malformed(problem) = records.last else {
            Issue.record("expected a malformed row, got \(records)")
            return
        }
        #expect(problem.line == 2)
        #expect(problem.reason.contains("never closed"))
    }

    @Test func reportsInvalidUTF8ByColumn() throws {
        var bytes = Array("a,b\n1,".utf8)
        bytes += [0xC3, 0x28]  // invalid two-byte sequence
        bytes += Array("\n2,ok\n".utf8)
        let url = try makeTemporaryDirectory().appendingPathComponent("bad.csv")
        try Data(bytes).write(to: url)
        let reader = try CSVReader(url: url)
        let first = try reader.next()
        #expect(first == .malformed(CSVRowProblem(line: 2, reason: "column b is not valid UTF-8 (save the file as UTF-8)")))
        #expect(try reader.next() == .row(CSVRow(line: 3, values: ["2", "ok"])))
    }

    @Test func readsLoneCarriageReturnsAndNoFinalNewline() throws {
        let (_, records) = try readAll("a,b\r1,2\r3,4")
        #expect(records == [.row(CSVRow(line: 2, values: ["1", "2"])), .row(CSVRow(line: 3, values: ["3", "4"]))])
    }

    @Test func emptyFileIsAClearError() throws {
        #expect(throws: InputError.self) { try CSVReader(text: "") }
    }

    @Test func readsAcrossChunkBoundaries() throws {
        // Values longer than the 1 MiB read size must survive being split between reads.
        let long = String(repeating: "x", count: 1_500_000)
        let url = try makeTemporaryDirectory().appendingPathComponent("long.csv")
        try writeText("a,b\n\"\(long)\",2\n3,4\n", to: url)
        let reader = try CSVReader(url: url)
        #expect(try reader.next() == .row(CSVRow(line: 2, values: [long, "2"])))
        #expect(try reader.next() == .row(CSVRow(line: 3, values: ["3", "4"])))
        #expect(try reader.next() == nil)
    }

    @Test func escapedQuotesAndLineEndsSplitByAReadParseTheSame() throws {
        // The reader copies runs of plain bytes at once; an escaped quote, a CRLF or a quoted newline that
        // straddles the 1 MiB read must read as when it does not.
        let directory = try makeTemporaryDirectory()
        for shift in 0..<8 {
            let pad = String(repeating: "z", count: (1 << 20) - shift - 7)
            let url = directory.appendingPathComponent("split-\(shift).csv")
            try writeText("a,b\n\(pad),1\n\"x\"\"y\",2\r\n3,\"p\nq\"\r\n\"\",\"\"\"\"\n", to: url)
            let reader = try CSVReader(url: url)
            #expect(try reader.next() == .row(CSVRow(line: 2, values: [pad, "1"])))
            #expect(try reader.next() == .row(CSVRow(line: 3, values: ["x\"y", "2"])), "shift \(shift)")
            #expect(try reader.next() == .row(CSVRow(line: 4, values: ["3", "p\nq"])), "shift \(shift)")
            #expect(try reader.next() == .row(CSVRow(line: 6, values: ["", "\""])), "shift \(shift)")
            #expect(try reader.next() == nil)
        }
    }

    @Test func writerQuotesOnlyWhatNeedsIt() throws {
        let url = try makeTemporaryDirectory().appendingPathComponent("out.csv")
        let writer = try CSVWriter(url: url, header: ["a", "b"])
        try writer.write(["plain", "with, comma"])
        try writer.write([nil, "say \"x\"\nnext"])
        let hash = try writer.finish()
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == "a,b\nplain,\"with, comma\"\n,\"say \"\"x\"\"\nnext\"\n")
        #expect(hash == Checksum.sha256Hex(text))
        let (_, records) = try readAll(text)
        #expect(records.last == .row(CSVRow(line: 3, values: ["", "say \"x\"\nnext"])))
    }
}
