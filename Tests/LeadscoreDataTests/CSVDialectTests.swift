import Foundation
import Testing
@testable import LeadscoreData

/// The online-shoppers export in `../shared` beside the package: a real semicolon-separated file.
let onlineShoppersCSV = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()  // the package root
    .deletingLastPathComponent().appendingPathComponent("shared/datasets/online-shoppers/online_shoppers_intention.csv")

struct CSVDialectTests {
    /// Reads every record of `text` with `delimiter`, and the dialect the reader settled on.
    func read(_ text: String, delimiter: CSVDelimiterChoice = .detect) throws
        -> (header: [String], records: [CSVRecord], dialect: CSVDialect) {
        let reader = try CSVReader(text: text, delimiter: delimiter)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return (reader.header, records, reader.dialect)
    }

    @Test func detectsCommas() throws {
        let (header, records, dialect) = try read("Id,Company,Employees\n1,Acme,12\n2,Beta,\n")
        #expect(header == ["Id", "Company", "Employees"])
        #expect(records == [.row(CSVRow(line: 2, values: ["1", "Acme", "12"])), .row(CSVRow(line: 3, values: ["2", "Beta", ""]))])
        #expect(dialect == CSVDialect(delimiter: .comma, detected: true, lineEnding: .lf))
    }

    @Test func detectsSemicolonsDespiteDecimalCommas() throws {
        // Excel in a German or French locale: `;` between values, `,` as the decimal mark.
        let (header, records, dialect) = try read("Company;Revenue;Country\r\nAcme;1,5;DE\r\nBeta;2;FR\r\nGamma;3,25;AT\r\n")
        #expect(header == ["Company", "Revenue", "Country"])
        #expect(records == [
            .row(CSVRow(line: 2, values: ["Acme", "1,5", "DE"])),
            .row(CSVRow(line: 3, values: ["Beta", "2", "FR"])),
            .row(CSVRow(line: 4, values: ["Gamma", "3,25", "AT"])),
        ])
        #expect(dialect == CSVDialect(delimiter: .semicolon, detected: true, lineEnding: .crlf))
        #expect(dialect.summary == "semicolon-separated (detected), CRLF line ends")
    }

    @Test func detectsTabsAndPipes() throws {
        let tabs = try read("Id\tNotes\tScore\n1\t\"a, b; c\"\t7\n2\t\t8\n")
        #expect(tabs.dialect.delimiter == .tab)
        #expect(tabs.records == [.row(CSVRow(line: 2, values: ["1", "a, b; c", "7"])), .row(CSVRow(line: 3, values: ["2", "", "8"]))])
        let pipes = try read("Id|Company|Source\r1|Acme, Inc.|Web\r2|Beta; GmbH|Partner\r")
        #expect(pipes.dialect == CSVDialect(delimiter: .pipe, detected: true, lineEnding: .cr))
        #expect(pipes.records == [
            .row(CSVRow(line: 2, values: ["1", "Acme, Inc.", "Web"])),
            .row(CSVRow(line: 3, values: ["2", "Beta; GmbH", "Partner"])),
        ])
    }

    @Test func quotedSeparatorsAndLineBreaksDoNotMislead() throws {
        // Each quoted value holds more semicolons than the line has commas, and one spans two lines.
        let text = "Id,Interests,Notes\n1,\"a;b;c;d\",\"x;y\nz;w\"\n2,\"e;f;g\",\"say \"\"hi\"\"; bye\"\n"
        let (header, records, dialect) = try read(text)
        #expect(dialect.delimiter == .comma)
        #expect(header == ["Id", "Interests", "Notes"])
        #expect(records == [
            .row(CSVRow(line: 2, values: ["1", "a;b;c;d", "x;y\nz;w"])),
            .row(CSVRow(line: 4, values: ["2", "e;f;g", "say \"hi\"; bye"])),
        ])
        // The same data the other way round: quoted commas inside a semicolon file.
        let semicolons = try read("Id;Company;Notes\n1;\"Acme, Inc.\";\"one,\ntwo\"\n2;Beta;\"a,b,c,d\"\n")
        #expect(semicolons.dialect.delimiter == .semicolon)
        #expect(semicolons.records == [
            .row(CSVRow(line: 2, values: ["1", "Acme, Inc.", "one,\ntwo"])),
            .row(CSVRow(line: 4, values: ["2", "Beta", "a,b,c,d"])),
        ])
    }

    @Test func byteOrderMarkAndCRLFAreRecordedAndSkipped() throws {
        let (header, records, dialect) = try read("\u{FEFF}Email;Score\r\na@b.com;3\r\n\r\nc@d.com;4")
        #expect(header == ["Email", "Score"])  // no mark glued to the first name
        #expect(records == [.row(CSVRow(line: 2, values: ["a@b.com", "3"])), .row(CSVRow(line: 4, values: ["c@d.com", "4"]))])
        #expect(dialect == CSVDialect(delimiter: .semicolon, detected: true, byteOrderMark: true, lineEnding: .crlf))
        #expect(dialect.summary == "semicolon-separated (detected), CRLF line ends, UTF-8 byte-order mark")
    }

    @Test func aFewOddRowsAreReportedNotFatal() throws {
        let (_, records, dialect) = try read("a;b;c\n1;2;3\n4;5\n6;7;8\n")
        #expect(dialect.delimiter == .semicolon)
        #expect(records == [
            .row(CSVRow(line: 2, values: ["1", "2", "3"])),
            .malformed(CSVRowProblem(line: 3, reason: "has 2 values but the header has 3 columns")),
            .row(CSVRow(line: 4, values: ["6", "7", "8"])),
        ])
    }

    @Test func twoDelimitersThatFitEquallyAreAnErrorWithTheFix() throws {
        let error = try #require(throws: InputError.self) { try CSVReader(text: "a,b;c\n1,2;3\n4,5;6\n", sourceName: "x.csv") }
        #expect(error.source == "x.csv")
        #expect(error.line == 1)
        #expect(error.problem == "the header splits into 2 columns on comma and on semicolon, and the first 2 rows fit each of them equally")
        #expect(error.fix == "pass --delimiter with the one that separates the values: ',' or ';'")
        // Told which one, the reader reads it.
        let given = try read("a,b;c\n1,2;3\n", delimiter: .fixed(.semicolon))
        #expect(given.header == ["a,b", "c"])
        #expect(given.records == [.row(CSVRow(line: 2, values: ["1,2", "3"]))])
        #expect(given.dialect == CSVDialect(delimiter: .semicolon, detected: false, lineEnding: .lf))
    }

    @Test func rowsThatMostlyDisagreeWithTheHeaderAreAnErrorNamingTheLine() throws {
        let error = try #require(throws: InputError.self) { try CSVReader(text: "a;b;c\n1;2\n3\n4;5;6\n7;8;9;10\n") }
        #expect(error.line == 2)
        #expect(error.problem == "has 2 values separated by semicolon but the header has 3; "
            + "only 1 of the first 4 rows match the header, under any separator")
        #expect(error.fix.contains("--delimiter"))
    }

    @Test func oneColumnIsReadButRefusedWhereATableIsNeeded() throws {
        // A Bulk delete job is a single Id column: the reader itself accepts it.
        let single = try read("Id\n00Q000000000001\n")
        #expect(single.header == ["Id"])
        #expect(single.dialect == CSVDialect(delimiter: .comma, detected: true, lineEnding: .lf))
        #expect(single.records == [.row(CSVRow(line: 2, values: ["00Q000000000001"]))])
        // A semicolon file forced to commas is one column, and a user command says so with the fix.
        let forced = try CSVReader(text: "Name;Score\nAcme;3\n", sourceName: "leads.csv", delimiter: .fixed(.comma))
        #expect(forced.header == ["Name;Score"])
        let error = try #require(throws: InputError.self) { try forced.requireSeveralColumns() }
        #expect(error.source == "leads.csv")
        #expect(error.line == 1)
        #expect(error.problem == "the header is one column ('Name;Score'): it has no comma, the delimiter given")
        #expect(error.fix == "leave --delimiter out to detect it, or pass the character the file uses")
        // Detected as one column: nothing separates the names.
        let detected = try #require(throws: InputError.self) {
            try CSVReader(text: "Name Score\nAcme 3\n").requireSeveralColumns()
        }
        #expect(detected.problem.hasPrefix("the header is one column ('Name Score'): no comma, semicolon, tab or |"))
        #expect(detected.fix == "save the file as CSV with a comma, semicolon or tab between values (Excel: 'CSV UTF-8')")
    }

    @Test func delimiterArgumentsAcceptCharactersAndNames() throws {
        #expect(CSVDelimiterChoice(argument: "auto") == .detect)
        #expect(CSVDelimiterChoice(argument: ";") == .fixed(.semicolon))
        #expect(CSVDelimiterChoice(argument: "\\t") == .fixed(.tab))
        #expect(CSVDelimiterChoice(argument: "\t") == .fixed(.tab))
        #expect(CSVDelimiterChoice(argument: "TAB") == .fixed(.tab))
        #expect(CSVDelimiterChoice(argument: "pipe") == .fixed(.pipe))
        #expect(CSVDelimiterChoice(argument: ":") == nil)
    }

    @Test func readsTheOnlineShoppersExportEndToEnd() throws {
        let reader = try CSVReader(url: try sharedFile(onlineShoppersCSV))
        #expect(reader.dialect == CSVDialect(delimiter: .semicolon, detected: true, lineEnding: .crlf))
        #expect(reader.header.count == 18)
        #expect(reader.header.first == "Administrative")
        #expect(reader.header.last == "Revenue")
        var rows = 0, purchases = 0, problems: [CSVRowProblem] = []
        while let record = try reader.next() {
            switch record {
            case let .row(row):
                rows += 1
                if row.values[17] == "TRUE" { purchases += 1 }
            case let .malformed(problem):
                problems.append(problem)
            }
        }
        #expect(problems == [])
        #expect(rows == 12_330)
        #expect(purchases == 1_908)
        // A snapshot records how its CSV source was read.
        #expect(try CSVFileSource(url: onlineShoppersCSV).describe().dialect?.delimiter == .semicolon)
    }

    @Test func draftsEighteenTypedFieldsFromTheOnlineShoppersExport() throws {
        let draft = try ContractDrafter.draft(fromCSV: try sharedFile(onlineShoppersCSV), name: "shoppers")
        #expect(draft.contract.fields.count == 18)
        // The drafter may rename a column to a Salesforce API name; the header stays as the label.
        func field(_ header: String) -> FieldSpec? {
            draft.contract.fields.first { ($0.label ?? $0.name) == header }
        }
        func type(_ header: String) -> FieldType? { field(header)?.type }
        #expect(type("Administrative") == .integer)
        #expect(type("ProductRelated_Duration") == .number)
        #expect(type("BounceRates") == .number)
        #expect(type("PageValues") == .number)
        #expect(type("Month") == .picklist)
        #expect(type("VisitorType") == .picklist)
        #expect(type("Weekend") == .boolean)
        #expect(type("Revenue") == .boolean)
        #expect(field("Month")?.values.contains("Nov") == true)
        #expect(field("VisitorType")?.values.sorted() == ["New_Visitor", "Other", "Returning_Visitor"])
    }

    /// `url` when the file is there; a failure that says where it was looked for (not a skip) otherwise.
    func sharedFile(_ url: URL) throws -> URL {
        try #require(FileManager.default.fileExists(atPath: url.path) ? url : nil,
                     "expected the shared datasets beside the package: \(url.path)")
    }
}
