import Foundation
@testable import LeadscoreModels

/// Inputs and scikit-learn / numpy reference values from scripts/fixtures/make_model_fixtures.py.
struct MetricsFixture: Decodable {
    struct CalibrationCurve: Decodable { var prob_true: [Double]; var prob_pred: [Double] }
    struct ROCCurve: Decodable { var fpr: [Double]; var tpr: [Double] }
    struct PRCurve: Decodable { var recall: [Double]; var precision: [Double] }
    struct Sigmoid: Decodable { var a: Double; var b: Double }

    struct Case: Decodable {
        var probabilities: [Double]
        var margins: [Double]
        var labels: [Int]
        var sklearn_roc_auc: Double
        var sklearn_average_precision: Double
        var sklearn_brier: Double
        var sklearn_log_loss: Double
        var numpy_ece: Double
        var sklearn_calibration_curve: CalibrationCurve
        var numpy_lift: [LiftDecile]
        var numpy_top_k: [TopKMetric]
        var sklearn_roc_curve: ROCCurve?
        var sklearn_pr_curve: PRCurve?
        var sklearn_sigmoid_calibration: Sigmoid
        var isotonic_grid: [Double]
        var sklearn_isotonic_predictions: [Double]

        var outcomes: [Bool] { labels.map { $0 == 1 } }
    }

    struct LogLossExtremes: Decodable { var probabilities: [Double]; var labels: [Int]; var sklearn_log_loss: Double }

    /// Names of the cases, for parameterised tests.
    static let caseNames = ["ties", "realistic", "large_margins"]

    var ties: Case
    var realistic: Case
    var large_margins: Case
    var log_loss_extremes: LogLossExtremes

    static func load() throws -> MetricsFixture {
        guard let url = Bundle.module.url(forResource: "metrics", withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(MetricsFixture.self, from: Data(contentsOf: url))
    }

    static func load(_ name: String) throws -> Case {
        let fixture = try load()
        switch name {
        case "ties": return fixture.ties
        case "realistic": return fixture.realistic
        default: return fixture.large_margins
        }
    }
}

/// |actual − expected| within `tolerance` for every element, and the same count.
func allClose(_ actual: [Double], _ expected: [Double], tolerance: Double) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { abs($0 - $1) <= tolerance }
}

/// Rows from a known, well-calibrated logistic model: margin ~ N(0, 1.5²), P(convert) = sigmoid(margin − 2),
/// so tests can ask for the same population at different sizes.
func logisticRows(count: Int, seed: UInt64) -> (margins: [Double], probabilities: [Double], labels: [Bool]) {
    var random = BootstrapInterval.SplitMix64(seed: seed)
    func uniform() -> Double { Double(random.next() >> 11) * 0x1.0p-53 }
    var margins: [Double] = [], probabilities: [Double] = [], labels: [Bool] = []
    for _ in 0..<count {
        let margin = 1.5 * (-2 * log(1 - uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        let probability = 1 / (1 + exp(-(margin - 2)))
        margins.append(margin)
        probabilities.append(probability)
        labels.append(uniform() < probability)
    }
    return (margins, probabilities, labels)
}
