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
                """)

        @Option(name: .customLong("from-describe"), help: "A saved GET …/sobjects/Lead/describe response.")
        var describe: String?
        @Option(name: .customLong("from-csv"), help: "A Lead export (Data Loader or report CSV).")
        var csv: String?
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
        }

        func run() async throws {
            let draft: ContractDrafter.Draft
            if fromOrg {
                let salesforce = try SalesforceConfigLoader.load(from: URL(fileURLWithPath: config ?? ""))
                let data = try await OrgConnection.with(salesforce) { try await $0.describe("Lead") }
                draft = ContractDrafter.draft(fromDescribe: try SalesforceDescribe.decode(data, source: "Lead describe"), name: name)
            } else if let describe {
                let data = try readFile(describe)
                draft = ContractDrafter.draft(fromDescribe: try SalesforceDescribe.decode(data, source: describe), name: name)
            } else {
                draft = try ContractDrafter.draft(fromCSV: URL(fileURLWithPath: csv ?? ""), name: name)
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
