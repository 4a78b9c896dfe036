import ArgumentParser
import Foundation
import LeadscoreData
import LeadscoreMonitoring
import LeadscoreSalesforce
import LeadscoreService

/// `leadscore outcomes --config leadscore.yaml [--csv leads.csv] [--format text|json]`: the delayed-label
/// report — each weekly cohort of first scorings joined with what happened, once its label window closed.
struct OutcomesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Join weekly cohorts of scored leads with their outcomes: AUC, lift, calibration, worked rate, control lift.",
        discussion: """
            Reads monitoring.outcomes (default label window, unworked statuses) and service: (the store holding the
            registry and the audit log) from --config. Outcomes (IsConverted, ConvertedDate, CreatedDate, Status) come
            from --csv, a lead export, or else from the org in the config's salesforce: section. A cohort is the ISO
            week (UTC) of each lead's first scoring, reported once the label window has closed for all its leads.
            docs/monitoring.md.
            Examples:
              leadscore outcomes --config leadscore.yaml --csv exports/Lead.csv
              leadscore outcomes --config leadscore.yaml --format json > outcomes.json
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "A CSV export of leads with Id, IsConverted, ConvertedDate, CreatedDate and optionally Status.")
    var csv: String?
    @Option(help: "The CSV's delimiter; auto detects it from the header and first rows.")
    var delimiter: CSVDelimiterChoice = .detect
    @Option(name: .customLong("as-of"), help: "Judge cohorts as of this moment instead of now, e.g. 2025-01-01.")
    var asOf: DateOption?
    @Option(help: "text or json.") var format: String = "text"

    func validate() throws {
        guard storeOptions.config != nil else {
            throw ValidationError("outcomes needs --config leadscore.yaml (service: for the audit log, salesforce: or --csv for outcomes)")
        }
        guard ["text", "json"].contains(format) else { throw ValidationError("--format is text or json") }
    }

    func run() async throws {
        let configURL = URL(fileURLWithPath: storeOptions.config ?? "")
        let settings = try MonitoringSettingsLoader.load(from: configURL)
        let now = asOf.map { Date(timeIntervalSince1970: $0.seconds) } ?? Date()
        let report: CohortReport
        if let csv {
            report = try await Self.report(storeOptions: storeOptions, settings: settings,
                                           source: CSVOutcomeSource(url: URL(fileURLWithPath: csv), delimiter: delimiter), now: now)
        } else {
            let salesforce = try Self.salesforceConfig(configURL)
            report = try await OrgConnection.with(salesforce) { client in
                try await Self.report(storeOptions: storeOptions, settings: settings, source: SalesforceOutcomeSource(client: client),
                                      now: now)
            }
        }
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(CohortReportText.render(report))
        }
    }

    /// The pass over the store, which is closed afterwards whatever happens.
    static func report(storeOptions: StoreOptions, settings: MonitoringSettings, source: any OutcomeSource,
                       now: Date) async throws -> CohortReport {
        let store = try await storeOptions.openStore()
        do {
            let report = try await OutcomesPass.run(store: store, settings: settings, source: source, now: now)
            try await store.close()
            return report
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// The config's `salesforce:` section; its absence is explained with both ways out.
    static func salesforceConfig(_ url: URL) throws -> SalesforceConfig {
        do {
            return try SalesforceConfigLoader.load(from: url)
        } catch let error as InputError where error.field == "salesforce" {
            throw InputError(source: error.source, field: "salesforce",
                             problem: "there is no --csv and no salesforce: section to read outcomes from",
                             fix: "pass --csv with a lead export (Id, IsConverted, ConvertedDate, CreatedDate, Status), "
                                 + "or add the org's salesforce: section (docs/salesforce-setup.md)")
        }
    }
}
