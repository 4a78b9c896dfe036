import ArgumentParser
import Foundation
import LeadscoreData
import LeadscoreSalesforce

struct ContractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract",
        abstract: "Draft and check the data contract (contract.yaml).",
        subcommands: [Draft.self, Check.self])

    struct Draft: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draft a contract from the org's Lead describe, a saved describe response or a CSV export.",
            discussion: """
                Examples:
                  leadscore contract draft --from-org --config leadscore.yaml --out contract.yaml
                  leadscore contract draft --from-describe describe.json --out contract.yaml
                  leadscore contract draft --from-csv Lead.csv --out contract.yaml
                Known leakage fields (ConvertedDate, Status, Rating, …) and personal data are pre-marked; review the draft.
                A CSV's delimiter (comma, semicolon, tab or |) is detected from its header and first rows; the draft
                notes how the file was read. Pass --delimiter when the file is ambiguous, e.g. --delimiter ';'.
                """)

        @Option(name: .customLong("from-describe"), help: "A saved GET …/sobjects/Lead/describe response.")
        var describe: String?
        @Option(name: .customLong("from-csv"), help: "A Lead export (Data Loader or report CSV).")
        var csv: String?
        @Option(help: "The CSV's delimiter (for --from-csv); auto detects it from the header and first rows.")
        var delimiter: CSVDelimiterChoice = .detect
        @Flag(name: .customLong("from-org"), help: "Call the org's Lead describe (connection from --config).")
        var fromOrg = false
        @Option(help: "leadscore.yaml with a salesforce: section (for --from-org).") var config: String?
        @Option(help: "Contract name.") var name: String = "leads"
        @Option(help: "Where to write the contract.") var out: String

        func validate() throws {
            guard [describe != nil, csv != nil, fromOrg].filter({ $0 }).count == 1 else {
                throw ValidationError("pass exactly one of --from-org, --from-describe FILE or --from-csv FILE")
            }
            if fromOrg, config == nil { throw ValidationError("--from-org needs --config leadscore.yaml (its salesforce: section)") }
            if csv == nil, delimiter != .detect { throw ValidationError("--delimiter is for --from-csv FILE") }
        }

        func run() async throws {
            var draft: ContractDrafter.Draft
            if fromOrg {
                let salesforce = try SalesforceConfigLoader.load(from: URL(fileURLWithPath: config ?? ""))
                let data = try await OrgConnection.with(salesforce) { try await $0.describe("Lead") }
                draft = ContractDrafter.draft(fromDescribe: try SalesforceDescribe.decode(data, source: "Lead describe"), name: name)
            } else if let describe {
                let data = try readFile(describe)
                draft = ContractDrafter.draft(fromDescribe: try SalesforceDescribe.decode(data, source: describe), name: name)
            } else {
                let url = URL(fileURLWithPath: csv ?? "")
                // Opened here first so a file read as one column stops with the fix, and the draft says how it was read.
                let reader = try CSVReader(url: url, delimiter: delimiter)
                try reader.requireSeveralColumns()
                draft = try ContractDrafter.draft(fromCSV: url, name: name, delimiter: delimiter)
                draft.remarks.insert("read \(url.lastPathComponent) as \(reader.dialect.summary)", at: 0)
            }
            try writeAtomically(ContractWriter.yaml(draft.contract, remarks: draft.remarks), to: out)
            print("wrote \(out) with \(draft.contract.fields.count) fields")
            for remark in draft.remarks { print("  note: \(remark)") }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a contract; problems are listed with line, field and fix.",
            discussion: "Example: leadscore contract check contract.yaml")

        @Argument(help: "The contract file.") var contract: String

        func run() throws {
            let loaded = try ContractLoader.load(from: URL(fileURLWithPath: contract))
            let features = loaded.fields.filter { $0.scoring == .allowed }.count
            let leakage = loaded.fields.filter { $0.scoring == .leakage }.map(\.name)
            let pii = loaded.fields.filter(\.pii).map(\.name)
            print("\(contract) is valid: \(loaded.fields.count) fields, \(features) usable at scoring time")
            print("  label: \(loaded.label.field)\(loaded.label.dateField.map { " + \($0)" } ?? "")"
                + "\(loaded.label.windowDays.map { " within \($0) days" } ?? "")")
            print("  leakage (never features): \(leakage.joined(separator: ", "))")
            print("  personal data: \(pii.joined(separator: ", "))")
            // Names alone cannot convict a field, so these are warnings; `leadscore profile` adds the data's evidence.
            let suspects = LeakageReview.nameSuspects(in: loaded)
            if !suspects.isEmpty {
                print("  leakage review (\(suspects.count) input\(suspects.count == 1 ? "" : "s") whose name speaks of outcome or sales work):")
                for suspect in suspects {
                    print("    - \(suspect.name) [\(suspect.level.rawValue)]: \(suspect.evidence.joined(separator: "; ")); "
                        + suspect.level.suggestedAction)
                }
            }
        }
    }
}

/// Reads a whole input file, with an error that names it.
func readFile(_ path: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(source: path, problem: "the file cannot be read", fix: "check the path")
    }
    return data
}

/// Writes text through a temporary file and a rename, so a failure never leaves half a file.
func writeAtomically(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url, options: .atomic)
}
