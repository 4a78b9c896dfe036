import Foundation
import Testing
@testable import LeadscoreData

struct MissingValuesTests {
    @Test func placeholdersAreMissingByDefault() throws {
        for text in ["N/A", "n/a", " --None-- ", "Select", "please SELECT", "-", "--", "null", "NULL", "undefined",
                     "NaN", "#N/A", "\u{00A0}", "\u{200B}", "\u{200B} \u{FEFF}"] {
            #expect(FieldParser.parse(text, as: .number) == .success(.missing), "\(text.debugDescription) as a number")
            #expect(FieldParser.parse(text, as: .picklist) == .success(.missing), "\(text.debugDescription) as a picklist")
        }
    }

    @Test func realAnswersThatLookLikePlaceholdersAreKept() throws {
        // None, Unknown and NA (North America) are real picklist values in many orgs; 0 is a real count.
        for text in ["None", "Unknown", "NA", "Not provided", "N/A Corp", "Selected"] {
            #expect(FieldParser.parse(text, as: .picklist) == .success(.text(text)))
        }
        #expect(FieldParser.parse("0", as: .integer) == .success(.number(0)))
        #expect(FieldParser.parse("-5", as: .number) == .success(.number(-5)))
        #expect(FieldParser.parse("No", as: .boolean) == .success(.bool(false)))
    }

    @Test func aContractReplacesTheDefaults() throws {
        let yaml = smallContractYAML.replacingOccurrences(of: "fields:\n", with: "missing_values: [\"?\", \"none\"]\nfields:\n")
        let contract = try ContractLoader.parse(yaml)
        #expect(contract.missingValues.placeholders == ["?", "none"])
        let custom = contract.missingValues
        #expect(FieldParser.parse("?", as: .number, missingValues: custom) == .success(.missing))
        #expect(FieldParser.parse("None", as: .picklist, missingValues: custom) == .success(.missing))
        #expect(FieldParser.parse("--None--", as: .picklist, missingValues: custom) == .success(.text("--None--")))
        guard case .failure = FieldParser.parse("N/A", as: .number, missingValues: custom) else {
            Issue.record("N/A is no longer a placeholder, so it is not a number")
            return
        }
        // An empty list: only empty text is missing.
        let bare = try ContractLoader.parse(smallContractYAML.replacingOccurrences(of: "fields:\n", with: "missing_values: []\nfields:\n"))
        #expect(bare.missingValues.placeholders.isEmpty)
        #expect(FieldParser.parse("-", as: .picklist, missingValues: bare.missingValues) == .success(.text("-")))
        #expect(FieldParser.parse("  ", as: .picklist, missingValues: bare.missingValues) == .success(.missing))
        // Without the key, the defaults apply.
        #expect(try ContractLoader.parse(smallContractYAML).missingValues == .standard)
    }

