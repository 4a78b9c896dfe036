@testable import LeadscoreModels

/// A realistic evaluation for the model card tests: three models, curves, tiers, a disparity
/// segment, and segment values that would break naive HTML (`<script>`, `&`).
enum ModelCardFixture {
    static let header = ModelCardHeader(
        modelName: "Inbound leads", modelVersion: "2025.06.1", createdAt: "2025-06-12T09:30:00Z",
        libraryVersions: ["xgboost": "2.0.3", "leadscore": "0.4.0"],
        notes: ["Retrain after the Q3 pricing change."])

    static func evaluation() -> ModelEvaluation {
        ModelEvaluation(
            models: [
                ModelComparison(kind: .rules, validation: metrics(auc: 0.7021, prAUC: 0.1502, topLift: 2.01),
                                test: metrics(auc: 0.6987, prAUC: 0.1433, topLift: 1.95), detail: "Default rules from the contract"),
                ModelComparison(kind: .logistic, validation: metrics(auc: 0.7811, prAUC: 0.2871, topLift: 2.88),
                                test: metrics(auc: 0.7744, prAUC: 0.2702, topLift: 2.79), detail: "L2 0.01 per lead"),
                ModelComparison(kind: .trees, validation: metrics(auc: 0.8201, prAUC: 0.3312, topLift: 3.51),
                                test: metrics(auc: 0.8123, prAUC: 0.3187, topLift: 3.4163,
                                              aucInterval: Interval(lower: 0.7904, upper: 0.8342),
                                              liftInterval: Interval(lower: 2.9, upper: 3.95)),
                                detail: "212 rounds, early-stopped"),
            ],
            champion: .trees,
            championMetric: .prAUC,
            rocCurve: (0...20).map { CurvePoint(x: Double($0) / 20, y: min(1, (Double($0) / 20).squareRoot() * 1.05)) },
            precisionRecallCurve: (1...20).map { CurvePoint(x: Double($0) / 20, y: 0.6 - 0.5 * Double($0) / 20) },
            scoreHistogram: (0..<10).map { band in
                ScoreBand(lower: band * 10, upper: band == 9 ? 100 : band * 10 + 9,
                          countsByTier: band >= 7 ? ["A": 40 - band * 2] : band >= 4 ? ["B": 120 - band * 5] : ["C": 400 - band * 30])
            },
            tiers: [
                TierOutcome(name: "A", label: "Hot", route: "SDR queue", minProbability: 0.3, count: 1_210, conversionRate: 0.341,
                            cumulativePrecision: 0.341, cumulativeRecall: 0.402, leadsPerDay: 12.4),
                TierOutcome(name: "B", label: "Warm", route: "Nurture + SDR", minProbability: 0.1, count: 3_400, conversionRate: 0.121,
                            cumulativePrecision: 0.179, cumulativeRecall: 0.811, leadsPerDay: 34.9),
                TierOutcome(name: "C", label: "Cold", route: "Marketing nurture", minProbability: 0, count: 7_390,
                            conversionRate: 0.016, cumulativePrecision: 0.086, cumulativeRecall: 1, leadsPerDay: 75.8),
            ],
            importance: (1...25).map { FieldImportance(field: "Field_\($0)__c", label: "Field number \($0)", meanAbsoluteImpact: 1 / Double($0)) },
            segments: [
                SegmentMetrics(field: "LeadSource", value: "Web", rows: 5_200, positives: 480, rocAUC: 0.8211, meanProbability: 0.092,
                               observedRate: 0.0923, disparity: false, note: nil),
                SegmentMetrics(field: "LeadSource", value: "<script>alert(1)</script>", rows: 140, positives: 9, rocAUC: 0.6012,
                               meanProbability: 0.11, observedRate: 0.064, disparity: true, note: "AUC 0.21 below overall"),
                SegmentMetrics(field: "Industry", value: "R&D", rows: 800, positives: 70, rocAUC: nil, meanProbability: 0.08,
                               observedRate: 0.0875, disparity: false, note: nil),
            ],
            calibration: CalibrationChoice(calibrator: .isotonic(IsotonicCalibrator(x: [0, 0.2, 0.5, 1], y: [0.01, 0.1, 0.3, 0.7])),
                                           candidates: [CalibrationCandidate(method: .platt, crossValidatedLogLoss: 0.2671),
                                                        CalibrationCandidate(method: .isotonic, crossValidatedLogLoss: 0.2612)]),
            data: DataSummary(
                snapshotId: "snap-2025-06-01-a1b2", contractName: "acme-leads", contractRevision: "7",
                labelDescription: "Converted within 90 days of creation",
                rows: ["train": 48_000, "validation": 12_000, "test": 12_000],
                positives: ["train": 4_100, "validation": 1_020, "test": 1_032],
                windows: ["train": ["2023-01-01", "2024-06-30"], "validation": ["2024-07-01", "2024-09-30"],
                          "test": ["2024-10-01", "2024-12-31"]],
                featureColumns: 143, excludedFields: ["Status": "Leakage: set by the conversion itself", "Email": "PII"],
                arrivalPerDay: 123.1),
            limitations: ["Test slice covers one quarter only.", "Partner leads are rare (< 2%)."])
    }

