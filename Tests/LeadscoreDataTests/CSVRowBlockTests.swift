import Foundation
import Testing
@testable import LeadscoreData

/// `CSVReader.nextBlock(maxRows:)` (rows kept as bytes, for batch scoring) must read exactly what
/// `next()` reads: the same rows with the same values and lines, the same problems, in the same order.
struct CSVRowBlockTests {
    /// The records of `make()`'s reader through `next()`, and through blocks of `maxRows` turned back
    /// into records (rows and problems merged by line, as the batch scorer merges them).
    private func bothWays(maxRows: Int, _ make: () throws -> CSVReader) throws -> (byRow: [CSVRecord], byBlock: [CSVRecord]) {
        let rowReader = try make()
        var byRow: [CSVRecord] = []
        while let record = try rowReader.next() { byRow.append(record) }
        let blockReader = try make()
        var byBlock: [CSVRecord] = []
        while let block = try blockReader.nextBlock(maxRows: maxRows) {
            #expect(block.count <= maxRows)
            let rows = block.withFields { fields in
                (0..<block.count).map { row in
                    CSVRecord.row(CSVRow(line: block.lines[row], values: (0..<block.columns).map { column in
                        String(decoding: fields.field(row: row, column: column), as: UTF8.self)
                    }))
                }
            }
            let problems = block.problems.map(CSVRecord.malformed)
            byBlock += (rows + problems).sorted { line(of: $0) < line(of: $1) }
        }
        return (byRow, byBlock)
    }

    private func line(of record: CSVRecord) -> Int {
        switch record {
        case let .row(row): row.line
        case let .malformed(problem): problem.line
        }
    }

    @Test(arguments: [1, 2, 3, 100])
    func blocksReadWhatRowsRead(maxRows: Int) throws {
        var bytes = Array("\u{FEFF}Id,Company,Note\r\n1,\"Acme, Inc.\",\"two\r\nlines\"\r\n\r\n2,short\n".utf8)
        bytes += Array("3,Café,ok\n4,".utf8) + [0xC3, 0x28] + Array(",bad\n5,\"Say \"\"hi\"\"\",\n".utf8)
        bytes += Array("6,\"é\",\"\"\n,,\n7,open,\"never closed\n8,x,y\n".utf8)
        let url = try makeTemporaryDirectory().appendingPathComponent("mixed.csv")
        try Data(bytes).write(to: url)
        let (byRow, byBlock) = try bothWays(maxRows: maxRows) { try CSVReader(url: url) }
        #expect(byRow.count == 8)
        #expect(byBlock == byRow)
    }

    @Test func blocksReadValuesSplitByAReadAsRowsDo() throws {
        // A quote, an escaped quote, a CR or a quoted newline at the end of a 1 MiB read.
        let directory = try makeTemporaryDirectory()
        for shift in 0..<8 {
            let pad = String(repeating: "z", count: (1 << 20) - shift - 7)
            let url = directory.appendingPathComponent("split-\(shift).csv")
            try writeText("a,b\n\(pad),1\n\"x\"\"y\",2\r\n3,\"p\nq\"\r\n\"\",\"\"\"\"\r", to: url)
            let (byRow, byBlock) = try bothWays(maxRows: 2) { try CSVReader(url: url) }
            #expect(byRow.count == 4, "shift \(shift)")
            #expect(byBlock == byRow, "shift \(shift)")
        }
    }

    @Test func aRealExportReadsTheSameByBlocks() throws {
        // Semicolon-separated, from ../shared/datasets.
        let (byRow, byBlock) = try bothWays(maxRows: 4_096) { try CSVReader(url: onlineShoppersCSV) }
        #expect(byRow.count > 10_000)
        #expect(byBlock == byRow)
    }
}
