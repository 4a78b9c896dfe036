import ArgumentParser
import Foundation
import LeadscoreData
import LeadscoreMonitoring
import LeadscoreService
import Logging

/// `leadscore monitor --config leadscore.yaml [--since 7d]`: one pass over the audit log's window —
/// drift and data quality of every monitored input, the score distribution and tier mix against
/// each model's baseline, and the service's health — with alerts to the log and the webhook.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Check drift, data quality, scores and service health over a window of the audit log; alert.",
        discussion: """
            Reads monitoring: (thresholds, alerts, acknowledgements) and service: (the store holding the registry
            and the audit log) from --config. Findings at or above monitoring.alerts.webhook_min_severity go to the
            webhook once per cooldown; every ticket or page is logged. docs/monitoring.md.
            Coverage (leads created vs scored within monitoring.coverage_minutes) needs to know which leads were
            created: --csv with a lead export (Id, CreatedDate), or monitoring.coverage_source: salesforce.
            Examples:
              leadscore monitor --config leadscore.yaml
              leadscore monitor --config leadscore.yaml --csv exports/Lead.csv
              leadscore monitor --config leadscore.yaml --since 24h --format json --no-alerts
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Look-back window: 7d, 24h, 90m (default monitoring.window, 7d).") var since: String?
    @Option(help: "A lead export with Id and CreatedDate, for the coverage check (overrides monitoring.coverage_source).")
    var csv: String?
    @Option(help: "The CSV's delimiter; auto detects it from the header and first rows.")
    var delimiter: CSVDelimiterChoice = .detect
    @Option(help: "text or json.") var format: String = "text"
    @Flag(name: .customLong("no-alerts"), help: "Print the report only: no webhook, no alert state change.") var noAlerts = false

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format is text or json") }
    }

    func run() async throws {
        let settings = try storeOptions.config.map { try MonitoringSettingsLoader.load(from: URL(fileURLWithPath: $0)) }
            ?? MonitoringSettings()
        let window = try since.map { try MonitorWindow.parse($0) } ?? TimeInterval(settings.window.components.seconds)
        let now = Date()
        let leads = try CoverageLeads.source(settings: settings, config: storeOptions.config, csv: csv, delimiter: delimiter)
        let store = try await storeOptions.openStore()
        let report: MonitorReport
        do {
            report = try await MonitorPass.run(store: store, settings: settings, from: now.addingTimeInterval(-window), to: now,
                                          leads: leads)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(MonitorReportText.render(report))
        }
        guard !noAlerts else { return }
        var logger = Logger(label: "leadscore.monitor")
        logger.logLevel = .info
        let summary = try await AlertDispatcher(settings: settings, logger: logger).dispatch(report.findings, now: now)
        guard format == "text" else { return }
        print("Alerts: \(summary.sent.count) sent, \(summary.suppressedByCooldown.count) within their cooldown, "
            + "\(summary.acknowledged.count) acknowledged, \(summary.belowMinimum.count) below the webhook's minimum")
        for acknowledgement in summary.expiredAcknowledgements {
            print("  expired acknowledgement (remove or renew it in monitoring.acknowledged): \(acknowledgement)")
        }
    }
}