    /// Metrics with consistent lift, reliability and top-k tables around the given headline numbers.
    static func metrics(auc: Double?, prAUC: Double?, topLift: Double?, aucInterval: Interval? = nil,
                        liftInterval: Interval? = nil) -> MetricSet {
        let gains = [0.344, 0.52, 0.64, 0.73, 0.8, 0.86, 0.91, 0.95, 0.98, 1]
        let lift = (1...10).map { decile in
            let share = gains[decile - 1] - (decile > 1 ? gains[decile - 2] : 0)
            return LiftDecile(decile: decile, count: 1_200, positives: Int(share * 1_032), rate: share * 1_032 / 1_200,
                              lift: share * 10, cumulativeGain: gains[decile - 1], cumulativeLift: gains[decile - 1] * 10 / Double(decile))
        }
        let reliability = (0..<10).map { (bin: Int) -> ReliabilityBin in
            let lower = Double(bin) / 10
            let count = bin < 6 ? 2_000 - bin * 300 : 0
            return ReliabilityBin(lower: lower, upper: lower + 0.1, count: count, meanPredicted: lower + 0.05, observedRate: lower + 0.04)
        }
        let topK = [0.05, 0.1, 0.2].map { TopKMetric(fraction: $0, count: Int($0 * 12_000), threshold: 0.5 - $0, precision: 0.35 - $0,
                                                     recall: $0 * 3) }
        return MetricSet(rows: 12_000, positives: 1_032, rocAUC: auc, prAUC: prAUC, brier: 0.0712, logLoss: 0.2598, ece: 0.0121,
                         topDecileLift: topLift, rocAUCInterval: aucInterval, topDecileLiftInterval: liftInterval,
                         lift: lift, reliability: reliability, topK: topK)
    }

    /// A thin evaluation: a model without AUC, no curves, segments, importance or histogram, one tier.
    static func sparseEvaluation() -> ModelEvaluation {
        var evaluation = evaluation()
        let empty = MetricSet(rows: 40, positives: 0, rocAUC: nil, prAUC: nil, brier: 0.01, logLoss: 0.05, ece: 0.01,
                              topDecileLift: nil, rocAUCInterval: nil, topDecileLiftInterval: nil, lift: [], reliability: [], topK: [])
        evaluation.models = [ModelComparison(kind: .logistic, validation: empty, test: empty, detail: "")]
        evaluation.champion = .logistic
        evaluation.rocCurve = []
        evaluation.precisionRecallCurve = []
        evaluation.scoreHistogram = []
        evaluation.tiers = [evaluation.tiers[0]]
        evaluation.importance = []
        evaluation.segments = []
        evaluation.calibration.candidates = []
        evaluation.data.rows = [:]
        evaluation.data.positives = [:]
        evaluation.data.windows = [:]
        evaluation.data.excludedFields = [:]
        evaluation.limitations = []
        return evaluation
    }
}
