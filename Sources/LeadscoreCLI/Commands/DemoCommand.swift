import ArgumentParser
import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import LeadscoreModels
import LeadscoreSalesforce
import Logging

/// The main job on embedded defaults: sample org served by the local Salesforce-compatible server →
/// contract from its describe → snapshot extracted through the API → profile → train → model card →
/// SFDX package deployed, model registered, scores synced back and read back through the API
/// (``DemoWriteBack``).
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole loop on a generated sample org served as a local Salesforce: extract, train, model card, "
            + "then scores written back to the leads and read back through the API.",
        discussion: """
            Everything lands in --dir: leadscore.yaml (training, store, sync and the connection to the local server),
            the snapshot, profile, model, report/, the SFDX package (salesforce/) and the store (leadscore.sqlite) with
            the model registered as production, which scripts/demo-serve then serves.
            Example: leadscore demo --dir var/demo --leads 50000
            """)

    @Option(help: "Working directory (recreated on each run).") var dir: String = "var/demo"
    @Option(help: "Number of sample leads.") var leads: Int = 50_000
    @Option(help: "Random seed for the sample org.") var seed: UInt64 = 7

    private static let marker = ".leadscore-demo"

    func validate() throws {
        guard leads >= 1_000 else { throw ValidationError("--leads must be at least 1000 for a meaningful demo") }
    }

    func run() async throws {
        let root = URL(fileURLWithPath: dir)
        try prepare(root)
        let org = root.appendingPathComponent("sample-org")
        let summary = try SampleOrgGenerator(leads: leads, seed: seed).write(to: org)
        print("1. sample org: \(summary.leads) leads, \(summary.historyRows) field-history rows → \(org.path)")

        var logger = Logger(label: "leadscore.demo")
        logger.logLevel = .warning
        let server = try DevSalesforceServer(configuration: DevSalesforceConfiguration(orgDirectory: org), logger: logger)
        let snapshotURL = root.appendingPathComponent("snapshot")
        try await server.withRunning { info in
            print("   served as a local Salesforce at \(info.instanceUrl) (HTTPS, CA \(info.caFile)); the demo reads it "
                + "through the Salesforce API, not the CSV files")
            let salesforce = try SalesforceConfigLoader.load(from: try DemoConfig.write(connection: info, into: root))
            let describe = try await OrgConnection.with(salesforce) { try await $0.describe("Lead") }
            let draft = ContractDrafter.draft(
                fromDescribe: try SalesforceDescribe.decode(describe, source: "Lead describe"), name: "sample-org-leads")
            let contractText = ContractWriter.yaml(draft.contract, remarks: draft.remarks)
            let contractURL = root.appendingPathComponent("contract.yaml")
            try Data(contractText.utf8).write(to: contractURL)
            let contract = try ContractLoader.load(from: contractURL)
            print("2. contract drafted from the org's Lead describe → \(contractURL.path)")

            let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
            let staging = try StagingDirectory(beside: snapshotURL)
            defer { staging.remove() }
            print("3. ", terminator: "")
            let extract = try await OrgConnection.extract(
                config: salesforce, contract: contract, from: nil, to: exportTime, history: true, into: staging.url)
            let manifest = try SnapshotBuilder.build(SnapshotRequest(
                source: extract.source, contract: contract, contractText: contractText,
                to: exportTime, asOf: exportTime, salt: try demoSalt(root), history: extract.history), to: snapshotURL)
            print("   ", terminator: "")
            printSummary(manifest, at: snapshotURL.path)
        }
        try server.store.close()

        let profile = DatasetProfiler.profile(try Snapshot.open(snapshotURL))
        let markdownURL = root.appendingPathComponent("profile.md")
        try Data(ProfileMarkdown.render(profile).utf8).write(to: markdownURL)
        try ProfileMarkdown.json(profile).write(to: root.appendingPathComponent("profile.json"))
        let suspects = profile.fields.filter(\.leakageSuspect).map(\.name)
        print("4. profile → \(markdownURL.path) (and profile.json)")
        print("   leakage suspects: \(suspects.joined(separator: ", "))")

        let modelURL = root.appendingPathComponent("model")
        let config = try TrainingConfigLoader.parse(DemoConfig.yaml, source: "demo leadscore.yaml")
        print("5. training rules baseline, logistic regression and gradient-boosted trees")
        let bundle = try Trainer.train(snapshot: try Snapshot.open(snapshotURL), config: config) { print("   \($0)") }
        try bundle.write(to: modelURL)
        printComparison(bundle.evaluation)
        print("   model \(bundle.metadata.modelVersion) → \(modelURL.path)")
        let card = try writeModelCard(bundle, to: root.appendingPathComponent("report"))
        print("6. model card → \(card.html.path)")
        try await DemoWriteBack(root: root, org: org, model: modelURL, logger: logger).run(bundle)
        print("\nResults are in \(root.path): open report/model-card.html in a browser (profile.md for the data).")
    }

    /// Recreates the demo directory, refusing to delete anything the demo did not make.
    private func prepare(_ root: URL) throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: root.path) {
            guard fileManager.fileExists(atPath: root.appendingPathComponent(Self.marker).path) else {
                throw InputError(source: "--dir", problem: "\(root.path) exists and was not made by `leadscore demo`",
                                 fix: "pass a new --dir")
            }
            try fileManager.removeItem(at: root)
        }
        try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        fileManager.createFile(atPath: root.appendingPathComponent(Self.marker).path, contents: nil)
    }

    /// The environment's salt if set, else a random one kept in the demo directory (mode 0600).
    private func demoSalt(_ root: URL) throws -> PIISalt {
        if let salt = try PIISalt.fromEnvironment() { return salt }
        let secret = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let path = root.appendingPathComponent("pii-salt").path
        FileManager.default.createFile(atPath: path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600])
        return try PIISalt(secret: secret)
    }
}
