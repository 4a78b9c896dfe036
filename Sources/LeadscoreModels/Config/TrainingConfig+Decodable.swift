/// Reading the settings back from a bundle's `metadata.json`.
///
/// The synthesised decoder would refuse a bundle written before a setting existed (a missing key is an
/// error), so a new setting would make every older bundle unloadable. Here a missing key takes the
/// value that describes what older versions did: the defaults, except `refit`, which is `false` when
/// absent — bundles from before it existed were fitted on the train slice only.
extension TrainingConfig {
    enum CodingKeys: String, CodingKey {
        case championMetric, minimumTrainPositives, trees, logistic, calibration, rules, tiers, overrides,
             explanations, segments, refit, priorCorrection
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = TrainingConfig()
        championMetric = try container.decodeIfPresent(ChampionMetric.self, forKey: .championMetric) ?? defaults.championMetric
        minimumTrainPositives = try container.decodeIfPresent(Int.self, forKey: .minimumTrainPositives)
            ?? defaults.minimumTrainPositives
        trees = try container.decodeIfPresent(TreeSettings.self, forKey: .trees) ?? defaults.trees
        logistic = try container.decodeIfPresent(LogisticSettings.self, forKey: .logistic) ?? defaults.logistic
        calibration = try container.decodeIfPresent([CalibrationMethod].self, forKey: .calibration) ?? defaults.calibration
        rules = try container.decodeIfPresent(RulesModel.self, forKey: .rules)
        tiers = try container.decodeIfPresent(TierSettings.self, forKey: .tiers) ?? defaults.tiers
        overrides = try container.decodeIfPresent([RouteOverride].self, forKey: .overrides) ?? defaults.overrides
        explanations = try container.decodeIfPresent(ExplanationSettings.self, forKey: .explanations) ?? defaults.explanations
        segments = try container.decodeIfPresent([String].self, forKey: .segments) ?? defaults.segments
        refit = try container.decodeIfPresent(Bool.self, forKey: .refit) ?? false
        priorCorrection = try container.decodeIfPresent(PriorCorrection.self, forKey: .priorCorrection) ?? .none
    }
}
