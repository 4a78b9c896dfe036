import Foundation
import Testing
@testable import LeadscoreData
@testable import LeadscoreModels

/// The champion refitted on train + validation (`refit: true`, the default): it learns from exactly
/// those rows with the choices made on validation, the test slice only measures, the honest figures
/// stay as they were, the bundle scores with the refitted model, and `refit: false` is the old run.
struct RefitTests {
    let org: TrainedSampleOrg

    init() throws {
        org = try TrainedSampleOrg.shared.get()
    }

    /// The shared org's snapshot trained again with `refit: false`, once for the suite.
    static let withoutRefit: Result<ModelBundle, any Error> = Result {
        var config = TrainingConfig()
        config.trees.threads = 2
        config.refit = false
        return try Trainer.train(snapshot: try TrainedSampleOrg.shared.get().snapshot, config: config,
                                 createdAt: Date(timeIntervalSince1970: 0))
    }

    private var table: LeadTable { org.snapshot.table }
    private var fittingRows: [Int] { table.rows(in: .train) + table.rows(in: .validation) }

    /// `rows` of the snapshot through `pipeline`, as training reads them.
    private func inputs(_ rows: [Int], _ pipeline: FeaturePipeline) -> ScoringInputs {
        ScoringInputs(table: table, rows: rows, pipeline: pipeline, dataAsOf: SalesforceDate.parse(org.snapshot.manifest.window.asOf)!)
    }

    @Test func theRefitLearnsFromExactlyTheTrainAndValidationRows() throws {
        let refit = try #require(org.bundle.evaluation.refit)
        #expect(refit.trainRows == table.rows(in: .train).count)
        #expect(refit.validationRows == table.rows(in: .validation).count)
        #expect(refit.rows == fittingRows.count && refit.rows + table.rows(in: .test).count == table.rowCount)
        #expect(org.bundle.pipeline == FeaturePipelineFitter.fit(table: table, contract: org.snapshot.contract, trainingRows: fittingRows))
        #expect(org.bundle.metadata.featureColumns == org.bundle.pipeline.columnNames)

        // The same family fitted independently on train + validation scores the test leads identically:
        // a test row (or a missing validation row) in the refit would change the model.
        let fitting = inputs(fittingRows, org.bundle.pipeline), test = inputs(table.rows(in: .test), org.bundle.pipeline)
        let labels = fittingRows.map { table.labels[$0] == 1 }
        func logistic(l2: Double) throws -> LinearModel {
            var settings = LogisticSettings()
            settings.l2Grid = [l2]
            let testLabels = table.rows(in: .test).map { table.labels[$0] == 1 }
            return try LogisticTrainer.train(train: fitting.matrix, trainLabels: labels, valid: test.matrix,
                                             validLabels: testLabels, columnNames: org.bundle.pipeline.columnNames,
                                             settings: settings).model
        }
        func trees() throws -> Booster {
            let rounds = try #require(refit.rounds)
            let data = try DMatrix(values: fitting.matrix.values, rows: fitting.matrix.rows, columns: fitting.matrix.columns,
                                   labels: labels.map { $0 ? 1 : 0 })
            var settings = TreeSettings()
            settings.threads = 2
            let booster = try Booster(cache: [data], parameters: TreeTrainer.parameters(settings, threads: 2))
            for iteration in 0..<rounds { try booster.update(iteration: iteration, train: data) }
            return booster
        }
        let expected: ScoringModel
        switch org.bundle.model {
        case .rules:
            expected = try Self.withoutRefit.get().model
        case let .logistic(linear):
            #expect(refit.l2 == linear.l2 && refit.rounds == nil)
            expected = .logistic(try logistic(l2: linear.l2))
        case .trees:
            expected = .trees(try trees())
        case let .blend(blend):
            #expect(refit.l2 == blend.linear.l2 && refit.rounds != nil)
            expected = .blend(BlendModel(linear: try logistic(l2: blend.linear.l2), trees: try trees(),
                                         treeWeight: blend.treeWeight))
        }
        let margins = try org.bundle.model.margins(test), expectedMargins = try expected.margins(test)
        #expect(allClose(margins, expectedMargins, tolerance: 1e-6))
    }

