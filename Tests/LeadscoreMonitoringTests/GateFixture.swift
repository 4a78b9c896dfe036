import Foundation
@testable import LeadscoreData
import LeadscoreModels
import Testing

/// One sample-org snapshot and two models trained on its rows (trained once per test process): a
/// good one with the standard contract, and a deliberately worse one whose contract keeps the
/// strongest inputs out of the model (Demo_Requested__c, Pricing_Page_Visits__c, LeadSource, Title,
/// Email). Same rows, same split, same test leads: the gates must tell them apart.
struct GateFixture: Sendable {
    /// The inputs the worse model may not use: the largest terms of the sample org's latent model.
    static let withheld = ["Demo_Requested__c", "Pricing_Page_Visits__c", "LeadSource", "Title", "Email"]

    let directory: URL
    let org: URL
    let snapshot: Snapshot
    let good: ModelBundle
    let worse: ModelBundle
    let goodURL: URL
    let worseURL: URL
    let config: TrainingConfig

    static let shared: Result<GateFixture, any Error> = Result { try GateFixture() }

    static func get() throws -> GateFixture { try shared.get() }

    private init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("leadscore-gate-tests-\(UUID().uuidString.prefix(8))")
        org = directory.appendingPathComponent("org")
        _ = try SampleOrgGenerator(leads: 12_000, seed: 57).write(to: org)
        let contract = try Self.contract(org: org)
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        let snapshotURL = directory.appendingPathComponent("snapshot")
        _ = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: org.appendingPathComponent("Lead.csv")), contract: contract,
            contractText: ContractWriter.yaml(contract), to: exportTime, asOf: exportTime,
            salt: try PIISalt(secret: "a-test-salt-that-is-long-enough")), to: snapshotURL)
        snapshot = try Snapshot.open(snapshotURL)
        var config = TrainingConfig()
        config.trees.threads = 2
        config.trees.maxRounds = 60
        config.refit = false
        self.config = config
        good = try Trainer.train(snapshot: snapshot, config: config, createdAt: Date(timeIntervalSince1970: 0))
        // The same rows read through the weakened contract: only what the model may use changes.
        let weakened = Snapshot(directory: snapshot.directory, manifest: snapshot.manifest,
                                contract: Self.withholding(contract), table: snapshot.table)
        worse = try Trainer.train(snapshot: weakened, config: config, createdAt: Date(timeIntervalSince1970: 0))
        goodURL = directory.appendingPathComponent("good")
        worseURL = directory.appendingPathComponent("worse")
        try good.write(to: goodURL)
        try worse.write(to: worseURL)
    }

    /// The contract drafted from the org's describe, as a user would start.
    static func contract(org: URL) throws -> DataContract {
        let describe = try SalesforceDescribe.decode(try Data(contentsOf: org.appendingPathComponent("describe.json")),
                                                     source: "describe.json")
        return ContractDrafter.draft(fromDescribe: describe, name: "gate-test").contract
    }

    /// `contract` with the strongest inputs excluded from models (still read, never used).
    static func withholding(_ contract: DataContract) -> DataContract {
        var weakened = contract
        for index in weakened.fields.indices where withheld.contains(weakened.fields[index].name) {
            weakened.fields[index].scoring = .excluded
        }
        return weakened
    }

    /// The test slice scored the way training scores it (the snapshot table, each bundle's pipeline):
    /// the independent reference for the gates' record-by-record path.
    func testProbabilities(_ bundle: ModelBundle) throws -> (probabilities: [Double], labels: [Bool], rows: [Int]) {
        let rows = snapshot.table.rows(in: .test)
        let asOf = try #require(SalesforceDate.parse(snapshot.manifest.window.asOf))
        let inputs = ScoringInputs(table: snapshot.table, rows: rows, pipeline: bundle.pipeline, dataAsOf: asOf)
        return (try LeadScorer(bundle: bundle).probabilities(inputs), rows.map { snapshot.table.labels[$0] == 1 }, rows)
    }
}
