import LeadscoreData

/// Everything the model card shows, computed once at training time and stored in the bundle as
/// `evaluation.json`, so `leadscore report` never needs the training data again.
public struct ModelEvaluation: Sendable, Codable, Equatable {
    /// One entry per model family, in the order rules, logistic, trees.
    public var models: [ModelComparison]
    public var champion: ModelKind
    public var championMetric: ChampionMetric
    /// The champion on the test slice: curves for the charts.
    public var rocCurve: [CurvePoint]
    public var precisionRecallCurve: [CurvePoint]
    /// Test leads per score band (0–9, 10–19, … 90–100) and tier, for the histogram by tier.
    public var scoreHistogram: [ScoreBand]
    /// Precision and recall of each tier on the test slice (tier = the leads at or above it).
    public var tiers: [TierOutcome]
    /// Mean |contribution| per field on test leads, largest first.
    public var importance: [FieldImportance]
    /// Per-segment test metrics with a disparity flag.
    public var segments: [SegmentMetrics]
    public var calibration: CalibrationChoice
    public var data: DataSummary
    /// Caveats a reader must know (small slices, default rules, process changes…).
    public var limitations: [String]
    /// SLA impact: the test leads (the most recent period) by tier and UTC weekday-hour of creation.
    /// Optional so bundles written before it existed still load; `nil` also when the data cannot
    /// say when leads arrived, with the reason in `arrivalForecastNote`.
    public var arrivalForecast: ArrivalForecast? = nil
    /// Why there is no arrival forecast (no creation time of day, not a temporal split).
    public var arrivalForecastNote: String? = nil
    /// The champion refitted on train + validation before the bundle was written (`refit: true`), with
    /// its test figures beside the honest ones above, which it never replaces. Optional so bundles
    /// written before it existed still load; `nil` also when `refit: false`.
    public var refit: RefitSummary? = nil
    /// Inputs the model reads that the leakage review suspects (profile evidence, plus a dominant share of
    /// the importance), for the card's "Were these known when the lead arrived?" checklist. Optional so
    /// bundles written before it existed still load.
    public var leakageReview: [LeakageSuspect]? = nil
    /// The fitted leads' base rate against the test period's, and whether `prior_correction` applied it.
    public var baseRateShift: BaseRateShift? = nil
}

public enum ModelKind: String, Sendable, Codable, CaseIterable {
    case rules, logistic, trees, blend

    public var title: String {
        switch self {
        case .rules: return "Rules baseline"
        case .logistic: return "Logistic regression"
        case .trees: return "Gradient-boosted trees"
        case .blend: return "Blend of logistic and trees"
        }
    }
}

/// One model family, scored on the same validation and test leads.
public struct ModelComparison: Sendable, Codable, Equatable {
    public var kind: ModelKind
    public var validation: MetricSet
    public var test: MetricSet
    /// How it was fitted, in a line (e.g. "212 rounds, early-stopped", "L2 0.01 per lead").
    public var detail: String
}

public struct ScoreBand: Sendable, Codable, Equatable {
    public var lower: Int
    public var upper: Int
    /// Leads per tier name in this band.
    public var countsByTier: [String: Int]
}

public struct TierOutcome: Sendable, Codable, Equatable {
    public var name: String
    public var label: String
    public var route: String
    public var minProbability: Double
    /// Test leads in this tier.
    public var count: Int
    /// Positive rate within the tier.
    public var conversionRate: Double
    /// Precision and recall of "this tier or better".
    public var cumulativePrecision: Double
    public var cumulativeRecall: Double
    /// Leads per day this tier would receive at the historical arrival rate.
    public var leadsPerDay: Double
}

public struct FieldImportance: Sendable, Codable, Equatable {
    public var field: String
    public var label: String
    public var meanAbsoluteImpact: Double
}

public struct SegmentMetrics: Sendable, Codable, Equatable {
    public var field: String
    public var value: String
    public var rows: Int
    public var positives: Int
    public var rocAUC: Double?
    public var meanProbability: Double
    public var observedRate: Double
    /// True when the segment's AUC is well below the overall one, or its calibration is far off.
    public var disparity: Bool
    public var note: String?
}

/// Where the data came from and how it was split.
public struct DataSummary: Sendable, Codable, Equatable {
    public var snapshotId: String
    public var contractName: String
    public var contractRevision: String
    public var labelDescription: String
    public var rows: [String: Int]
    public var positives: [String: Int]
    /// First and last creation date per split (ISO 8601 days).
    public var windows: [String: [String]]
    public var featureColumns: Int
    /// Fields kept out of the model, with why.
    public var excludedFields: [String: String]
    public var arrivalPerDay: Double
}
