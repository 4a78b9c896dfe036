import ArgumentParser
import Foundation
import LeadscoreData
import LeadscoreModels
import LeadscoreMonitoring
import LeadscoreSalesforce
import LeadscoreService

/// `leadscore retrain --config leadscore.yaml [--from-csv leads.csv] [--out DIR]`: extract → snapshot →
/// train → gates against production → the candidate registered as shadow, its gate report kept with it.
struct RetrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrain",
        abstract: "Retrain on fresh leads, gate the candidate against production, and register it as shadow.",
        discussion: """
            Rows come from the org in the config's salesforce: section, or from --from-csv (which wins when both \
            are given). The contract is --contract, else the production model's own. The candidate is compared \
            with production on the same test leads: data (rejected rows, contract violations, inputs against \
            production's baseline), offline (PR AUC and top-decile lift), segments (ROC AUC per value of \
            segments:) and operational (latency budget, unchanged request schema); tolerances in \
            monitoring.gates. The report is stored with the version: `leadscore models promote` refuses a \
            candidate whose gates failed unless given --force with a --reason. docs/monitoring.md.
            Exit status 3 when a gate failed (the candidate is still registered as shadow, unless the registry \
            had no production model).
            Examples:
              leadscore retrain --config leadscore.yaml
              leadscore retrain --config leadscore.yaml --from-csv Lead.csv --out var/retrain/2026-01
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .customLong("from-csv"), help: "Leads as a CSV export instead of the org.") var fromCSV: String?
    @Option(help: "The data contract (default: the production model's).") var contract: String?
    @Option(help: "Output folder for snapshot/, model/ and gates.json (default var/retrain/<time>; must not hold them).")
    var out: String?
    @Option(help: "Keep leads created on or after this date.") var from: DateOption?
    @Option(help: "Keep leads created before this date.") var to: DateOption?
    @Option(name: .customLong("as-of"), help: "When the export was taken (default: --to, else the newest lead).")
    var asOf: DateOption?
    @Option(name: .customLong("pii-salt-file"), help: "File holding the PII salt (else the environment).")
    var piiSaltFile: String?
    @Option(help: "Who (default $USER), for the registry's history.") var actor: String?

    func validate() throws {
        guard storeOptions.config != nil else { throw ValidationError("--config leadscore.yaml is required") }
        if let from, let to, from.seconds >= to.seconds { throw ValidationError("--from must be before --to") }
    }

    func run() async throws {
        AbandonedStaging.removeOnSignals() // interrupted: no half-written staging left behind
        let configURL = URL(fileURLWithPath: storeOptions.config ?? "leadscore.yaml")
        guard let configText = try? String(contentsOf: configURL, encoding: .utf8) else {
            throw InputError(source: configURL.path, problem: "the file cannot be read as UTF-8 text", fix: "check the path passed to --config")
        }
        let training = try TrainingConfigLoader.parse(configText, source: configURL.lastPathComponent)
        let settings = try MonitoringSettingsLoader.parse(configText, source: configURL.lastPathComponent)
        let service = try storeOptions.serviceConfig()
        let output = URL(fileURLWithPath: out ?? "var/retrain/\(Self.stamp(Date()))")
        let store = try await StoreOpener.open(url: service.storeURL)
        let outcome: RetrainOutcome
        do {
            let retraining = Retraining(config: training, evaluator: GateEvaluator(settings: settings, batchSize: service.maxBatchLeads),
                                        store: store, actor: currentActor(actor))
            let (contract, contractText) = try await contractToUse(retraining)
            outcome = try await withInput(contract: contract, contractText: contractText, configText: configText,
                                          configURL: configURL, output: output) { input in
                try await retraining.run(input, output: output) { print("  \($0)") }
            }
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
        report(outcome)
        if !outcome.report.passed { throw ExitCode(3) }
    }

    /// `--contract`, else the contract the production bundle was trained with (its exact text).
    private func contractToUse(_ retraining: Retraining) async throws -> (DataContract, String) {
        if let contract {
            let url = URL(fileURLWithPath: contract)
            return (try ContractLoader.load(from: url), try String(contentsOf: url, encoding: .utf8))
        }
        guard let production = try await retraining.production() else {
            throw ValidationError("the registry has no production model to take the contract from; pass --contract contract.yaml")
        }
        let url = production.path.appendingPathComponent("contract.yaml")
        return (production.bundle.contract, try String(contentsOf: url, encoding: .utf8))
    }

    /// The rows to snapshot: `--from-csv`, else an extract from the org (staged privately, removed after).
    private func withInput(contract: DataContract, contractText: String, configText: String, configURL: URL, output: URL,
                           _ body: (Retraining.Input) async throws -> RetrainOutcome) async throws -> RetrainOutcome {
        let salt = try PIISalt.fromEnvironment(file: piiSaltFile)
        func input(_ source: any RecordSource, history: FieldHistory?) -> Retraining.Input {
            Retraining.Input(source: source, contract: contract, contractText: contractText, history: history,
                             from: from?.seconds, to: to?.seconds, asOf: asOf?.seconds, salt: salt)
        }
        if let fromCSV { return try await body(input(CSVFileSource(url: URL(fileURLWithPath: fromCSV)), history: nil)) }
        guard try Retraining.configNamesSalesforce(configText, source: configURL.lastPathComponent) else {
            throw ValidationError("\(configURL.lastPathComponent) has no salesforce: section to extract from; pass --from-csv leads.csv")
        }
        let staging = try StagingDirectory(beside: output)
        defer { staging.remove() }
        let extract = try await OrgConnection.extract(
            config: try SalesforceConfigLoader.parse(configText, source: configURL.lastPathComponent), contract: contract,
            from: from?.seconds, to: to?.seconds, history: true, into: staging.url)
        return try await body(input(extract.source, history: extract.history))
    }

    private func report(_ outcome: RetrainOutcome) {
        print(GateReportText.render(outcome.report))
        print("Report → \(outcome.reportPath.path)")
        let version = outcome.candidate.metadata.modelVersion
        switch outcome.registration {
        case let .shadow(state):
            print("Registered \(version) as shadow: \(describe(state))")
            print(outcome.report.passed
                ? "Promote it when its shadow scores look right: leadscore models promote \(version) --reason \"...\""
                : "Its gates failed: `leadscore models promote` refuses it unless given --force --reason \"...\"")
        case .production:
            print("Registered \(version): the registry had no production model, so it is production")
        case .sameAsProduction:
            print("\(version) scores exactly as production does: nothing registered")
        case let .notRegistered(why):
            print("Not registered: \(why)")
        }
    }

    /// `20260115-093012`: a folder name per run.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}
