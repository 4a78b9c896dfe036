import Foundation
import LeadscoreData
import Yams

/// Reads `leadscore.yaml`. Every mistake is reported with its line, key path and fix, all at once.
public enum TrainingConfigLoader {
    /// `service` belongs to `leadscore serve` (ServiceConfigLoader), `salesforce` to the Salesforce
    /// connection (SalesforceConfigLoader) and `sync` to `leadscore sync` (SyncSettingsLoader); all are
    /// skipped here.
    static let topKeys = ["champion_metric", "min_train_positives", "trees", "logistic", "calibration", "rules",
                          "tiers", "overrides", "explanations", "segments", "refit", "prior_correction", "service", "salesforce", "sync", "monitoring"]

    public static func load(from url: URL) throws -> TrainingConfig {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw InputError(source: url.path, problem: "the file cannot be read as UTF-8 text",
                             fix: "check the path passed to --config")
        }
        return try parse(text, source: url.lastPathComponent)
    }

    public static func parse(_ text: String, source: String = "leadscore.yaml") throws -> TrainingConfig {
        let root = try YAMLNodeReader.compose(text, source: source)
        let reader = YAMLNodeReader(source: source)
        var config = TrainingConfig()
        if let root, let top = reader.mapping(root, "", allowed: topKeys) {
            read(top, into: &config, reader: reader)
        }
        if !reader.errors.isEmpty { throw InputErrors(reader.errors) }
        return config
    }

    private static func read(_ top: [String: Node], into config: inout TrainingConfig, reader: YAMLNodeReader) {
        if let metric = reader.enumeration(top["champion_metric"], "champion_metric", as: ChampionMetric.self) {
            config.championMetric = metric
        }
        if let minimum = reader.int(top["min_train_positives"], "min_train_positives", range: 1...1_000_000) {
            config.minimumTrainPositives = minimum
        }
        if let trees = reader.mapping(top["trees"], "trees", allowed: ["max_rounds", "learning_rate", "max_depth",
            "min_child_weight", "subsample", "column_sample", "early_stopping_rounds", "max_bins", "threads", "seed"]) {
            var t = config.trees
            t.maxRounds = reader.int(trees["max_rounds"], "trees.max_rounds", range: 1...100_000) ?? t.maxRounds
            t.learningRate = reader.double(trees["learning_rate"], "trees.learning_rate", range: 0.001...1) ?? t.learningRate
            t.maxDepth = reader.int(trees["max_depth"], "trees.max_depth", range: 1...16) ?? t.maxDepth
            t.minChildWeight = reader.double(trees["min_child_weight"], "trees.min_child_weight", range: 0...10_000) ?? t.minChildWeight
            t.subsample = reader.double(trees["subsample"], "trees.subsample", range: 0.1...1) ?? t.subsample
            t.columnSample = reader.double(trees["column_sample"], "trees.column_sample", range: 0.1...1) ?? t.columnSample
            t.earlyStoppingRounds = reader.int(trees["early_stopping_rounds"], "trees.early_stopping_rounds", range: 1...10_000) ?? t.earlyStoppingRounds
            t.maxBins = reader.int(trees["max_bins"], "trees.max_bins", range: 16...4096) ?? t.maxBins
            t.threads = reader.int(trees["threads"], "trees.threads", range: 0...1024) ?? t.threads
            t.seed = reader.int(trees["seed"], "trees.seed", range: 0...Int(Int32.max)) ?? t.seed
            config.trees = t
        }
        if let logistic = reader.mapping(top["logistic"], "logistic", allowed: ["l2", "max_training_rows"]) {
            if let grid = reader.doubles(logistic["l2"], "logistic.l2", range: 0...1_000), !grid.isEmpty { config.logistic.l2Grid = grid }
            config.logistic.maxTrainingRows = reader.int(logistic["max_training_rows"], "logistic.max_training_rows",
                                                         range: 1_000...100_000_000) ?? config.logistic.maxTrainingRows
        }
        if let methods = reader.sequence(top["calibration"], "calibration") {
            let parsed = methods.enumerated().compactMap { reader.enumeration($1, "calibration[\($0)]", as: CalibrationMethod.self) }
            if parsed.isEmpty {
                reader.fail(top["calibration"], "calibration", "lists no method", fix: "use [platt, isotonic] or one of them")
            } else {
                config.calibration = parsed
            }
        }
        if let rules = top["rules"] { config.rules = RulesConfigReader.read(rules, reader: reader) }
        if let tiers = top["tiers"] { config.tiers = TierConfigReader.read(tiers, reader: reader) ?? config.tiers }
        if let overrides = reader.sequence(top["overrides"], "overrides") {
            config.overrides = overrides.enumerated().compactMap { TierConfigReader.readOverride($1, path: "overrides[\($0)]", reader: reader) }
        }
        if let explanations = reader.mapping(top["explanations"], "explanations", allowed: ["top", "min_impact", "templates"]) {
            config.explanations.top = reader.int(explanations["top"], "explanations.top", range: 0...20) ?? config.explanations.top
            config.explanations.minimumImpact = reader.double(explanations["min_impact"], "explanations.min_impact", range: 0...100)
                ?? config.explanations.minimumImpact
            if let node = explanations["templates"], case let .mapping(mapping) = node {
                for (key, value) in mapping {
                    guard let field = key.string, let template = reader.string(value, "explanations.templates.\(field)") else { continue }
                    if template.count > 200 {
                        reader.fail(value, "explanations.templates.\(field)", "is longer than 200 characters",
                                    fix: "shorten it: reasons share a 255-character field")
                    }
                    config.explanations.templates[field] = template
                }
            } else if explanations["templates"] != nil {
                reader.fail(explanations["templates"], "explanations.templates", "expected a mapping of field: text",
                            fix: "write e.g. `Pricing_Page_Visits__c: \"Visited the pricing page {value} times\"`")
            }
        }
        if let segments = reader.strings(top["segments"], "segments") { config.segments = segments }
        if let refit = reader.bool(top["refit"], "refit") { config.refit = refit }
        config.priorCorrection = reader.enumeration(top["prior_correction"], "prior_correction", as: PriorCorrection.self)
            ?? config.priorCorrection
    }
}
