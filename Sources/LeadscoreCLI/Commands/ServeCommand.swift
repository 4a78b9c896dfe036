import ArgumentParser
import Foundation
import LeadscoreModels
import LeadscoreMonitoring
import LeadscoreSalesforce
import LeadscoreService
import LeadscoreSync
import Logging

/// `leadscore serve [--config leadscore.yaml] [--bundle BUNDLE] [--port 8080]`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the scoring API (POST /v1/score) for Salesforce Flow and batch jobs.",
        discussion: """
            With the registry (default): serves what `leadscore models` promotes, and follows promotions, canaries,
            shadows and rollbacks without a restart. Clients use keys from `leadscore keys create`.
            Quick start without a registry: LEADSCORE_API_KEY=secret leadscore serve --bundle var/demo/model --port 8080
            Secrets come only from the environment: LEADSCORE_API_KEY (with --bundle), LEADSCORE_TOKEN_SECRET (signs
            OAuth tokens; the same on every server sharing a store) or service.auth.token_secret_file.
            Scores kept fresh in Salesforce by the same process: when --config has a salesforce: section and sync.every
            (e.g. every: 15m), serve also runs `leadscore sync` on that schedule, with the models it serves (promotions
            and rollbacks included) and the same store. A failed run (Salesforce unreachable, …) is logged and the next
            one resumes it; each run logs one summary line. Keep sync.every in one server's config per org.
            Watched by the same process: with monitoring.every (e.g. every: 1h), serve also runs `leadscore monitor`
            over monitoring.window on that schedule and sends its alerts (docs/monitoring.md).
            """)

    @OptionGroup var options: StoreOptions
    @Option(help: "Serve this one bundle without a registry (needs LEADSCORE_API_KEY).") var bundle: String?
    @Option(help: "Address to listen on (default from config, else 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default from config, else 8080).") var port: Int?

    func run() async throws {
        LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        var config = try options.serviceConfig()
        if let host { config.host = host }
        if let port { config.port = port }
        let logger = Logger(label: "leadscore.serve")
        let environment = ProcessInfo.processInfo.environment
        let models: ScoringServer.Models
        var staticKey: String?
        if let bundle {
            guard let key = environment["LEADSCORE_API_KEY"], key.count >= 16 else {
                throw ValidationError("serve --bundle needs LEADSCORE_API_KEY (16+ characters) in the environment: "
                    + "clients send it as 'Authorization: Bearer <key>'")
            }
            staticKey = key
            models = .bundle(ServingModel(bundle: try ModelBundle.load(from: URL(fileURLWithPath: bundle)), policy: config.validation))
        } else {
            models = .registry
        }
        let secret = try ServiceSecrets.tokenSecret(config: config)
        if secret.generated {
            logger.warning("LEADSCORE_TOKEN_SECRET is not set: OAuth tokens are signed with a per-process secret")
        }
        let sync = try scheduledSync()
        // Config errors surface before the store opens.
        let monitoring = try options.config.map { try MonitoringSettingsLoader.load(from: URL(fileURLWithPath: $0)) }
            ?? MonitoringSettings()
        let store = try await StoreOpener.open(url: config.storeURL)
        // The dashboard reads baselines from the registry's bundles: with --bundle there is none to show.
        let dashboard = bundle == nil ? MonitoringDashboard(store: store, settings: monitoring) : nil
        let server = await ScoringServer(config: config, store: store, models: models, staticAPIKey: staticKey,
                                         tokenSecret: secret.secret, logger: logger, dashboard: dashboard)
        do {
            let app = try await server.application()
            logger.info("listening", metadata: ["address": "http://\(config.host):\(config.port)",
                                                "models": "\(server.holder.set?.versions.joined(separator: ",") ?? "none")",
                                                "dashboard": "http://\(config.host):\(config.port)/dashboard"])
            let monitor = try scheduledMonitor(monitoring, store: store, logger: logger)
            let schedule = Task { await monitor?.run() }
            let serve: @Sendable () async throws -> Void = { try await app.runService() }
            let served: Result<Void, any Error>
            do {
                if let sync {
                    try await serveWithSchedule(serve, sync: sync, store: store, holder: server.holder, logger: logger)
                } else {
                    try await serve()
                }
                served = .success(())
            } catch {
                served = .failure(error)
            }
            // The schedule stops before the store it reads is closed.
            schedule.cancel()
            await schedule.value
            try served.get()
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// The monitor schedule when the config sets `monitoring.every`, else nil.
    private func scheduledMonitor(_ settings: MonitoringSettings, store: any ServiceStore, logger: Logger) throws
        -> MonitorScheduler? {
        guard let every = settings.every else { return nil }
        let leads = try CoverageLeads.source(settings: settings, config: options.config)
        return MonitorScheduler(store: store, settings: settings, interval: every, leads: leads,
                                dispatcher: try AlertDispatcher(settings: settings, logger: logger),
                                directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), logger: logger)
    }

    /// The `salesforce:` connection and `sync:` settings when the config asks for a scheduled sync
    /// (`sync.every`), else nil. `sync.every` without a `salesforce:` section is an error naming the fix.
    private func scheduledSync() throws -> (salesforce: SalesforceConfig, settings: SyncSettings)? {
        guard let path = options.config else { return nil }
        let url = URL(fileURLWithPath: path)
        let settings = try SyncSettingsLoader.load(from: url)
        guard settings.every != nil else { return nil }
        return (try SalesforceConfigLoader.load(from: url), settings)
    }

    /// Runs `serve` (the HTTP server, until SIGTERM/SIGINT) with the sync schedule beside it. Once the server
    /// has shut down, the schedule is cancelled and the Salesforce client shut down, which also ends a call in
    /// flight (a login retrying against an unreachable org would otherwise hold the exit for minutes); a run cut
    /// short is resumed by the next start. The caller closes the store after this returns.
    private func serveWithSchedule(_ serve: @Sendable () async throws -> Void,
                                   sync: (salesforce: SalesforceConfig, settings: SyncSettings),
                                   store: any ServiceStore, holder: ServingSetHolder, logger: Logger) async throws {
        let client = try SalesforceClient(config: sync.salesforce, logger: logger)
        let scheduler = SyncScheduler(client: client, store: store, holder: holder, settings: sync.settings, logger: logger)
        let schedule = Task { await scheduler?.run() } // never nil: scheduledSync() found sync.every
        let served: Result<Void, any Error>
        do {
            try await serve()
            served = .success(())
        } catch {
            served = .failure(error)
        }
        schedule.cancel()
        do {
            try await client.shutdown()
        } catch {
            logger.warning("the Salesforce client did not close cleanly", metadata: ["error": "\(error)"])
        }
        await schedule.value
        try served.get()
    }
}
