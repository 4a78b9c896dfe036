import ArgumentParser
import Foundation
import LeadscoreData
import LeadscoreModels

/// The main job on embedded defaults: sample org → contract → snapshot → profile → train → model card.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole pipeline on a generated sample org (through training and the model card) and say where the results are.",
        discussion: "Example: leadscore demo --dir var/demo --leads 50000")

    @Option(help: "Working directory (recreated on each run).") var dir: String = "var/demo"
    @Option(help: "Number of sample leads.") var leads: Int = 50_000
    @Option(help: "Random seed for the sample org.") var seed: UInt64 = 7

    private static let marker = ".leadscore-demo"

    func validate() throws {
        guard leads >= 1_000 else { throw ValidationError("--leads must be at least 1000 for a meaningful demo") }
    }

    func run() throws {
        let root = URL(fileURLWithPath: dir)
        try prepare(root)
        let org = root.appendingPathComponent("sample-org")
        let summary = try SampleOrgGenerator(leads: leads, seed: seed).write(to: org)
        print("1. sample org: \(summary.leads) leads → \(org.path)")

        let describe = try SalesforceDescribe.decode(
            try readFile(org.appendingPathComponent("describe.json").path), source: "describe.json")
        let draft = ContractDrafter.draft(fromDescribe: describe, name: "sample-org-leads")
        let contractText = ContractWriter.yaml(draft.contract, remarks: draft.remarks)
        let contractURL = root.appendingPathComponent("contract.yaml")
        try Data(contractText.utf8).write(to: contractURL)
        let contract = try ContractLoader.load(from: contractURL)
        print("2. contract drafted from describe.json → \(contractURL.path)")

        let snapshotURL = root.appendingPathComponent("snapshot")
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        let manifest = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: org.appendingPathComponent("Lead.csv")),
            contract: contract, contractText: contractText,
            to: exportTime, asOf: exportTime,
            salt: try demoSalt(root)), to: snapshotURL)
        print("3. ", terminator: "")
        printSummary(manifest, at: snapshotURL.path)

        let profile = DatasetProfiler.profile(try Snapshot.open(snapshotURL))
        let markdownURL = root.appendingPathComponent("profile.md")
        try Data(ProfileMarkdown.render(profile).utf8).write(to: markdownURL)
        try ProfileMarkdown.json(profile).write(to: root.appendingPathComponent("profile.json"))
        let suspects = profile.fields.filter(\.leakageSuspect).map(\.name)
        print("4. profile → \(markdownURL.path) (and profile.json)")
        print("   leakage suspects: \(suspects.joined(separator: ", "))")

        let modelURL = root.appendingPathComponent("model")
        let config = try TrainingConfigLoader.parse(DemoConfig.yaml, source: "demo leadscore.yaml")
        try Data(DemoConfig.yaml.utf8).write(to: root.appendingPathComponent("leadscore.yaml"))
        print("5. training rules baseline, logistic regression and gradient-boosted trees")
        let bundle = try Trainer.train(snapshot: try Snapshot.open(snapshotURL), config: config) { print("   \($0)") }
        try bundle.write(to: modelURL)
        printComparison(bundle.evaluation)
        print("   model \(bundle.metadata.modelVersion) → \(modelURL.path)")
        let card = try writeModelCard(bundle, to: root.appendingPathComponent("report"))
        print("6. model card → \(card.html.path)")
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
