import LeadscoreData
import LeadscoreModels

/// How well one cohort's scores ranked and predicted what happened, with the definitions of the model
/// card (``BinaryMetrics``), so a cohort is read on the same scale as the evaluation at training time.
/// The probability of a lead is its score / 100.
///
/// Leads tied on score are ordered by lead key (``LeadOutcome/key(for:)``) before the deciles are cut:
/// integer scores tie often, and the order makes the deciles reproducible from the report's own input.
public struct CohortMetrics: Sendable, Codable, Equatable {
    public var leads: Int
    public var conversions: Int
    public var conversionRate: Double
    /// nil when the cohort has only converted or only unconverted leads.
    public var rocAUC: Double?
    /// Ten deciles by score, best first.
    public var lift: [LiftDecile]
    /// Conversion rate of the best-scored and worst-scored tenth.
    public var topDecileRate: Double
    public var bottomDecileRate: Double
    /// Calibration: the mean score / 100 against the observed rate, and the expected calibration error
    /// over ten equal-width bins (with the bins themselves).
    public var meanPredicted: Double
    public var ece: Double
    public var reliability: [ReliabilityBin]

    /// `scores` (0–100) and `labels` in the order ties are to be broken; nil for an empty cohort.
    public static func compute(scores: [Int], labels: [Bool]) -> CohortMetrics? {
        precondition(scores.count == labels.count, "one label per score")
        guard !scores.isEmpty else { return nil }
        let probabilities = scores.map { Double($0) / 100 }
        let conversions = labels.lazy.filter { $0 }.count
        let lift = BinaryMetrics.liftByDecile(probabilities: probabilities, labels: labels)
        return CohortMetrics(
            leads: scores.count, conversions: conversions, conversionRate: Double(conversions) / Double(scores.count),
            rocAUC: ROCAUC.compute(scores: probabilities, labels: labels), lift: lift,
            topDecileRate: lift[0].rate, bottomDecileRate: lift[9].rate,
            meanPredicted: probabilities.reduce(0, +) / Double(probabilities.count),
            ece: BinaryMetrics.expectedCalibrationError(probabilities: probabilities, labels: labels, bins: 10),
            reliability: BinaryMetrics.reliability(probabilities: probabilities, labels: labels, bins: 10))
    }
}
