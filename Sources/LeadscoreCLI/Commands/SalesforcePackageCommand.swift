import ArgumentParser
import Foundation
import LeadscoreData
import LeadscoreModels
import LeadscoreSalesforce
import LeadscoreService

/// `leadscore salesforce …`: what an admin deploys to the org.
struct SalesforceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salesforce",
        abstract: "Generate the Salesforce metadata (SFDX project) an admin deploys.",
        subcommands: [SalesforcePackageCommand.self])
}

/// `leadscore salesforce package --out salesforce/ (--bundle MODEL_DIR | --contract contract.yaml) --service-url URL`
struct SalesforcePackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Write the SFDX project: AI fields, audit object, permission sets, credentials, External Service, Flows, "
            + "list view and report.",
        discussion: """
            Generated from the model's data contract and tiers and the service's OpenAPI document, so a contract change
            regenerates the fields, the Flow's inputs and the integration user's access. Deploy it with
            `cd salesforce && sf project deploy start --target-org ORG`; docs/salesforce-setup.md has every step.
            Examples:
              leadscore salesforce package --bundle var/demo/model --service-url https://leadscore.example.com --out salesforce
              leadscore salesforce package --contract contract.yaml --openapi openapi.json --service-url https://leadscore.example.com --out salesforce
            """)

    @Option(help: "A model bundle (its contract and tiers); the OpenAPI document is the one `serve` answers for it.")
    var bundle: String?
    @Option(help: "A data contract, instead of --bundle; tiers then come from --config (tiers.levels) or the defaults.")
    var contract: String?
    @Option(help: "leadscore.yaml: service.limits.max_batch_leads for the OpenAPI document, and tiers with --contract.")
    var config: String?
    @Option(help: "The document the service serves (saved GET /openapi.json), instead of generating it.") var openapi: String?
    @Option(help: "The service's public base URL, e.g. https://leadscore.example.com.") var serviceURL: String
    @Option(help: "Rescore leads whose score is older than this many days.") var staleDays = 30
    @Option(help: "Mark at most this many leads for rescoring per day.") var rescoreLimit = 2_000
    @Option(help: "First day of the daily rescore (YYYY-MM-DD, default today, UTC).") var scheduleStart: String?
    @Flag(help: "Deploy the Flows active (default: Draft, activated in the recommend phase).") var activateFlows = false
    @Option(help: "Folder to write (replaced as a whole if an earlier run wrote it).") var out: String

    func validate() throws {
        guard (bundle == nil) != (contract == nil) else {
            throw ValidationError("pass either --bundle MODEL_DIR or --contract contract.yaml")
        }
    }

    func run() throws {
        let source = try modelInputs()
        let document: Data
        if let openapi {
            guard let saved = FileManager.default.contents(atPath: openapi) else {
                throw InputError(source: "--openapi", problem: "\(openapi) cannot be read",
                                 fix: "save the service's document first: curl -sf \(serviceURL)/openapi.json -o \(openapi)")
            }
            document = saved
        } else {
            let limits = try config.map { try ServiceConfigLoader.load(from: URL(fileURLWithPath: $0)) } ?? ServiceConfig()
            document = OpenAPIDocument.make(contract: source.contract, maxBatchLeads: limits.maxBatchLeads,
                                            serverURL: serviceURL.hasSuffix("/") ? String(serviceURL.dropLast()) : serviceURL)
        }
        var input = SalesforcePackageInput(contract: source.contract, tiers: source.tiers, openAPIDocument: document,
                                           serviceURL: serviceURL, scheduleStartDate: scheduleStart ?? Self.today())
        input.staleAfterDays = staleDays
        input.dailyRescoreLimit = rescoreLimit
        input.activateFlows = activateFlows
        let package = try SalesforcePackage.generate(input)
        try package.write(to: URL(fileURLWithPath: out))
        if serviceURL.lowercased().hasPrefix("http://") {
            FileHandle.standardError.write(Data(("Warning: --service-url is not HTTPS: Salesforce would send the API key "
                + "secret and lead data unencrypted. Use it only with a test org.\n").utf8))
        }
        print("Wrote \(package.files.count) files to \(out) for contract \(source.contract.name) (revision "
            + "\(source.contract.revision)), tiers \(source.tiers.map(\.name).joined(separator: ", ")), service \(serviceURL)")
        for note in package.notes {
            print("Note: \(note)")
        }
        print("Check offline: find \(out) -name '*-meta.xml' -print0 | xargs -0 ../shared/salesforce-schema/validate")
        print("Deploy: cd \(out) && sf project deploy start --target-org ORG   (docs/salesforce-setup.md)")
    }

    /// The contract and tiers, from the bundle or from a contract file and the training config.
    private func modelInputs() throws -> (contract: DataContract, tiers: [PackageTier]) {
        if let bundle {
            let loaded = try ModelBundle.load(from: URL(fileURLWithPath: bundle))
            return (loaded.contract, loaded.policy.tiers.map { PackageTier(name: $0.name, label: $0.label, route: $0.route) })
        }
        let loaded = try ContractLoader.load(from: URL(fileURLWithPath: contract ?? ""))
        let settings = try config.map { try TrainingConfigLoader.load(from: URL(fileURLWithPath: $0)) } ?? TrainingConfig()
        return (loaded, settings.tiers.levels.map { PackageTier(name: $0.name, label: $0.label, route: $0.route) })
    }

    private static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
