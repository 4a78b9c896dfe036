import Foundation
import Testing
@testable import LeadscoreData

/// A header equal to a standard field's report label maps to that field only when the column's
/// values fit its type; otherwise the column keeps a custom name (and is not dropped as leakage).
struct HeaderMappingTests {
    let directory: URL

    init() throws {
        directory = try makeTemporaryDirectory()
    }

    /// A report export of 40 leads with a "Converted Date" column holding `convertedDate(row)`.
    func draft(convertedDate: (Int) -> String,
               extra: (header: String, value: (Int) -> String)? = nil) throws -> ContractDrafter.Draft {
        var lines = ["Lead Source,Created Date,Converted,Converted Date" + (extra.map { ",\($0.header)" } ?? "")]
        for row in 0..<40 {
            let created = SalesforceDate.formatDate(SalesforceDate.parse("2024-01-01")! + Double(row) * 86_400)
            let cells = [["Web", "Trade Show"][row % 2], created, row % 4 == 0 ? "1" : "0", convertedDate(row)]
            lines.append((cells + (extra.map { [$0.value(row)] } ?? [])).joined(separator: ","))
        }
        let url = directory.appendingPathComponent("report.csv")
        try writeText(lines.joined(separator: "\n"), to: url)
        return try ContractDrafter.draft(fromCSV: url, name: "report")
    }

    @Test func aConvertedDateColumnHoldingPicklistTextIsNotTheStandardDate() throws {
        let campaigns = ["Spring Webinar", "Partner Day", "Trade Show Follow-up"]
        let drafted = try draft { campaigns[$0 % 3] }
        let contract = drafted.contract
        #expect(contract.field(named: "ConvertedDate") == nil)
        let field = try #require(contract.field(named: "Converted_Date"))
        #expect(field.label == "Converted Date")
        #expect(field.type == .picklist)
        #expect(field.scoring == .allowed)
        #expect(contract.label.dateField == nil)
        #expect(drafted.remarks.contains { $0.contains("'Converted Date' is the label of the standard field ConvertedDate") })
        #expect(ContractValidator.validate(contract).isEmpty)

        // And the snapshot built with the draft keeps the column's values as a feature.
        let yaml = ContractWriter.yaml(contract)
        let manifest = try SnapshotBuilder.build(
            SnapshotRequest(source: CSVFileSource(url: directory.appendingPathComponent("report.csv")),
                            contract: try ContractLoader.parse(yaml), contractText: yaml, asOf: SalesforceDate.parse("2025-01-01")),
            to: directory.appendingPathComponent("snap"))
        #expect(manifest.counts.rejected == 0)
        let table = try Snapshot.open(directory.appendingPathComponent("snap")).table
        #expect(table.column("Converted_Date")?.value(at: 1) == .text("Partner Day"))
    }

    @Test func aConvertedDateColumnHoldingDatesIsTheStandardDate() throws {
        let drafted = try draft { $0 % 4 == 0 ? "2024-03-0\($0 % 9 + 1)" : "" }
        let contract = drafted.contract
        let field = try #require(contract.field(named: "ConvertedDate"))
        #expect(field.label == "Converted Date")
        #expect(field.type == .date)
        #expect(field.scoring == .leakage)
        #expect(contract.label.dateField == "ConvertedDate")
        #expect(!drafted.remarks.contains { $0.contains("is the label of the standard field") })
    }

    @Test func everyTypedStandardFieldChecksItsContent() throws {
        // Text where a date, a number or a flag belongs; dates where a picklist belongs.
        let revenue = try draft(convertedDate: { _ in "" }, extra: ("Annual Revenue", { ["high", "low"][$0 % 2] }))
        #expect(revenue.contract.field(named: "AnnualRevenue") == nil)
        #expect(revenue.contract.field(named: "Annual_Revenue")?.type == .picklist)
        // An empty column says nothing against the label: it keeps the standard name.
        #expect(revenue.contract.field(named: "ConvertedDate") != nil)

        let status = try draft(convertedDate: { _ in "" }, extra: ("Status", { "2024-02-\(10 + $0 % 9)" }))
        #expect(status.contract.field(named: "Status") == nil)
        #expect(status.contract.field(named: "Status_Custom")?.type == .date)
        #expect(status.contract.field(named: "Status_Custom")?.scoring == .allowed)

        let flags = try draft(convertedDate: { _ in "" }, extra: ("Lead Status", { ["Open", "Working", "Closed"][$0 % 3] }))
        #expect(flags.contract.field(named: "Status")?.scoring == .leakage)
        #expect(flags.contract.field(named: "IsConverted")?.type == .boolean)
        #expect(flags.contract.createdField == "CreatedDate")
    }

    @Test func exactNamesWinOverLabelGuessesAndAColumnFeedsOneField() throws {
        let contract = try ContractLoader.parse("""
        version: 1
        name: mapping
        label: {field: IsConverted, date_field: ConvertedDate, window_days: 90}
        fields:
          - {name: Converted_Date, label: Converted Date, type: picklist}
          - {name: ConvertedDate, type: date, scoring: leakage}
          - {name: IsConverted, type: boolean, scoring: leakage}
          - {name: LeadSource, type: picklist}
          - {name: Deal_Size, type: number}
        """)
        let mapping = try HeaderMapping(columns: ["Converted Date", "Lead Source", "Converted", "ConvertedDate", "Deal Size ($)"],
                                        contract: contract, sourceName: "export.csv")
        #expect(mapping.columnIndex == [0, 3, 2, 1, 4])

        // Without a ConvertedDate column the picklist column is not taken for it by its label.
        let withoutDate = try HeaderMapping(columns: ["Converted Date", "Converted"], contract: contract, sourceName: "export.csv")
        #expect(withoutDate.columnIndex == [0, nil, 1, nil, nil])
        #expect(withoutDate.absentFields == ["ConvertedDate", "LeadSource", "Deal_Size"])
    }

    @Test func aLabelGuessNeedsAContractTypeThatFitsTheStandardField() throws {
        let contract = try ContractLoader.parse("""
        version: 1
        name: mapping
        label: {field: Won}
        fields:
          - {name: CreatedDate, type: string}
          - {name: Won, type: boolean}
        """)
        let mapping = try HeaderMapping(columns: ["Created Date", "Won"], contract: contract, sourceName: "export.csv")
        #expect(mapping.columnIndex == [nil, 1])
    }
}
