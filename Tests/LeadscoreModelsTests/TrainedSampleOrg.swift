import Foundation
@testable import LeadscoreData
@testable import LeadscoreModels

/// One sample org trained once and shared by the model tests (training takes seconds, not
/// milliseconds): generated → contract from describe → snapshot → `Trainer.train` with defaults.
struct TrainedSampleOrg: Sendable {
    let directory: URL
    let snapshot: Snapshot
    let bundle: ModelBundle
    /// Lead Id → the generator's true conversion probability.
    let truth: [String: Double]

    static let shared: Result<TrainedSampleOrg, any Error> = Result { try TrainedSampleOrg(leads: 24_000) }

    init(leads: Int) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("leadscore-models-tests-\(UUID().uuidString.prefix(8))")
        let org = directory.appendingPathComponent("org")
        _ = try SampleOrgGenerator(leads: leads, seed: 11).write(to: org)
        let describe = try SalesforceDescribe.decode(try Data(contentsOf: org.appendingPathComponent("describe.json")),
                                                     source: "describe.json")
        let contract = ContractDrafter.draft(fromDescribe: describe, name: "test-org").contract
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        let snapshotURL = directory.appendingPathComponent("snapshot")
        _ = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: org.appendingPathComponent("Lead.csv")), contract: contract,
            contractText: ContractWriter.yaml(contract), to: exportTime, asOf: exportTime,
            salt: try PIISalt(secret: "a-test-salt-that-is-long-enough")), to: snapshotURL)
        snapshot = try Snapshot.open(snapshotURL)
        var config = TrainingConfig()
        config.trees.threads = 2
        bundle = try Trainer.train(snapshot: snapshot, config: config, createdAt: Date(timeIntervalSince1970: 0))
        var truth: [String: Double] = [:]
        let reader = try CSVReader(url: org.appendingPathComponent("truth.csv"))
        while let record = try reader.next() {
            if case let .row(row) = record { truth[row.values[0]] = Double(row.values[1]) }
        }
        self.truth = truth
    }

    /// The bundle with gradient-boosted trees as its model, whichever family won: tests of tree-only
    /// behaviour (TreeSHAP, Python loading) must not depend on the champion.
    func treeBundle() throws -> ModelBundle {
        let data = try TrainingData(snapshot: snapshot, minimumTrainPositives: 1)
        var settings = TreeSettings()
        settings.threads = 2
        let trees = try TreeTrainer.train(
            train: data.inputs[.train]!.matrix, trainLabels: data.labels[.train]!, valid: data.inputs[.validation]!.matrix,
            validLabels: data.labels[.validation]!, settings: settings, threads: 2)
        var tree = bundle
        tree.model = .trees(trees.booster)
        tree.metadata.kind = .trees
        return tree
    }

    /// The test slice as scoring inputs, as training saw it.
    func testInputs() -> (inputs: ScoringInputs, rows: [Int]) {
        let rows = snapshot.table.rows(in: .test)
        let asOf = SalesforceDate.parse(snapshot.manifest.window.asOf)!
        return (ScoringInputs(table: snapshot.table, rows: rows, pipeline: bundle.pipeline, dataAsOf: asOf), rows)
    }
}
