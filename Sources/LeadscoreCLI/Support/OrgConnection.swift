import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Logging

/// Opens a Salesforce client for one CLI run and always closes it, printing what the run cost.
enum OrgConnection {
    /// Runs `body` with a connected client, then shuts the client down (also on error).
    static func with<T>(_ config: SalesforceConfig, _ body: (SalesforceClient) async throws -> T) async throws -> T {
        var logger = Logger(label: "leadscore.salesforce")
        logger.logLevel = .warning
        return try await SalesforceClient.withClient(config: config, logger: logger, body)
    }

    /// Stages the contract's rows (and field history) from the org with a progress bar, and prints a summary:
    /// rows, the API used, API calls and retries, and time.
    static func extract(config: SalesforceConfig, contract: DataContract, from: Double?, to: Double?, history: Bool,
                        into directory: URL) async throws -> ExtractOutcome {
        try await with(config) { client in
            let bar = TerminalProgress(label: "extracting \(contract.object)")
            let historyBar = TerminalProgress(label: "extracting \(contract.object)History")
            let outcome = try await SalesforceExtractor(client: client).extract(
                contract: contract, from: from, to: to, history: history, into: directory
            ) { update in
                switch update {
                case let .rows(done, total): bar.update(done: done, total: total)
                case let .history(done, total):
                    bar.finish()
                    historyBar.update(done: done, total: total)
                }
            }
            bar.finish()
            historyBar.finish()
            let usage = await client.usage()
            print("extracted \(outcome.rows.rows) \(contract.object) rows via \(outcome.rows.method.rawValue) from "
                + "\(client.instanceDescription)"
                + (outcome.historyRows.map { ", \($0.rows) history rows via \($0.method.rawValue)" } ?? "")
                + " in \(String(format: "%.1f", outcome.seconds)) s")
            print("   \(usage)")
            return outcome
        }
    }
}
