import ArgumentParser
import Foundation
import LeadscoreSalesforce
import LeadscoreService
import LeadscoreSync
import Logging

/// `leadscore sync --config leadscore.yaml [--dry-run]`: scores leads changed since the last run with the
/// registry's production model and writes them back to Salesforce with the guardrails.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Score leads changed in Salesforce since the last run and write the scores back (with guardrails).",
        discussion: """
            Reads salesforce: (the connection), sync: (mode shadow | recommend | route, intake owners, route owners)
            and service: (the store holding the registry, the watermark and the retry queue) from --config.
            Never writes to converted leads, never changes an owner a person assigned, writes only when the inputs
            or the model changed, and only the AI_* fields (plus OwnerId in route mode). docs/salesforce-setup.md.
            Examples:
              leadscore sync --config leadscore.yaml --dry-run     # what would change, nothing written
              leadscore sync --config leadscore.yaml
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .customLong("dry-run"), help: "Read and score, print what would change, write nothing.") var dryRun = false

    func validate() throws {
        guard storeOptions.config != nil else { throw ValidationError("sync needs --config leadscore.yaml (salesforce: and sync:)") }
    }

    func run() async throws {
        let configURL = URL(fileURLWithPath: storeOptions.config ?? "")
        let salesforce = try SalesforceConfigLoader.load(from: configURL)
        let settings = try SyncSettingsLoader.load(from: configURL)
        let service = try storeOptions.serviceConfig()
        let store = try await StoreOpener.open(url: service.storeURL)
        do {
            let holder = ServingSetHolder()
            var logger = Logger(label: "leadscore.sync")
            logger.logLevel = .warning
            let watcher = RegistryWatcher(store: store, holder: holder, policy: service.validation, interval: .seconds(60),
                                          logger: logger)
            guard try await watcher.refresh(), let models = holder.set else { throw SyncError.noProductionModel }
            try await OrgConnection.with(salesforce) { client in
                let bar = TerminalProgress(label: "syncing leads")
                let summary = try await LeadSync(client: client, store: store, models: models, settings: settings, logger: logger)
                    .run(dryRun: dryRun) { done, total in bar.update(done: done, total: total) }
                bar.finish()
                print(summary)
                print("  client: \(await client.usage())")
            }
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }
}
