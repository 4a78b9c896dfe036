import Foundation
import Testing

/// `leadscore retrain` and gated promotion as a user runs them: a model trained on the full contract
/// is production; a retrain whose contract withholds the strongest inputs fails its gates, is
/// registered as shadow, and `models promote` refuses it until forced with a reason.
struct RetrainCommandTests {
    static let withheld = ["Demo_Requested__c", "Pricing_Page_Visits__c", "LeadSource", "Title", "Email"]
    static let config = """
        min_train_positives: 20
        refit: false
        trees:
          max_rounds: 40
          threads: 2
        monitoring:
          gates:
            latency_p95_ms: 600000          # these tests judge the models, not this machine's speed
            batch_latency_p95_ms: 600000
            latency_sample: 20
        """

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-retrain-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// The drafted contract with the withheld fields excluded from models.
    static func withholding(_ yaml: String) -> String {
        var current: String?
        return yaml.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("  - name: ") { current = line.dropFirst("  - name: ".count).trimmingCharacters(in: ["\""]) }
            if let current, withheld.contains(current), line == "    scoring: allowed" { return "    scoring: excluded" }
            return String(line)
        }.joined(separator: "\n")
    }

    func run(_ arguments: [String]) throws -> CLITests.Outcome {
        try CLITests.run(arguments, environment: ["LEADSCORE_PII_SALT": "cli-test-salt-0123456789abcdef"], in: directory)
    }

    @Test func aWorseRetrainIsShadowedAndRefusedUntilForced() throws {
        #expect(try run(["sample-org", "--leads", "6000", "--seed", "5", "--out", "org"]).status == 0)
        #expect(try run(["contract", "draft", "--from-describe", "org/describe.json", "--out", "contract.yaml"]).status == 0)
        let drafted = try String(contentsOf: directory.appendingPathComponent("contract.yaml"), encoding: .utf8)
        let weakened = Self.withholding(drafted)
        #expect(weakened != drafted)
        try Data(weakened.utf8).write(to: directory.appendingPathComponent("weakened.yaml"))
        try Data(Self.config.utf8).write(to: directory.appendingPathComponent("leadscore.yaml"))
        let snapshot = try run(["snapshot", "create", "--source", "csv:org/Lead.csv", "--contract", "contract.yaml",
                                "--to", "2025-07-01", "--out", "snap"])
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        let train = try run(["train", "snap", "--config", "leadscore.yaml", "--out", "model"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(try run(["models", "register", "model", "--store", "store.sqlite", "--reason", "first"]).status == 0)

        let retrain = try run(["retrain", "--config", "leadscore.yaml", "--store", "store.sqlite", "--from-csv", "org/Lead.csv",
                               "--contract", "weakened.yaml", "--to", "2025-07-01", "--out", "retrain", "--actor", "scheduler"])
        #expect(retrain.status == 3, "\(retrain.stdout)\n\(retrain.stderr)")
        #expect(retrain.stdout.contains("FAIL offline") && retrain.stdout.contains("PR AUC"))
        let registered = try #require(retrain.stdout.split(separator: "\n").first { $0.hasPrefix("Registered ") && $0.contains(" as shadow") })
        let version = String(registered.split(separator: " ")[1])
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("retrain/gates.json").path))

        let refused = try run(["models", "promote", version, "--store", "store.sqlite", "--reason", "ship it"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("failed its retraining gates") && refused.stderr.contains("--force"), "\(refused.stderr)")
        let forced = try run(["models", "promote", version, "--store", "store.sqlite", "--force", "--reason", "sales asked for it",
                              "--actor", "bo"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("Forced past failed gates by bo") && forced.stdout.contains("production \(version)"))

        let list = try run(["models", "list", "--store", "store.sqlite"])
        let line = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix(version) })
        #expect(line.contains("production") && line.contains("gates FAILED"))
        #expect(list.stdout.contains("bo  promote  gates failed (FORCED)  \"sales asked for it\""), "\(list.stdout)")
        let history = try run(["models", "history", "--store", "store.sqlite"])
        #expect(history.stdout.contains("[gates failed, forced]") && history.stdout.contains("[forced past failed gates] sales asked for it"))
        let gates = try run(["models", "gates", version, "--store", "store.sqlite"])
        #expect(gates.status == 0 && gates.stdout.contains("FAIL offline") && gates.stdout.contains("(FORCED)"))
    }
}
