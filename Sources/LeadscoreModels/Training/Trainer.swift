import Foundation
import LeadscoreData

/// `leadscore train`: fits the rules baseline, logistic regression, gradient-boosted trees and a blend
/// of the last two on a snapshot's temporal split, calibrates each on validation, picks the champion on validation,
/// sets tiers, and evaluates everything once on the test slice. Then (`refit: true`, the default)
/// the champion is refitted on train + validation with the same choices (`ChampionRefitter`); the
/// evaluation keeps the honest figures from before. Returns a complete bundle.
public enum Trainer {
    /// One fitted model family with its calibrated validation and test probabilities.
    struct FittedFamily {
        var model: ScoringModel
        var calibration: CalibrationChoice
        /// Raw margins (before calibration), kept so the blend can combine them without predicting again.
        var validationMargins: [Double]
        var testMargins: [Double]
        var validationProbabilities: [Double]
        var testProbabilities: [Double]
        var comparison: ModelComparison
    }

    public static func train(snapshot: Snapshot, config: TrainingConfig, createdAt: Date = Date(),
                             progress: (String) -> Void = { _ in }) throws -> ModelBundle {
        let threads = config.trees.threads
        let data = try TrainingData(snapshot: snapshot, minimumTrainPositives: config.minimumTrainPositives)
        // Never silently: every input the leakage review doubts is named before anything is fitted.
        let suspects = LeakageCheck.suspectsInUse(snapshot)
        for suspect in suspects { progress(LeakageCheck.line(suspect)) }
        let train = data.inputs[.train]!, valid = data.inputs[.validation]!, test = data.inputs[.test]!
        let trainLabels = data.labels[.train]!, validLabels = data.labels[.validation]!, testLabels = data.labels[.test]!
        progress("Features: \(data.pipeline.columnNames.count) model columns from \(data.pipeline.steps.count) fields, "
            + "\(train.count) train / \(valid.count) validation / \(test.count) test leads")

        let rules = config.rules ?? DefaultRules.make(contract: snapshot.contract)
        try checkFields(rules: rules, overrides: config.overrides, contract: snapshot.contract)
        var families: [FittedFamily] = []
        families.append(try fit(.rules(rules), data: data, config: config,
                                detail: rules.isDefault ? "default point set (no rules in config), \(rules.rules.count) rules"
                                    : "\(rules.rules.count) rules from the config"))
        progress("Rules baseline: \(rules.rules.count) rules")

        let logistic = try LogisticTrainer.train(train: train.matrix, trainLabels: trainLabels, valid: valid.matrix,
                                                 validLabels: validLabels, columnNames: data.pipeline.columnNames,
                                                 settings: config.logistic)
        families.append(try fit(.logistic(logistic.model), data: data, config: config,
                                detail: "Newton-CG (LIBLINEAR's objective), L2 \(logistic.model.l2) per lead chosen from \(config.logistic.l2Grid), "
                                    + "on at most \(config.logistic.maxTrainingRows) evenly spaced training leads"))
        progress("Logistic regression: L2 \(logistic.model.l2)")

        let trees = try TreeTrainer.train(train: train.matrix, trainLabels: trainLabels, valid: valid.matrix,
                                          validLabels: validLabels, settings: config.trees, threads: threads)
        families.append(try fit(.trees(trees.booster), data: data, config: config,
                                detail: "XGBoost hist, \(trees.rounds) rounds (early-stopped on validation log loss), "
                                    + "depth \(config.trees.maxDepth), eta \(config.trees.learningRate)"))
        progress("Gradient-boosted trees: \(trees.rounds) rounds")

        let blend = BlendSearch.choose(linear: families[1], trees: families[2], validationLabels: validLabels,
                                       calibration: config.calibration)
        families.append(fit(.blend(BlendModel(linear: logistic.model, trees: trees.booster, treeWeight: blend.treeWeight)),
                            validationMargins: blend.validationMargins, testMargins: blend.testMargins, data: data,
                            config: config,
                            detail: "trees × \(blend.treeWeight) + logistic × \(1 - blend.treeWeight) on the log-odds scale, "
                                + "weight chosen from \(BlendSearch.weights.sorted()) by validation log loss, then calibrated"))
        progress("Blend: trees × \(blend.treeWeight) + logistic × \(1 - blend.treeWeight)")

        let champion = pickChampion(families, metric: config.championMetric)
        progress("Champion on validation \(config.championMetric.rawValue): \(champion.model.kind.title)")

        // Probabilities carry the base rate of the leads they were calibrated on (validation, or all of train +
        // validation when a refit cross-fits on a random split); the newest leads may convert otherwise.
        let calibrationLabels = config.refit && !data.isTimeOrdered ? trainLabels + validLabels : validLabels
        let shift = baseRateShift(fitted: calibrationLabels, recent: testLabels, correction: config.priorCorrection)
        let priorShift = shift?.applied == true ? shift?.logitShift : nil
        let served = { (probability: Double) in priorShift.map { BaseRateShift.shifted(probability, by: $0) } ?? probability }
        // Tiers are cut where serving will put probabilities: after the prior correction, if any.
        let plan = TierPlanner.plan(settings: config.tiers, probabilities: champion.validationProbabilities.map(served),
                                    labels: validLabels, arrivalPerDay: data.arrivalPerDay)
        let builder = EvaluationBuilder(data: data, config: config, champion: champion.model)
        let importance = try builder.importance()
        let refit = config.refit ? try ChampionRefitter.refit(champion: champion, data: data, config: config) : nil
        if let refit { progress("Refit on train + validation: \(refit.summary.method)") }
        let pipeline = refit?.pipeline ?? data.pipeline
        let confidence = builder.confidenceReference(
            importance: importance, pipeline: pipeline,
            rows: refit == nil ? data.rows[.train]! : ChampionRefitter.fittingRows(data))
        var policy = ScoringPolicy(tiers: plan.tiers, overrides: config.overrides, explanations: config.explanations,
                                   confidence: confidence)
        policy.priorShift = priorShift
        // Metrics judge the model as measured; the tier views show what serving would have done.
        let servedTest = champion.testProbabilities.map(served)
        var evaluation = ModelEvaluation(
            models: families.map(\.comparison), champion: champion.model.kind, championMetric: config.championMetric,
            rocCurve: Curves.roc(probabilities: champion.testProbabilities, labels: testLabels),
            precisionRecallCurve: Curves.precisionRecall(probabilities: champion.testProbabilities, labels: testLabels),
            scoreHistogram: builder.scoreHistogram(probabilities: servedTest, policy: policy),
            tiers: builder.tierOutcomes(probabilities: servedTest, policy: policy),
            importance: importance,
            segments: builder.segments(probabilities: champion.testProbabilities,
                                       overallAUC: champion.comparison.test.rocAUC),
            calibration: champion.calibration, data: builder.dataSummary(),
            limitations: builder.limitations(rules: rules, notes: plan.notes))
        let arrivals = builder.arrivalForecast(probabilities: servedTest, policy: policy)
        evaluation.arrivalForecast = arrivals.forecast
        evaluation.arrivalForecastNote = arrivals.note
        evaluation.refit = refit?.summary
        evaluation.leakageReview = LeakageCheck.withDominance(suspects, importance: importance)
        evaluation.baseRateShift = shift
        if let shift, shift.isMaterial {
            evaluation.limitations.append(shift.sentence)
            progress(shift.sentence)
        }
        // What monitoring compares live traffic with: the inputs as the model learned them, and the scores
        // and tiers the bundle's own model gives the held-out test leads (on its training leads trees
        // would look more certain than they are). Dates are left out: the model reads them as an age at
        // scoring time, and raw dates of new leads always lie after training's, so they would always drift.
        let baseline = try MonitoringBaseline.build(
            table: snapshot.table, rows: refit == nil ? data.rows[.train]! : ChampionRefitter.fittingRows(data),
            fields: pipeline.steps.map(\.column).filter { snapshot.contract.field(named: $0)?.type.isTemporal != true },
            probabilities: (refit?.testProbabilities ?? champion.testProbabilities).map(served),
            tiers: { policy.tier(for: $0).name })
        var bundle = ModelBundle(
            metadata: metadata(data: data, config: config, families: families, champion: champion, pipeline: pipeline,
                               createdAt: createdAt),
            model: refit?.model ?? champion.model, pipeline: pipeline,
            calibrator: refit?.calibration.calibrator ?? champion.calibration.calibrator, policy: policy,
            contract: snapshot.contract, evaluation: evaluation, baseline: baseline)
        bundle.metadata.modelVersion = "\(snapshot.contract.name)-\(champion.model.kind.rawValue)-"
            + String(try bundle.contentHash().prefix(12))
        return bundle
    }