    @Test func treeRoundsAreScaledByTheRowsAndTheCalibratorIsCrossFitted() throws {
        #expect(RefitRecipe.scaledRounds(selected: 212, trainRows: 17_000, validationRows: 3_400) == 254)
        #expect(RefitRecipe.scaledRounds(selected: 1, trainRows: 1_000, validationRows: 10) == 1)
        // Whichever family won on the sample org, refit trees directly.
        let data = try TrainingData(snapshot: org.snapshot, minimumTrainPositives: 1)
        var config = TrainingConfig()
        config.trees.threads = 2
        let trees = try TreeTrainer.train(
            train: data.inputs[.train]!.matrix, trainLabels: data.labels[.train]!, valid: data.inputs[.validation]!.matrix,
            validLabels: data.labels[.validation]!, settings: config.trees, threads: 2)
        let family = try Trainer.fit(.trees(trees.booster), data: data, config: config, detail: "trees")
        let result = try ChampionRefitter.refit(champion: family, data: data, config: config)
        let summary = result.summary
        let trainCount = data.rows[.train]!.count, validationCount = data.rows[.validation]!.count
        let scaled = Int((Double(trees.rounds) * Double(trainCount + validationCount) / Double(trainCount)).rounded())
        #expect(summary.selectedRounds == trees.rounds && summary.rounds == scaled)
        guard case let .trees(booster) = result.model else { Issue.record("the refit changed the family"); return }
        #expect(try booster.boostedRounds() == scaled && scaled > trees.rounds)
        #expect(summary.calibrationFolds == 5)
        #expect(summary.calibration.candidates.map(\.method) == [family.calibration.calibrator.method])
        // A temporal split: the calibrator learns from the validation rows' out-of-fold margins only, each
        // fold model trained for its own size, so the probabilities keep the latest period's level.
        #expect(summary.calibratedOnLatest == true && summary.method.contains("validation leads (the latest period)"))
        let recipe = try RefitRecipe(champion: family.model, config: config, trainRows: trainCount, validationRows: validationCount)
        let fitting = inputs(fittingRows, result.pipeline)
        let labels = fittingRows.map { table.labels[$0] == 1 }
        let fitted = try ChampionRefitter.fitAll(recipe, trainRows: trainCount, inputs: fitting, labels: labels,
                                                 columnNames: result.pipeline.columnNames, threads: config.trees.threads)
        #expect(fitted.folds.count == 5)
        #expect(try fitted.model.margins(fitting) == result.model.margins(fitting))
        let margins = try ChampionRefitter.outOfFoldMargins(folds: fitted.folds, model: fitted.model, inputs: fitting)
        let expected = Calibrator.fit(family.calibration.calibrator.method, scores: Array(margins[trainCount...]),
                                      labels: Array(labels[trainCount...]))
        #expect(result.calibration.calibrator == expected)
        #expect(summary.testBefore == family.comparison.test)
        print("Refit trees on the sample org: \(summary.method); \(summary.testChange)")
        #expect(summary.testAfter.logLoss <= summary.testBefore.logLoss + 0.01)
        #expect(summary.testAfter.ece <= summary.testBefore.ece + 0.02)
    }

    @Test func theHonestFiguresAreThoseOfTheRunWithoutRefit() throws {
        let old = try Self.withoutRefit.get().evaluation, new = org.bundle.evaluation
        #expect(new.models == old.models)
        #expect(new.champion == old.champion && new.calibration == old.calibration)
        #expect(new.rocCurve == old.rocCurve && new.tiers == old.tiers && new.segments == old.segments)
        let champion = try #require(new.models.first { $0.kind == new.champion })
        let refit = try #require(new.refit)
        #expect(refit.testBefore == champion.test)
        #expect(refit.testAfter.rows == champion.test.rows && refit.testAfter.positives == champion.test.positives)
        #expect(abs(refit.gain.logLoss - (refit.testAfter.logLoss - refit.testBefore.logLoss)) < 1e-9)
        #expect(abs(refit.gain.ece - (refit.testAfter.ece - refit.testBefore.ece)) < 1e-12)
        if let change = refit.gain.rocAUC, let after = refit.testAfter.rocAUC, let before = refit.testBefore.rocAUC {
            #expect(abs(change - (after - before)) < 1e-12)
        }
    }

    @Test func theBundleScoresWithTheRefittedModelAndItsCalibration() throws {
        let refit = try #require(org.bundle.evaluation.refit)
        let probabilities = try LeadScorer(bundle: org.bundle).probabilities(inputs(table.rows(in: .test), org.bundle.pipeline))
        let labels = table.rows(in: .test).map { table.labels[$0] == 1 }
        let measured = BinaryMetrics.evaluate(probabilities: probabilities, labels: labels)
        #expect(measured == refit.testAfter)
        #expect(org.bundle.calibrator == refit.calibration.calibrator)
        let old = try Self.withoutRefit.get()
        #expect(old.metadata.modelVersion != org.bundle.metadata.modelVersion)
        #expect(try old.contentHash() != org.bundle.contentHash())
        #expect(org.bundle.metadata.modelVersion.hasSuffix(String(try org.bundle.contentHash().prefix(12))))
    }

    @Test func calibrationAfterTheRefitIsNoWorseOnTheTestLeads() throws {
        let refit = try #require(org.bundle.evaluation.refit)
        let before = refit.testBefore, after = refit.testAfter
        print("Refit on the sample org (\(org.bundle.metadata.kind.title)): \(refit.method)")
        print("  test ROC AUC \(before.rocAUC ?? .nan) → \(after.rocAUC ?? .nan), log loss \(before.logLoss) → \(after.logLoss), "
            + "ECE \(before.ece) → \(after.ece); ΔAUC 95% \(String(describing: refit.gain.rocAUCInterval))")
        // ~3k test leads: ECE moves by ±0.01 from noise alone, so only a clear worsening fails.
        #expect(after.ece <= before.ece + 0.02)
        #expect(after.logLoss <= before.logLoss + 0.01)
        #expect((after.rocAUC ?? 0) >= (before.rocAUC ?? 1) - 0.01)
    }

