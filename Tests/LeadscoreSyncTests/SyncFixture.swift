import AsyncHTTPClient
import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import LeadscoreModels
import LeadscoreSalesforce
import LeadscoreService
import LeadscoreSync
import Logging
import NIOSSL
import Testing

/// A sample org served by the local Salesforce-compatible server with leadscore's SFDX package deployed
/// (the repository's generated `salesforce/` folder, so the sync is tested against the fields an admin
/// deploys), a model trained on that org registered as production in a fresh SQLite store, and a client
/// logged in with client credentials.
struct SyncFixture {
    let org: URL
    let info: DevSalesforceInfo
    let server: DevSalesforceServer
    let store: any ServiceStore
    let models: ServingSet
    /// Attempts the client makes per call (few, to let faults reach the sync's own retry queue).
    let clientAttempts: Int

    /// Runs `body` with a fresh org of `leads` (and a model trained on it) served with `faults`.
    static func run<T>(leads: Int = 1_500, faults: FaultPlan = .none, clientAttempts: Int = 6,
                       _ body: (SyncFixture) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-sync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let org = directory.appendingPathComponent("org")
        _ = try SampleOrgGenerator(leads: leads, seed: 31).write(to: org)
        let bundle = try trainModel(org: org, into: directory)
        let store = try await StoreOpener.open(url: directory.appendingPathComponent("leadscore.sqlite").path)
        let registered = try await ModelRegistry(store: store).register(bundleAt: bundle, actor: "test", reason: "sync tests")
        _ = try await ModelRegistry(store: store).promote(registered.version, canaryPercent: nil, actor: "test", reason: "sync tests")
        let holder = ServingSetHolder()
        let watcher = RegistryWatcher(store: store, holder: holder, policy: ValidationPolicy(), interval: .seconds(60),
                                      logger: Logger(label: "test.registry"))
        _ = try await watcher.refresh()
        var logger = Logger(label: "test.dev-salesforce")
        logger.logLevel = .error
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("salesforce")
        let server = try DevSalesforceServer(configuration: DevSalesforceConfiguration(
            orgDirectory: org, faults: faults, packageDirectories: [package]), logger: logger)
        do {
            let result = try await server.withRunning { info in
                try await body(SyncFixture(org: org, info: info, server: server, store: store, models: holder.set!,
                                           clientAttempts: clientAttempts))
            }
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// A small tree model on the org's own export (the registry needs a production model to sync with).
    /// Tiers by probability: A from `hot` (low enough that a small org has hot leads), B from a third of it.
    static func trainModel(org: URL, into directory: URL, hot: Double = 0.3) throws -> URL {
        let describe = try SalesforceDescribe.decode(try Data(contentsOf: org.appendingPathComponent("describe.json")),
                                                     source: "describe.json")
        let contract = ContractDrafter.draft(fromDescribe: describe, name: "sync-test").contract
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        let snapshotURL = directory.appendingPathComponent("snapshot")
        _ = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: org.appendingPathComponent("Lead.csv")), contract: contract,
            contractText: ContractWriter.yaml(contract), to: exportTime, asOf: exportTime,
            salt: try PIISalt(secret: "sync-test-salt-long-enough")), to: snapshotURL)
        var config = TrainingConfig()
        config.trees.threads = 2
        config.trees.maxRounds = 20
        // The tiers below are fixed probabilities; a refit's recalibration would move leads across them.
        config.refit = false
        config.tiers.method = .probability
        config.tiers.levels = [
            TierLevel(name: "A", label: "Hot", minProbability: hot, route: "Sales_Hot"),
            TierLevel(name: "B", label: "Warm", minProbability: hot / 3, route: "Sales_Standard"),
            TierLevel(name: "C", label: "Nurture", route: "Marketing_Nurture"),
        ]
        config.minimumTrainPositives = 10
        let bundle = try Trainer.train(snapshot: try Snapshot.open(snapshotURL), config: config)
        let url = directory.appendingPathComponent("model")
        try bundle.write(to: url)
        return url
    }

    /// A client for the org (client credentials, trusting only the server's CA); shut down after `body`.
    func withClient<T>(_ body: (SalesforceClient) async throws -> T) async throws -> T {
        let config = try SalesforceConfigLoader.parse("""
            salesforce:
              login_url: \(info.loginUrl)
              auth: client_credentials
              client_id: \(info.clientId)
              client_secret_env: DEV_SALESFORCE_SECRET
              ca_file: \(info.caFile)
              retry: {max_attempts: \(clientAttempts), base_delay_ms: 5, max_delay_seconds: 1}
            """)
        var logger = Logger(label: "test.salesforce")
        logger.logLevel = .error
        return try await SalesforceClient.withClient(config: config, logger: logger,
                                                     environment: ["DEV_SALESFORCE_SECRET": info.clientSecret], body)
    }

    /// One sync run with `settings` (and `models`, by default the production model the fixture trained).
    func sync(_ settings: SyncSettings, models: ServingSet? = nil, environment: [String: String] = [:]) async throws -> SyncSummary {
        try await withClient { client in
            try await LeadSync(client: client, store: store, models: models ?? self.models, settings: settings,
                               logger: Logger(label: "test.sync"), environment: environment).run()
        }
    }

    /// The platform events published to the org (`GET /__dev/events/<event>`, the local server's window on
    /// what subscribers would receive), as JSON objects.
    func publishedEvents(_ event: String) async throws -> [[String: Any]] {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(info.caFile))]
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
        do {
            let response = try await http.execute(HTTPClientRequest(url: info.instanceUrl + "/__dev/events/\(event)"),
                                                  timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 64 << 20)
            try await http.shutdown()
            return try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [[String: Any]] ?? []
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// A model trained on this org with other settings than the fixture's, registered and promoted: the
    /// registry's new production set.
    func promoteAnotherModel() async throws -> ServingSet {
        let directory = org.deletingLastPathComponent().appendingPathComponent("model-2-\(UUID().uuidString)")
        let bundle = try Self.trainModel(org: org, into: directory, hot: 0.22)
        let registry = ModelRegistry(store: store)
        let registered = try await registry.register(bundleAt: bundle, actor: "test", reason: "a second model")
        _ = try await registry.promote(registered.version, canaryPercent: nil, actor: "test", reason: "a second model")
        let holder = ServingSetHolder()
        _ = try await RegistryWatcher(store: store, holder: holder, policy: ValidationPolicy(), interval: .seconds(60),
                                      logger: Logger(label: "test.registry")).refresh()
        return try #require(holder.set)
    }

    /// `SELECT COUNT() FROM …` through the API.
    func count(_ soql: String) async throws -> Int {
        try await withClient { try await $0.count(soql) }
    }
}
