/// One equal-width bin of a reliability diagram: do rows scored around `meanPredicted` convert at
/// that rate? A well-calibrated model has `observedRate ≈ meanPredicted` in every bin.
public struct ReliabilityBin: Sendable, Codable, Equatable {
    /// Bin edges; a probability lands in the bin with `lower < p ≤ upper` (the first bin also holds 0).
    public var lower: Double
    public var upper: Double
    public var count: Int
    public var meanPredicted: Double
    public var observedRate: Double

    public init(lower: Double, upper: Double, count: Int, meanPredicted: Double, observedRate: Double) {
        self.lower = lower
        self.upper = upper
        self.count = count
        self.meanPredicted = meanPredicted
        self.observedRate = observedRate
    }
}

/// One tenth of the rows ranked by score: how much richer in conversions it is than the whole set.
/// Sales teams read this table as "calling the top 10% finds `lift`× as many conversions as calling at random".
public struct LiftDecile: Sendable, Codable, Equatable {
    /// 1 = highest scores.
    public var decile: Int
    public var count: Int
    public var positives: Int
    /// Positive rate inside the decile (0 when the decile is empty).
    public var rate: Double
    /// `rate` over the overall positive rate (0 when there are no positives).
    public var lift: Double
    /// Share of all positives captured in deciles 1...decile.
    public var cumulativeGain: Double
    /// Positive rate of deciles 1...decile over the overall positive rate.
    public var cumulativeLift: Double

    public init(decile: Int, count: Int, positives: Int, rate: Double, lift: Double, cumulativeGain: Double, cumulativeLift: Double) {
        self.decile = decile
        self.count = count
        self.positives = positives
        self.rate = rate
        self.lift = lift
        self.cumulativeGain = cumulativeGain
        self.cumulativeLift = cumulativeLift
    }
}

/// A point of a plotted curve (ROC: x = false-positive rate, y = true-positive rate;
/// precision–recall: x = recall, y = precision).
public struct CurvePoint: Sendable, Codable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A two-sided confidence interval, so a metric is never reported without its uncertainty.
public struct Interval: Sendable, Codable, Equatable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// What working only the best-scored `fraction` of leads would achieve — the question sales capacity poses.
public struct TopKMetric: Sendable, Codable, Equatable {
    public var fraction: Double
    public var count: Int
    /// Lowest score included: the cut-off a team would set to work exactly these rows.
    public var threshold: Double
    public var precision: Double
    /// Share of all positives among the chosen rows (0 when there are no positives).
    public var recall: Double

    public init(fraction: Double, count: Int, threshold: Double, precision: Double, recall: Double) {
        self.fraction = fraction
        self.count = count
        self.threshold = threshold
        self.precision = precision
        self.recall = recall
    }
}

/// Everything leadscore reports about a model's probabilities on held-out rows, in one value that
/// goes into the model card as JSON: ranking (AUCs, lift), probability quality (Brier, log loss,
/// calibration) and bootstrap intervals for the two headline numbers.
public struct MetricSet: Sendable, Codable, Equatable {
    public var rows: Int
    public var positives: Int
    /// `nil` when only one class is present.
    public var rocAUC: Double?
    /// Average precision; `nil` when there are no positives.
    public var prAUC: Double?
    public var brier: Double
    public var logLoss: Double
    public var ece: Double
    /// Lift of decile 1; `nil` when there are no positives or decile 1 is empty.
    public var topDecileLift: Double?
    public var rocAUCInterval: Interval?
    public var topDecileLiftInterval: Interval?
    public var lift: [LiftDecile]
    public var reliability: [ReliabilityBin]
    public var topK: [TopKMetric]

    public init(
        rows: Int, positives: Int, rocAUC: Double?, prAUC: Double?, brier: Double, logLoss: Double, ece: Double,
        topDecileLift: Double?, rocAUCInterval: Interval?, topDecileLiftInterval: Interval?,
        lift: [LiftDecile], reliability: [ReliabilityBin], topK: [TopKMetric]
    ) {
        self.rows = rows
        self.positives = positives
        self.rocAUC = rocAUC
        self.prAUC = prAUC
        self.brier = brier
        self.logLoss = logLoss
        self.ece = ece
        self.topDecileLift = topDecileLift
        self.rocAUCInterval = rocAUCInterval
        self.topDecileLiftInterval = topDecileLiftInterval
        self.lift = lift
        self.reliability = reliability
        self.topK = topK
    }
}
