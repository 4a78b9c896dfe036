import Foundation
import LeadscoreData
import LeadscoreModels
import LeadscoreService
import Yams

/// `leadscore retrain` once the rows are staged: snapshot → train → gates against the production
/// model → gate report stored with the version → candidate registered and set as shadow. Promotion
/// stays a person's decision (`leadscore models promote`), which the stored gates then allow or refuse.
public struct Retraining: Sendable {
    /// What to snapshot: the staged rows, the contract and its exact text, the window.
    public struct Input: Sendable {
        public var source: any RecordSource
        public var contract: DataContract
        public var contractText: String
        public var history: FieldHistory?
        public var from: Double?
        public var to: Double?
        public var asOf: Double?
        public var salt: PIISalt?

        public init(source: any RecordSource, contract: DataContract, contractText: String, history: FieldHistory? = nil,
                    from: Double? = nil, to: Double? = nil, asOf: Double? = nil, salt: PIISalt? = nil) {
            self.source = source
            self.contract = contract
            self.contractText = contractText
            self.history = history
            self.from = from
            self.to = to
            self.asOf = asOf
            self.salt = salt
        }
    }

    public var config: TrainingConfig
    public var evaluator: GateEvaluator
    public var store: any ServiceStore
    /// Who ran it, for the registry's history.
    public var actor: String

    public init(config: TrainingConfig, evaluator: GateEvaluator, store: any ServiceStore, actor: String) {
        self.config = config
        self.evaluator = evaluator
        self.store = store
        self.actor = actor
    }

    /// The production model and its version, or nil before the first registration.
    /// - Throws: when production's bundle can no longer be read: without it there is nothing to gate against.
    public func production() async throws -> (version: String, bundle: ModelBundle, path: URL)? {
        guard let version = try await store.latestRegistryEvent()?.state.production,
              let model = try await store.model(version: version) else { return nil }
        let path = URL(fileURLWithPath: model.bundlePath)
        do {
            return (version, try ModelBundle.load(from: path), path)
        } catch {
            throw InputError(source: model.bundlePath, field: version,
                             problem: "the production model's bundle cannot be read (\(error)), so the candidate cannot be compared with it",
                             fix: "restore the bundle at that path, or roll back to a version whose bundle is intact")
        }
    }

    /// Runs everything into `output` (`snapshot/`, `model/`, `gates.json`; the folder must not hold them yet).
    public func run(_ input: Input, output: URL, progress: (String) -> Void = { _ in }) async throws -> RetrainOutcome {
        let champion = try await production()
        let snapshotPath = output.appendingPathComponent("snapshot")
        let manifest = try SnapshotBuilder.build(SnapshotRequest(
            source: input.source, contract: input.contract, contractText: input.contractText, from: input.from, to: input.to,
            asOf: input.asOf, salt: input.salt, history: input.history), to: snapshotPath)
        progress("snapshot \(manifest.snapshotId): \(manifest.counts.rows) leads (\(manifest.counts.positives) converted), "
            + "\(manifest.counts.rejected) of \(manifest.counts.sourceRows) rows rejected")
        let snapshot = try Snapshot.open(snapshotPath)
        let candidate = try Trainer.train(snapshot: snapshot, config: config, progress: progress)
        let bundlePath = output.appendingPathComponent("model")
        try candidate.write(to: bundlePath)
        progress("candidate \(candidate.metadata.modelVersion) → \(bundlePath.path)")

        let report = try evaluator.evaluate(candidate: candidate, snapshot: snapshot, champion: champion?.bundle,
                                            championVersion: champion?.version)
        let reportPath = output.appendingPathComponent("gates.json")
        try Data(try report.json().utf8).write(to: reportPath, options: .atomic)
        let registration = try await register(candidate, at: bundlePath, report: report, production: champion?.version)
        return RetrainOutcome(snapshot: manifest, snapshotPath: snapshotPath, candidate: candidate, bundlePath: bundlePath,
                              report: report, reportPath: reportPath, registration: registration)
    }

    /// Stores the gate report with the version (so `promote` can read it), then registers and shadows.
    /// The report is stored first: the version is never registered without its verdict beside it.
    func register(_ candidate: ModelBundle, at path: URL, report: GateReport,
                  production: String?) async throws -> RetrainOutcome.Registration {
        let version = candidate.metadata.modelVersion
        if version == production { return .sameAsProduction }
        try await store.saveGateReport(ModelGateRecord(version: version, report: try report.json(), passed: report.passed,
                                                       at: report.evaluatedAt))
        guard production != nil || report.passed else {
            return .notRegistered("the registry has no production model, and a first model is registered as production; "
                + "its gates failed (\(report.failedGates.joined(separator: ", "))), so it was not registered. Fix the data, or "
                + "register it by hand with `leadscore models register` if you accept the figures")
        }
        let verdict = report.passed ? "passed" : "failed: \(report.failedGates.joined(separator: ", "))"
        let reason = "retrained on \(report.snapshotId); gates \(verdict)"
        let registry = ModelRegistry(store: store)
        try await registry.register(bundleAt: path, actor: actor, reason: reason)
        guard production != nil else { return .production }
        return .shadow(try await registry.shadow(version, actor: actor, reason: reason).event.state)
    }

    /// Whether `leadscore.yaml`'s text has a `salesforce:` section, so rows are extracted from the org.
    public static func configNamesSalesforce(_ text: String, source: String = "leadscore.yaml") throws -> Bool {
        guard let root = try YAMLNodeReader.compose(text, source: source), case let .mapping(top) = root else { return false }
        return top["salesforce"] != nil
    }
}
