import Foundation
import LeadscoreData

/// One directory holding everything that produced a score: the model, the fitted feature pipeline,
/// the calibrator, tiers and routes, the contract, metadata and the evaluation — with a SHA-256
/// manifest checked on load, so a changed or damaged bundle is refused rather than used.
///
/// Files: `model.json` (XGBoost JSON, trees), `linear.json` (logistic) or `rules.json` (rules); a
/// blend has `model.json`, `linear.json` and `blend.json` (its weight); then `pipeline.json`,
/// `calibrator.json`, `policy.json`, `contract.yaml`, `metadata.json`, `evaluation.json`,
/// `baseline.json` (what monitoring compares traffic with; absent in older bundles), `manifest.json`.
public struct ModelBundle: Sendable {
    public static let manifestFile = "manifest.json"

    public var metadata: BundleMetadata
    public var model: ScoringModel
    public var pipeline: FeaturePipeline
    public var calibrator: Calibrator
    public var policy: ScoringPolicy
    public var contract: DataContract
    public var evaluation: ModelEvaluation
    /// The training-time distributions monitoring compares live traffic with; nil in older bundles.
    public var baseline: MonitoringBaseline?

    public init(metadata: BundleMetadata, model: ScoringModel, pipeline: FeaturePipeline, calibrator: Calibrator,
                policy: ScoringPolicy, contract: DataContract, evaluation: ModelEvaluation,
                baseline: MonitoringBaseline? = nil) {
        self.metadata = metadata
        self.model = model
        self.pipeline = pipeline
        self.calibrator = calibrator
        self.policy = policy
        self.contract = contract
        self.evaluation = evaluation
        self.baseline = baseline
    }

    struct Manifest: Codable {
        var formatVersion: Int
        var modelVersion: String
        var files: [SnapshotManifest.FileEntry]
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }

    /// The files that define the scores (not metadata or evaluation), by name.
    func definingFiles() throws -> [(String, Data)] {
        let encoder = Self.encoder()
        let files: [(String, Data)]
        switch model {
        case let .trees(booster): files = [("model.json", try booster.jsonModel())]
        case let .logistic(linear): files = [("linear.json", try encoder.encode(linear))]
        case let .rules(rules): files = [("rules.json", try encoder.encode(rules))]
        case let .blend(blend):
            files = [("model.json", try blend.trees.jsonModel()), ("linear.json", try encoder.encode(blend.linear)),
                     ("blend.json", try encoder.encode(BlendWeight(treeWeight: blend.treeWeight)))]
        }
        return files + [
            ("pipeline.json", try encoder.encode(pipeline)),
            ("calibrator.json", try encoder.encode(calibrator)),
            ("policy.json", try encoder.encode(policy)),
            ("contract.yaml", Data(ContractWriter.yaml(contract).utf8)),
        ]
    }

    /// The content hash of the score-defining files: equal bundles score equally.
    public func contentHash() throws -> String {
        var combined = Data()
        for (name, data) in try definingFiles() {
            combined.append(Data(name.utf8))
            combined.append(Data(Checksum.sha256Hex(data).utf8))
        }
        return Checksum.sha256Hex(combined)
    }