    @Test func refitFalseKeepsTheOldBehaviour() throws {
        let old = try Self.withoutRefit.get()
        #expect(old.evaluation.refit == nil && !old.metadata.settings.refit)
        let trainRows = table.rows(in: .train)
        #expect(old.pipeline == FeaturePipelineFitter.fit(table: table, contract: org.snapshot.contract, trainingRows: trainRows))
        #expect(old.metadata.trainingWindow == (try TrainingData(snapshot: org.snapshot, minimumTrainPositives: 1)).windows["train"])
        // The bundle's model is the evaluated champion: scoring the test leads reproduces its honest figures.
        let champion = try #require(old.evaluation.models.first { $0.kind == old.evaluation.champion })
        let probabilities = try LeadScorer(bundle: old).probabilities(inputs(table.rows(in: .test), old.pipeline))
        let labels = table.rows(in: .test).map { table.labels[$0] == 1 }
        #expect(BinaryMetrics.evaluate(probabilities: probabilities, labels: labels) == champion.test)
        let header = ModelCardHeader(modelName: "test-org", modelVersion: old.metadata.modelVersion, createdAt: "1970-01-01")
        #expect(!ModelCardMarkdown.render(old.evaluation, header: header).contains(ModelCardRefit.title))
        #expect(!ModelCardHTML.render(old.evaluation, header: header).contains(ModelCardRefit.title))
    }

    @Test func theCardShowsTheRefitOnce() throws {
        let refit = try #require(org.bundle.evaluation.refit)
        let header = ModelCardHeader(modelName: "test-org", modelVersion: org.bundle.metadata.modelVersion, createdAt: "1970-01-01")
        let markdown = ModelCardMarkdown.render(org.bundle.evaluation, header: header)
        let html = ModelCardHTML.render(org.bundle.evaluation, header: header)
        for card in [markdown, html] {
            #expect(card.components(separatedBy: ModelCardRefit.title).count == 2)
            #expect(card.contains(ReportFormat.fixed(refit.testBefore.rocAUC) + " → " + ReportFormat.fixed(refit.testAfter.rocAUC)))
            #expect(card.contains(ReportFormat.count(refit.rows) + " leads"))
        }
        #expect(org.bundle.evaluation.limitations.contains { $0.contains("refitted after the test evaluation") })
    }

    @Test func aRefittedBundleRoundTrips() throws {
        let out = org.directory.appendingPathComponent("refit-\(UUID().uuidString.prefix(6))")
        try org.bundle.write(to: out)
        let loaded = try ModelBundle.load(from: out)
        #expect(loaded.evaluation == org.bundle.evaluation && loaded.evaluation.refit != nil)
        #expect(loaded.metadata == org.bundle.metadata && loaded.metadata.settings.refit)
        #expect(try loaded.contentHash() == org.bundle.contentHash())
        let windows = try TrainingData(snapshot: org.snapshot, minimumTrainPositives: 1).windows
        #expect(loaded.metadata.trainingWindow == [windows["train"]![0], windows["validation"]![1]])
    }

    @Test func evaluationsAndSettingsWrittenBeforeRefitsStillDecode() throws {
        let encoder = ModelBundle.encoder()
        var evaluation = try #require(JSONSerialization.jsonObject(with: encoder.encode(org.bundle.evaluation)) as? [String: Any])
        evaluation.removeValue(forKey: "refit")
        let oldEvaluation = try JSONDecoder().decode(ModelEvaluation.self, from: JSONSerialization.data(withJSONObject: evaluation))
        var expected = org.bundle.evaluation
        expected.refit = nil
        #expect(oldEvaluation == expected)

        var metadata = try #require(JSONSerialization.jsonObject(with: encoder.encode(org.bundle.metadata)) as? [String: Any])
        var settings = try #require(metadata["settings"] as? [String: Any])
        settings.removeValue(forKey: "refit")
        metadata["settings"] = settings
        let oldMetadata = try JSONDecoder().decode(BundleMetadata.self, from: JSONSerialization.data(withJSONObject: metadata))
        #expect(!oldMetadata.settings.refit, "a bundle from before refits was fitted on the train slice only")
        var refitted = oldMetadata.settings
        refitted.refit = true
        #expect(refitted == org.bundle.metadata.settings)
    }

    @Test func leadscoreYamlTurnsTheRefitOffOrNamesTheMistake() throws {
        #expect(try TrainingConfigLoader.parse("segments: [LeadSource]\n").refit)
        #expect(try !TrainingConfigLoader.parse("refit: false\n").refit)
        do {
            _ = try TrainingConfigLoader.parse("segments: [LeadSource]\nrefit: sometimes\n")
            Issue.record("the config should have been refused")
        } catch let errors as InputErrors {
            let text = errors.description
            #expect(text.contains("line 2") && text.contains("refit") && text.contains("true or false"), "\(text)")
        }
    }
}