    static func fit(_ model: ScoringModel, data: TrainingData, config: TrainingConfig, detail: String) throws -> FittedFamily {
        fit(model, validationMargins: try model.margins(data.inputs[.validation]!),
            testMargins: try model.margins(data.inputs[.test]!), data: data, config: config, detail: detail)
    }

    /// Calibrates `model` on its validation margins and measures it on validation and test.
    static func fit(_ model: ScoringModel, validationMargins validMargins: [Double], testMargins: [Double],
                    data: TrainingData, config: TrainingConfig, detail: String) -> FittedFamily {
        let validLabels = data.labels[.validation]!, testLabels = data.labels[.test]!
        let calibration = CalibrationChooser.choose(scores: validMargins, labels: validLabels, allowed: config.calibration)
        let validation = validMargins.map { calibration.calibrator.probability(score: $0) }
        let test = testMargins.map { calibration.calibrator.probability(score: $0) }
        let comparison = ModelComparison(
            kind: model.kind,
            validation: BinaryMetrics.evaluate(probabilities: validation, labels: validLabels, bootstrapSamples: 0),
            test: BinaryMetrics.evaluate(probabilities: test, labels: testLabels),
            detail: detail)
        return FittedFamily(model: model, calibration: calibration, validationMargins: validMargins,
                            testMargins: testMargins, validationProbabilities: validation,
                            testProbabilities: test, comparison: comparison)
    }