    @Test func badMissingValuesAreReportedWithLineAndFix() throws {
        func errors(_ entry: String) throws -> [InputError] {
            let yaml = smallContractYAML.replacingOccurrences(of: "fields:\n", with: "missing_values: \(entry)\nfields:\n")
            return try #require(throws: InputErrors.self) { try ContractLoader.parse(yaml) }.errors
        }
        let line = smallContractYAML.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0 == "fields:" }.map { $0 + 1 }
        let unquoted = try errors("[\"N/A\", null]")
        #expect(unquoted == [InputError(source: "contract.yaml", line: line, field: "missing_values[1]",
                                        problem: "unquoted 'null' is YAML's empty value, not a text",
                                        fix: "write it in quotes: \"null\"")])
        let notAList = try #require(try errors("N/A").first)
        #expect(notAList.field == "missing_values")
        #expect(notAList.problem == "expected a list of texts")
        #expect(notAList.line == line)
        let repeated = try #require(try errors("[\"N/A\", \" n/a \"]").first)
        #expect(repeated.field == "missing_values[1]")
        #expect(repeated.fix == "keep one of them")
        // Cross-field rules: a yes/no spelling would blank the label; an allowed value would never be seen.
        let flag = try #require(try errors("[\"Yes\"]").first)
        #expect(flag.problem == "'Yes' reads as yes in yes/no fields such as IsConverted, so listing it would blank real answers")
        #expect(flag.line == line)
        let allowed = try #require(try errors("[\"web\"]").first)
        #expect(allowed.problem == "'web' is also an allowed value of LeadSource, which would never be seen")
    }

    @Test func theWriterSpellsTheListOutAndItLoadsBack() throws {
        let contract = try ContractLoader.parse(smallContractYAML)
        let yaml = ContractWriter.yaml(contract)
        #expect(yaml.contains("missing_values: [\"--None--\", \"Select\", \"--Select--\", \"Select one\", \"Please select\", "
            + "\"N/A\", \"#N/A\", \"-\", \"--\", \"null\", \"nil\", \"undefined\", \"NaN\"]"))
        #expect(try ContractLoader.parse(yaml) == contract)
        var custom = contract
        custom.missingValues = MissingValues(["?", "n.v."])
        #expect(try ContractLoader.parse(ContractWriter.yaml(custom)).missingValues.placeholders == ["?", "n.v."])
    }

    @Test func aNumberColumnWithPlaceholdersDraftsAsANumber() throws {
        let url = try makeTemporaryDirectory().appendingPathComponent("leads.csv")
        try writeText("""
            Company;Employees;Budget;Source;Converted
            Acme;120;1000.50;Web;Yes
            Beta;N/A;-;--None--;No
            Gamma;-;250;Select;No
            Delta;35;n/a;Partner;Yes
            Epsilon;;null;Web;No
            Zeta;8;12.5;Web;No
            Eta;#N/A;NaN;Partner;No
            Theta;40;75;Web;Yes

            """, to: url)
        let draft = try ContractDrafter.draft(fromCSV: url, name: "forms")
        func field(_ header: String) -> FieldSpec? { draft.contract.fields.first { ($0.label ?? $0.name) == header } }
        #expect(field("Employees")?.type == .integer)
        #expect(field("Budget")?.type == .number)
        #expect(field("Converted")?.type == .boolean)
        let source = try #require(field("Source"))
        #expect(source.type == .picklist)
        #expect(source.values == ["Web", "Partner"])
        // The draft writes the defaults out, so the user sees (and can edit) what counts as missing.
        #expect(draft.contract.missingValues == .standard)
        #expect(ContractWriter.yaml(draft.contract, remarks: draft.remarks).contains("missing_values: [\"--None--\""))
    }

    @Test func snapshotsReadPlaceholdersAsMissingAndNameThemWhenRequired() throws {
        let directory = try makeTemporaryDirectory()
        let csvURL = directory.appendingPathComponent("Lead.csv")
        var lines = smallLeadsCSV(count: 60).components(separatedBy: "\r\n")
        // Lead 1: placeholders in a number, a picklist and a date; lead 2: a placeholder in required CreatedDate.
        var first = lines[2].components(separatedBy: ",")
        let second = lines[3].components(separatedBy: ",")
        first[5] = "N/A"  // NumberOfEmployees (the title is one quoted value with a comma, hence +1)
        first[4] = "--None--"  // LeadSource
        first[8] = "-"  // LastActivityDate
        lines[2] = first.joined(separator: ",")
        lines[3] = (second.dropLast() + ["n/a"]).joined(separator: ",")
        try writeText(lines.joined(separator: "\r\n"), to: csvURL)
        let out = directory.appendingPathComponent("snap")
        let manifest = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: csvURL), contract: try ContractLoader.parse(smallContractYAML),
            contractText: smallContractYAML, to: SalesforceDate.parse("2024-03-15"), salt: testSalt), to: out)
        #expect(manifest.counts.rejected == 1)
        #expect(manifest.source.dialect == CSVDialect(delimiter: .comma, detected: true, lineEnding: .crlf))
        let rejects = try String(contentsOf: out.appendingPathComponent(SnapshotManifest.rejectsFile), encoding: .utf8)
        #expect(rejects.contains("holds 'N/A', a placeholder the contract's missing_values read as empty, but the field is required"))
        let table = try Snapshot.open(out).table
        let ids = try #require(table.column("Id"))
        let lead = FieldValue.text(SalesforceId.caseSafe("00Q000000000001"))
        let row = try #require((0..<table.rowCount).first { ids.value(at: $0) == lead })
        #expect(table.column("NumberOfEmployees")?.value(at: row) == .missing)
        #expect(table.column("LeadSource")?.value(at: row) == .missing)
        #expect(table.column("LastActivityDate")?.value(at: row) == .missing)
    }
}
