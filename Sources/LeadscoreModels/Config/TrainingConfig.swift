/// Everything `leadscore train` can be told in `leadscore.yaml`. Every setting has a default that
/// suits any contract, so the file is optional and can stay short.
public struct TrainingConfig: Sendable, Codable, Equatable {
    /// The validation metric that picks the champion among rules, logistic and trees.
    public var championMetric: ChampionMetric = .prAUC
    /// Fewer positive training leads than this stops training: a model would not be reliable.
    public var minimumTrainPositives = 100
    public var trees = TreeSettings()
    public var logistic = LogisticSettings()
    /// The calibration methods to try on validation; the lowest cross-validated log loss wins.
    public var calibration: [CalibrationMethod] = CalibrationMethod.allCases
    /// The points-based rules baseline; `nil` = the default point set for the contract.
    public var rules: RulesModel?
    public var tiers = TierSettings()
    /// Conditions that bypass the model's route (e.g. partner leads go to the partner team).
    public var overrides: [RouteOverride] = []
    public var explanations = ExplanationSettings()
    /// Fields whose values get their own row in the segment table.
    public var segments: [String] = ["LeadSource", "Country", "Industry"]
    /// After the champion is chosen on validation and measured once on test, fit it again on train +
    /// validation (same choices, more leads) before writing the bundle; the card keeps the honest
    /// figures from before. Small orgs gain the most: validation is 15% of their scarce history.
    public var refit = true

    /// `prior_correction: recent` shifts probabilities to the most recent base rate when it differs
    /// materially from the training rate (``BaseRateShift``); `none` (the default) only reports it.
    public var priorCorrection = PriorCorrection.none

    public init() {}
}

public enum ChampionMetric: String, Sendable, Codable, CaseIterable {
    case prAUC = "pr_auc"
    case rocAUC = "roc_auc"
    case logLoss = "log_loss"
}

/// Gradient-boosted trees (XGBoost `hist`). Defaults work without tuning from 1k to 10M leads:
/// shallow-ish trees, row and column sampling, and early stopping on validation log loss.
public struct TreeSettings: Sendable, Codable, Equatable {
    public var maxRounds = 1000
    public var learningRate = 0.1
    public var maxDepth = 6
    public var minChildWeight = 1.0
    public var subsample = 0.8
    public var columnSample = 0.8
    /// Stop when validation log loss has not improved for this many rounds.
    public var earlyStoppingRounds = 30
    public var maxBins = 256
    /// 0 = all cores.
    public var threads = 0
    public var seed = 0

    public init() {}
}

/// Logistic regression (LIBLINEAR's objective, `LogisticSolver`) on standardised inputs.
public struct LogisticSettings: Sendable, Codable, Equatable {
    /// L2 strengths per training lead (the mean-loss form, as in glmnet) tried; the one with the
    /// lowest validation log loss is kept. On standardised inputs useful values are small.
    public var l2Grid: [Double] = [0.00001, 0.0001, 0.001, 0.01, 0.1]
    /// Larger training slices are sampled evenly down to this many rows (a linear model's few
    /// weights do not need more, and the solver's time grows with every row).
    public var maxTrainingRows = 100_000

    public init() {}
}

/// How calibrated probabilities become tiers and routes.
public struct TierSettings: Sendable, Codable, Equatable {
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// Each tier starts at a fixed probability.
        case probability
        /// Each tier takes as many leads per day as the team can work, at the historical arrival rate.
        case capacity
    }

    public var method: Method = .probability
    /// Best tier first; the last tier takes every remaining lead.
    public var levels: [TierLevel] = TierLevel.defaults
    /// If the top tier's validation precision falls below this, its threshold is raised until it holds.
    public var minimumTopPrecision: Double?

    public init() {}
}

public struct TierLevel: Sendable, Codable, Equatable {
    public var name: String
    public var label: String
    /// `probability` method: the lowest calibrated probability in this tier.
    public var minProbability: Double?
    /// `capacity` method: leads per day this tier's team can work.
    public var capacityPerDay: Double?
    /// The queue this tier's leads go to.
    public var route: String

    public init(name: String, label: String, minProbability: Double? = nil, capacityPerDay: Double? = nil, route: String) {
        self.name = name
        self.label = label
        self.minProbability = minProbability
        self.capacityPerDay = capacityPerDay
        self.route = route
    }

    public static let defaults = [
        TierLevel(name: "A", label: "Hot", minProbability: 0.5, route: "Sales_Hot"),
        TierLevel(name: "B", label: "Warm", minProbability: 0.2, route: "Sales_Standard"),
        TierLevel(name: "C", label: "Nurture", route: "Marketing_Nurture"),
    ]
}

/// A route that bypasses the model, e.g. `LeadSource = Partner Referral → Partner_Queue`.
public struct RouteOverride: Sendable, Codable, Equatable {
    public var condition: FieldCondition
    public var route: String
    /// Shown as the lead's first reason.
    public var reason: String

    public init(condition: FieldCondition, route: String, reason: String) {
        self.condition = condition
        self.route = route
        self.reason = reason
    }
}

/// Which reasons a lead gets and how they read.
public struct ExplanationSettings: Sendable, Codable, Equatable {
    /// Reasons per lead (positive and negative together).
    public var top = 4
    /// Contributions smaller than this (in log-odds) are not worth a reason.
    public var minimumImpact = 0.02
    /// Plain-language text per field, `{value}` replaced by the lead's value, e.g.
    /// `Pricing_Page_Visits__c: "Visited the pricing page {value} times"`.
    public var templates: [String: String] = [:]

    public init() {}
}

/// What `train` does when the recent base rate differs from the training rate.
public enum PriorCorrection: String, Sendable, Codable, CaseIterable {
    case none
    case recent
}
