import Foundation
import Testing
@testable import LeadscoreData
@testable import LeadscoreModels

/// The fourth candidate, `w · trees + (1 − w) · logistic` on the log-odds scale: its explanations stay
/// exact, its weight is the one the validation slice prefers, it survives a bundle round trip, and
/// training measures it beside the other families.
struct BlendTests {
    /// Logistic regression and trees fitted on the shared org's train slice, as `train` fits them.
    struct Parts {
        let data: TrainingData
        let config: TrainingConfig
        let linear: Trainer.FittedFamily
        let trees: Trainer.FittedFamily
    }

    static let parts: Result<Parts, any Error> = Result {
        let data = try TrainingData(snapshot: try TrainedSampleOrg.shared.get().snapshot, minimumTrainPositives: 1)
        var config = TrainingConfig()
        config.trees.threads = 2
        let train = data.inputs[.train]!.matrix, valid = data.inputs[.validation]!.matrix
        let logistic = try LogisticTrainer.train(train: train, trainLabels: data.labels[.train]!, valid: valid,
                                                 validLabels: data.labels[.validation]!,
                                                 columnNames: data.pipeline.columnNames, settings: config.logistic)
        let trees = try TreeTrainer.train(train: train, trainLabels: data.labels[.train]!, valid: valid,
                                          validLabels: data.labels[.validation]!, settings: config.trees, threads: 2)
        return Parts(data: data, config: config,
                     linear: try Trainer.fit(.logistic(logistic.model), data: data, config: config, detail: ""),
                     trees: try Trainer.fit(.trees(trees.booster), data: data, config: config, detail: ""))
    }

    private func blend(_ parts: Parts, weight: Double) -> BlendModel {
        guard case let .logistic(linear) = parts.linear.model, case let .trees(booster) = parts.trees.model else {
            preconditionFailure("the parts are a logistic and a trees model")
        }
        return BlendModel(linear: linear, trees: booster, treeWeight: weight)
    }

    @Test(arguments: [0.25, 0.5, 0.75])
    func marginsAreTheWeightedLogOddsAndReasonsAddUpToThem(weight: Double) throws {
        let parts = try Self.parts.get()
        let model = ScoringModel.blend(blend(parts, weight: weight))
        let test = parts.data.inputs[.test]!
        let margins = try model.margins(test)
        for (row, margin) in margins.enumerated() {
            let expected = weight * parts.trees.testMargins[row] + (1 - weight) * parts.linear.testMargins[row]
            #expect(abs(margin - expected) < 1e-9)
        }
        // Exact explanations: bias + contributions = margin, lead by lead (trees' SHAP is float32).
        let sample = test.prefix(500)
        let contributions = try model.contributions(sample, groups: ContributionGroups(pipeline: parts.data.pipeline))
        let worst = zip(contributions, margins).map { abs($0.total - $1) }.max() ?? .infinity
        #expect(worst < 1e-4, "largest gap between contributions and margin: \(worst)")
        // Each field's share is the weighted sum of the two families' shares of that field.
        let linear = try parts.linear.model.contributions(sample, groups: ContributionGroups(pipeline: parts.data.pipeline))
        let trees = try parts.trees.model.contributions(sample, groups: ContributionGroups(pipeline: parts.data.pipeline))
        for field in parts.data.pipeline.steps.map(\.column) {
            let expected = weight * (trees[0].byField[field] ?? 0) + (1 - weight) * (linear[0].byField[field] ?? 0)
            #expect(abs((contributions[0].byField[field] ?? 0) - expected) < 1e-9, "\(field)")
        }
    }

    @Test func theWeightIsTheOneWithTheLowestOutOfFoldLogLossOnValidation() throws {
        let parts = try Self.parts.get()
        let labels = parts.data.labels[.validation]!
        let choice = BlendSearch.choose(linear: parts.linear, trees: parts.trees, validationLabels: labels,
                                        calibration: parts.config.calibration)
        var losses: [Double: Double] = [:]
        for weight in BlendSearch.weights {
            let margins = try ScoringModel.blend(blend(parts, weight: weight)).margins(parts.data.inputs[.validation]!)
            losses[weight] = CalibrationMethod.allCases.map {
                CalibrationChooser.outOfFoldLogLoss($0, scores: margins, labels: labels, folds: 5)
            }.min()
        }
        let best = losses.min { $0.value != $1.value ? $0.value < $1.value : $0.key == 0.5 }!
        print("Blend weight on the sample org: \(choice.treeWeight); out-of-fold log loss by weight: \(losses.sorted { $0.key < $1.key })")
        #expect(choice.treeWeight == best.key)
        #expect(choice.validationMargins.count == labels.count && choice.testMargins.count == parts.data.rows[.test]!.count)
    }

    @Test func aBlendBundleRoundTripsWithBothModelsAndItsWeight() throws {
        let org = try TrainedSampleOrg.shared.get(), parts = try Self.parts.get()
        var bundle = org.bundle
        bundle.model = .blend(blend(parts, weight: 0.25))
        bundle.pipeline = parts.data.pipeline
        bundle.metadata.kind = .blend
        let directory = org.directory.appendingPathComponent("blend-bundle-\(UUID().uuidString.prefix(8))")
        try bundle.write(to: directory)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(Set(["model.json", "linear.json", "blend.json"]).isSubset(of: Set(files)))
        #expect(!files.contains("rules.json"))
        let loaded = try ModelBundle.load(from: directory)
        guard case let .blend(model) = loaded.model else { Issue.record("loaded \(loaded.model.kind)"); return }
        #expect(model.treeWeight == 0.25 && model.linear == blend(parts, weight: 0.25).linear)
        let test = parts.data.inputs[.test]!
        #expect(allClose(try loaded.model.margins(test), try bundle.model.margins(test), tolerance: 1e-9))
        #expect(try loaded.contentHash() == bundle.contentHash())
    }

    @Test func trainingMeasuresTheBlendBesideTheOtherFamilies() throws {
        let evaluation = try TrainedSampleOrg.shared.get().bundle.evaluation
        let blend = try #require(evaluation.models.first { $0.kind == .blend })
        #expect(blend.detail.contains("log-odds") && blend.detail.contains("validation log loss"))
        #expect(blend.test.rows == evaluation.models[0].test.rows && blend.validation.rows == evaluation.models[0].validation.rows)
        print("Sample org families (validation PR AUC / test ROC AUC): "
            + evaluation.models.map { "\($0.kind.rawValue) \($0.validation.prAUC ?? 0) / \($0.test.rocAUC ?? 0)" }.joined(separator: ", "))
    }
}