    /// Writes the bundle all-or-nothing to `directory`.
    public func write(to directory: URL) throws {
        let output = try AtomicDirectory(destination: directory)
        do {
            let encoder = Self.encoder()
            var files = try definingFiles()
            files.append(("metadata.json", try encoder.encode(metadata)))
            files.append(("evaluation.json", try encoder.encode(evaluation)))
            if let baseline { files.append(("baseline.json", try encoder.encode(baseline))) }
            var entries: [SnapshotManifest.FileEntry] = []
            for (name, data) in files {
                try data.write(to: output.staging.appendingPathComponent(name))
                entries.append(SnapshotManifest.FileEntry(name: name, sha256: Checksum.sha256Hex(data), bytes: data.count))
            }
            let manifest = Manifest(formatVersion: BundleMetadata.formatVersion, modelVersion: metadata.modelVersion, files: entries)
            try encoder.encode(manifest).write(to: output.staging.appendingPathComponent(Self.manifestFile))
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }

    /// Only the bundle's monitoring baseline, checked against the manifest: what monitoring needs of
    /// each registered model, without reading or parsing the model itself. nil for bundles without one.
    public static func loadBaseline(from directory: URL) throws -> MonitoringBaseline? {
        guard let entry = try readManifest(in: directory).files.first(where: { $0.name == "baseline.json" }) else {
            return nil
        }
        do {
            return try JSONDecoder().decode(MonitoringBaseline.self, from: try verifiedData(entry, in: directory))
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(source: directory.path, field: "baseline.json", problem: "the file cannot be read (\(error))",
                             fix: "retrain the bundle with this version of leadscore")
        }
    }

    private static func readManifest(in directory: URL) throws -> Manifest {
        let source = directory.path
        guard let manifestData = try? Data(contentsOf: directory.appendingPathComponent(manifestFile)) else {
            throw InputError(source: source, problem: "there is no \(manifestFile) here",
                             fix: "pass a directory written by `leadscore train --out`")
        }
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: manifestData) else {
            throw InputError(source: source, field: manifestFile, problem: "the manifest is not valid",
                             fix: "retrain or restore the bundle; manifests are not meant to be edited")
        }
        return manifest
    }

    /// A manifest entry's bytes, refused unless they match its SHA-256.
    private static func verifiedData(_ entry: SnapshotManifest.FileEntry, in directory: URL) throws -> Data {
        let url = directory.appendingPathComponent(entry.name)
        guard let data = try? Data(contentsOf: url), Checksum.sha256Hex(data) == entry.sha256 else {
            throw InputError(source: url.path, problem: "the file is missing or does not match its SHA-256 in the manifest",
                             fix: "the bundle was changed or damaged: restore it from the registry or retrain")
        }
        return data
    }

    /// Loads and verifies a bundle; any file that does not match the manifest is refused.
    public static func load(from directory: URL) throws -> ModelBundle {
        let source = directory.path
        let manifest = try readManifest(in: directory)
        var contents: [String: Data] = [:]
        for entry in manifest.files { contents[entry.name] = try verifiedData(entry, in: directory) }
        func file(_ name: String) throws -> Data {
            guard let data = contents[name] else {
                throw InputError(source: source, field: name, problem: "the bundle has no \(name)", fix: "retrain the bundle")
            }
            return data
        }
        func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
            do {
                return try JSONDecoder().decode(type, from: try file(name))
            } catch let error as InputError {
                throw error
            } catch {
                throw InputError(source: source, field: name, problem: "the file cannot be read (\(error))",
                                 fix: "retrain the bundle with this version of leadscore")
            }
        }
        let metadata = try decode(BundleMetadata.self, "metadata.json")
        func booster() throws -> Booster { try Booster(jsonModel: try file("model.json"), parameters: ["nthread": "0"]) }
        let model: ScoringModel
        switch metadata.kind {
        case .trees: model = .trees(try booster())
        case .logistic: model = .logistic(try decode(LinearModel.self, "linear.json"))
        case .rules: model = .rules(try decode(RulesModel.self, "rules.json"))
        case .blend:
            let weight = try decode(BlendWeight.self, "blend.json").treeWeight
            guard weight >= 0, weight <= 1 else {
                throw InputError(source: source, field: "blend.json: treeWeight", problem: "\(weight) is not between 0 and 1",
                                 fix: "retrain the bundle; blend weights are written by `leadscore train`")
            }
            model = .blend(BlendModel(linear: try decode(LinearModel.self, "linear.json"), trees: try booster(),
                                      treeWeight: weight))
        }
        let contractText = String(decoding: try file("contract.yaml"), as: UTF8.self)
        return ModelBundle(
            metadata: metadata, model: model,
            pipeline: try decode(FeaturePipeline.self, "pipeline.json"),
            calibrator: try decode(Calibrator.self, "calibrator.json"),
            policy: try decode(ScoringPolicy.self, "policy.json"),
            contract: try ContractLoader.parse(contractText, source: "\(source)/contract.yaml"),
            evaluation: try decode(ModelEvaluation.self, "evaluation.json"),
            baseline: contents["baseline.json"] == nil ? nil : try decode(MonitoringBaseline.self, "baseline.json"))
    }
}
