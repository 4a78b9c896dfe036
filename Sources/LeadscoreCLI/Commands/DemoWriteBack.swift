import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import LeadscoreModels
import LeadscoreSalesforce
import LeadscoreService
import LeadscoreSync
import Logging

/// The second half of `leadscore demo`: the trained model's scores land on the Lead records, as an admin
/// would set it up. The SFDX package generated from the model's contract and tiers is deployed into the
/// local Salesforce (it restarts with `--package`, as an org gains the fields), the model is registered
/// in the demo's store (the one scripts/demo-serve serves), one sync writes the scores back in recommend
/// mode, a few leads are read back through the REST API, and a second sync shows nothing is rewritten.
struct DemoWriteBack {
    /// The demo directory and what earlier steps left in it.
    let root: URL
    let org: URL
    let model: URL
    let logger: Logger

    /// How many leads the read-back shows.
    static let shownLeads = 5

    func run(_ bundle: ModelBundle) async throws {
        let package = try writePackage(bundle)
        print("7. SFDX package for the model's contract and tiers → \(package.path); the local Salesforce restarts with it "
            + "deployed (AI_* fields on Lead, \(ScoringEventFields.object))")
        let server = try DevSalesforceServer(
            configuration: DevSalesforceConfiguration(orgDirectory: org, packageDirectories: [package]), logger: logger)
        do {
            try await server.withRunning { info in
                let configURL = try DemoConfig.write(connection: info, into: root)
                let service = try ServiceConfigLoader.load(from: configURL)
                let store = try await StoreOpener.open(url: service.storeURL)
                do {
                    try await syncAndShow(configURL: configURL, service: service, store: store)
                    try await store.close()
                } catch {
                    try? await store.close()
                    throw error
                }
            }
            try server.store.close()
        } catch {
            try? server.store.close()
            throw error
        }
    }

    private func syncAndShow(configURL: URL, service: ServiceConfig, store: any ServiceStore) async throws {
        let registered = try await ModelRegistry(store: store).register(bundleAt: model, actor: "demo", reason: "leadscore demo")
        let holder = ServingSetHolder()
        let watcher = RegistryWatcher(store: store, holder: holder, policy: service.validation, interval: .seconds(60),
                                      logger: logger)
        guard try await watcher.refresh(), let models = holder.set else { throw SyncError.noProductionModel }
        print("8. registry: \(registered.version) is production in \(service.storeURL)")

        let settings = try SyncSettingsLoader.load(from: configURL)
        let salesforce = try SalesforceConfigLoader.load(from: configURL)
        try await OrgConnection.with(salesforce) { client in
            let sync = LeadSync(client: client, store: store, models: models, settings: settings, logger: logger)
            let bar = TerminalProgress(label: "syncing leads")
            let first = try await sync.run { done, total in bar.update(done: done, total: total) }
            bar.finish()
            print("9. sync (\(settings.mode.rawValue)) through the Salesforce API, as `leadscore sync --config "
                + "\(configURL.path)` runs it:")
            for line in first.description.split(separator: "\n") { print("   \(line.trimmingCharacters(in: .whitespaces))") }

            print("10. the \(Self.shownLeads) leads with the highest \(ScoreFields.score), as Salesforce returns them "
                + "(REST query):")
            printTable(try await topLeads(client))

            let second = try await sync.run()
            print("11. second sync: \(second.written) written (\(second.leadsRead) leads read again, "
                + "\(second.skipped[.unchanged] ?? 0) unchanged: same inputs, same model; \(second.apiCalls) API calls"
                + String(format: " in %.1f s)", second.seconds))
        }
    }

    /// `leadscore salesforce package --bundle model --service-url http://127.0.0.1:8080 --out salesforce`.
    private func writePackage(_ bundle: ModelBundle) throws -> URL {
        let serviceURL = "http://127.0.0.1:8080"
        let document = OpenAPIDocument.make(contract: bundle.contract, maxBatchLeads: ServiceConfig().maxBatchLeads,
                                            serverURL: serviceURL)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let input = SalesforcePackageInput(
            contract: bundle.contract,
            tiers: bundle.policy.tiers.map { PackageTier(name: $0.name, label: $0.label, route: $0.route) },
            openAPIDocument: document, serviceURL: serviceURL, scheduleStartDate: formatter.string(from: Date()))
        let url = root.appendingPathComponent("salesforce")
        try SalesforcePackage.generate(input).write(to: url)
        return url
    }

    private func topLeads(_ client: SalesforceClient) async throws -> [SalesforceRecord] {
        var records: [SalesforceRecord] = []
        let soql = "SELECT Id, Company, \(ScoreFields.score), \(ScoreFields.tier), \(ScoreFields.topReasons) FROM Lead "
            + "WHERE \(ScoreFields.score) != null ORDER BY \(ScoreFields.score) DESC, Id LIMIT \(Self.shownLeads)"
        try await client.query(soql) { page in records += page.records }
        return records
    }

    /// Company, score, tier and reasons, one lead a line; long values are cut with an ellipsis.
    private func printTable(_ records: [SalesforceRecord]) {
        let columns = [("Company", 28), (ScoreFields.score, 11), (ScoreFields.tier, 10), (ScoreFields.topReasons, 90)]
        func cell(_ text: String, _ width: Int) -> String {
            let cut = text.count > width ? text.prefix(width - 1) + "…" : Substring(text)
            return cut.padding(toLength: width, withPad: " ", startingAt: 0)
        }
        func line(_ cells: [String]) -> String {
            String(("    " + zip(cells, columns).map { cell($0, $1.1) }.joined(separator: "  "))
                .reversed().drop { $0 == " " }.reversed())
        }
        print(line(columns.map(\.0)))
        for record in records {
            print(line(columns.map { record[$0.0]?.text ?? "" }))
        }
    }
}