    /// The calibration leads' base rate against the test period's; marked applied when it is material and
    /// `prior_correction: recent` asks for the correction.
    static func baseRateShift(fitted: [Bool], recent: [Bool], correction: PriorCorrection) -> BaseRateShift? {
        guard var shift = BaseRateShift(fitted: fitted, recent: recent) else { return nil }
        shift.applied = shift.isMaterial && correction == .recent
        return shift
    }

    /// Rules may read only fields allowed at scoring time; overrides only fields the contract knows.
    static func checkFields(rules: RulesModel, overrides: [RouteOverride], contract: DataContract) throws {
        var allowed = Set<String>(), known = Set<String>()
        for field in contract.fields {
            known.formUnion([field.name] + field.derive.map { $0.columnName(for: field.name) })
            guard field.scoring == .allowed else { continue }
            if !field.pii { allowed.insert(field.name) }
            allowed.formUnion(field.derive.map { $0.columnName(for: field.name) })
        }
        var errors: [InputError] = []
        for field in rules.fields where !allowed.contains(field) {
            let why = known.contains(field) ? "is not allowed at scoring time in the contract (leakage, excluded or personal data)"
                : "is not a field of the contract"
            errors.append(InputError(source: "leadscore.yaml", field: "rules: \(field)", problem: "\(field) \(why)",
                                     fix: "use one of: \(allowed.sorted().joined(separator: ", "))"))
        }
        for override in overrides where !known.contains(override.condition.field) {
            errors.append(InputError(source: "leadscore.yaml", field: "overrides: \(override.condition.field)",
                                     problem: "\(override.condition.field) is not a field of the contract",
                                     fix: "use a field listed in contract.yaml"))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
    }

    /// The best family on validation; ties go to the simpler model (rules, then logistic, then trees).
    static func pickChampion(_ families: [FittedFamily], metric: ChampionMetric) -> FittedFamily {
        func value(_ family: FittedFamily) -> Double {
            let metrics = family.comparison.validation
            switch metric {
            case .prAUC: return metrics.prAUC ?? 0
            case .rocAUC: return metrics.rocAUC ?? 0
            case .logLoss: return -metrics.logLoss
            }
        }
        var best = families[0]
        for family in families.dropFirst() where value(family) > value(best) { best = family }
        return best
    }

    static func metadata(data: TrainingData, config: TrainingConfig, families: [FittedFamily], champion: FittedFamily,
                         pipeline: FeaturePipeline, createdAt: Date) -> BundleMetadata {
        let contract = data.snapshot.contract
        var metrics: [String: [String: [String: Double]]] = [:]
        for family in families {
            metrics[family.model.kind.rawValue] = [
                "validation": headline(family.comparison.validation),
                "test": headline(family.comparison.test),
            ]
        }
        return BundleMetadata(
            formatVersion: BundleMetadata.formatVersion, name: contract.name, modelVersion: "",
            kind: champion.model.kind, createdAt: SalesforceDate.formatDateTime(createdAt.timeIntervalSince1970),
            snapshotId: data.snapshot.manifest.snapshotId, contractName: contract.name,
            contractRevision: contract.revision, trainingWindow: data.fittedWindow(refit: config.refit),
            label: contract.label, excludedFields: EvaluationBuilder.excludedFields(contract),
            featureColumns: pipeline.columnNames, metrics: metrics,
            libraries: ["leadscore": LeadscoreVersion.current, "xgboost": XGBoostLibrary.version],
            settings: config)
    }

    static func headline(_ metrics: MetricSet) -> [String: Double] {
        var values = ["brier": metrics.brier, "log_loss": metrics.logLoss, "ece": metrics.ece]
        values["roc_auc"] = metrics.rocAUC
        values["pr_auc"] = metrics.prAUC
        values["top_decile_lift"] = metrics.topDecileLift
        return values
    }
}

/// The version of leadscore that wrote a bundle.
public enum LeadscoreVersion {
    public static let current = "0.3.0"
}
