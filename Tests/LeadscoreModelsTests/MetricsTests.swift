import Foundation
import LeadscoreData
import Testing
@testable import LeadscoreModels

/// Evaluation metrics compared with scikit-learn / numpy (scripts/fixtures/make_model_fixtures.py).
struct MetricsTests {
    @Test(arguments: MetricsFixture.caseNames)
    func pointMetricsMatchScikitLearn(caseName: String) throws {
        let data = try MetricsFixture.load(caseName)
        let averagePrecision = try #require(BinaryMetrics.averagePrecision(probabilities: data.probabilities, labels: data.outcomes))
        #expect(abs(averagePrecision - data.sklearn_average_precision) < 1e-12)
        #expect(abs(BinaryMetrics.brier(probabilities: data.probabilities, labels: data.outcomes) - data.sklearn_brier) < 1e-12)
        #expect(abs(BinaryMetrics.logLoss(probabilities: data.probabilities, labels: data.outcomes) - data.sklearn_log_loss) < 1e-12)
        let ece = BinaryMetrics.expectedCalibrationError(probabilities: data.probabilities, labels: data.outcomes)
        #expect(abs(ece - data.numpy_ece) < 1e-12)
    }

    @Test func logLossClipsConfidentMissesAsScikitLearnDoes() throws {
        let data = try MetricsFixture.load().log_loss_extremes
        let loss = BinaryMetrics.logLoss(probabilities: data.probabilities, labels: data.labels.map { $0 == 1 })
        #expect(abs(loss - data.sklearn_log_loss) < 1e-12)
    }

    @Test(arguments: MetricsFixture.caseNames)
    func reliabilityMatchesCalibrationCurve(caseName: String) throws {
        let data = try MetricsFixture.load(caseName)
        let bins = BinaryMetrics.reliability(probabilities: data.probabilities, labels: data.outcomes)
        #expect(allClose(bins.map(\.meanPredicted), data.sklearn_calibration_curve.prob_pred, tolerance: 1e-12))
        #expect(allClose(bins.map(\.observedRate), data.sklearn_calibration_curve.prob_true, tolerance: 1e-12))
        #expect(bins.map(\.count).reduce(0, +) == data.probabilities.count)
    }

    @Test func reliabilityPutsEdgeValuesWhereScikitLearnDoes() {
        // numpy's edges are i * 0.1: 0.30000000000000004 and 0.6000000000000001 sit just above 0.3 and 0.6.
        let probabilities = [0.0, 0.1, 0.3, 0.6, 0.9, 1.0]
        let bins = BinaryMetrics.reliability(probabilities: probabilities, labels: [false, true, false, true, false, true])
        #expect(bins.map(\.upper) == [0.1, 0.30000000000000004, 0.6000000000000001, 0.9, 1.0])
        #expect(bins.map(\.count) == [2, 1, 1, 1, 1])
        #expect(bins[0].lower == 0)
    }

    @Test(arguments: MetricsFixture.caseNames)
    func liftAndTopKMatchNumpy(caseName: String) throws {
        let data = try MetricsFixture.load(caseName)
        let lift = BinaryMetrics.liftByDecile(probabilities: data.probabilities, labels: data.outcomes)
        #expect(lift.map(\.decile) == data.numpy_lift.map(\.decile))
        #expect(lift.map(\.count) == data.numpy_lift.map(\.count))
        #expect(lift.map(\.positives) == data.numpy_lift.map(\.positives))
        #expect(allClose(lift.map(\.rate), data.numpy_lift.map(\.rate), tolerance: 1e-12))
        #expect(allClose(lift.map(\.lift), data.numpy_lift.map(\.lift), tolerance: 1e-12))
        #expect(allClose(lift.map(\.cumulativeGain), data.numpy_lift.map(\.cumulativeGain), tolerance: 1e-12))
        #expect(allClose(lift.map(\.cumulativeLift), data.numpy_lift.map(\.cumulativeLift), tolerance: 1e-12))

        let topK = BinaryMetrics.topK(
            probabilities: data.probabilities, labels: data.outcomes, fractions: data.numpy_top_k.map(\.fraction))
        #expect(topK.map(\.count) == data.numpy_top_k.map(\.count))
        #expect(topK.map(\.threshold) == data.numpy_top_k.map(\.threshold))
        #expect(allClose(topK.map(\.precision), data.numpy_top_k.map(\.precision), tolerance: 1e-12))
        #expect(allClose(topK.map(\.recall), data.numpy_top_k.map(\.recall), tolerance: 1e-12))
    }

    @Test func fullCurvesMatchScikitLearnWithTies() throws {
        let data = try MetricsFixture.load("ties")
        let expectedROC = try #require(data.sklearn_roc_curve), expectedPR = try #require(data.sklearn_pr_curve)
        let roc = Curves.roc(probabilities: data.probabilities, labels: data.outcomes, maxPoints: .max)
        #expect(allClose(roc.map(\.x), expectedROC.fpr, tolerance: 1e-15))
        #expect(allClose(roc.map(\.y), expectedROC.tpr, tolerance: 1e-15))
        let pr = Curves.precisionRecall(probabilities: data.probabilities, labels: data.outcomes, maxPoints: .max)
        #expect(allClose(pr.map(\.x), expectedPR.recall, tolerance: 1e-15))
        #expect(allClose(pr.map(\.y), expectedPR.precision, tolerance: 1e-15))
    }

    @Test func areaUnderTheFullROCCurveIsScikitLearnsAUC() throws {
        let data = try MetricsFixture.load("realistic")
        let roc = Curves.roc(probabilities: data.probabilities, labels: data.outcomes, maxPoints: .max)
        var area = 0.0
        for index in 1..<roc.count { area += (roc[index].x - roc[index - 1].x) * (roc[index].y + roc[index - 1].y) / 2 }
        #expect(abs(area - data.sklearn_roc_auc) < 1e-12)
    }

    @Test func downsampledCurvesKeepTheirEnds() throws {
        let data = try MetricsFixture.load("realistic")
        let full = Curves.roc(probabilities: data.probabilities, labels: data.outcomes, maxPoints: .max)
        let plotted = Curves.roc(probabilities: data.probabilities, labels: data.outcomes)
        #expect(full.count > 101)
        #expect(plotted.count == 101)
        #expect(plotted.first == CurvePoint(x: 0, y: 0))
        #expect(plotted.last == CurvePoint(x: 1, y: 1))
        #expect(zip(plotted, plotted.dropFirst()).allSatisfy { $0.x <= $1.x && $0.y <= $1.y })
        let pr = Curves.precisionRecall(probabilities: data.probabilities, labels: data.outcomes, maxPoints: 20)
        #expect(pr.count == 20)
        #expect(pr.first == CurvePoint(x: 0, y: 1))
        #expect(pr.last?.x == 1)
    }

    @Test func evaluateCombinesTheMetrics() throws {
        let data = try MetricsFixture.load("realistic")
        let metrics = BinaryMetrics.evaluate(probabilities: data.probabilities, labels: data.outcomes)
        #expect(metrics.rows == 2000)
        #expect(metrics.positives == data.labels.reduce(0, +))
        #expect(metrics.rocAUC == ROCAUC.compute(scores: data.probabilities, labels: data.outcomes))
        #expect(abs(try #require(metrics.prAUC) - data.sklearn_average_precision) < 1e-12)
        #expect(metrics.topDecileLift == metrics.lift[0].lift)
        #expect(try #require(metrics.rocAUCInterval).contains(try #require(metrics.rocAUC)))
        #expect(try #require(metrics.topDecileLiftInterval).contains(try #require(metrics.topDecileLift)))
        #expect(metrics.topK.map(\.fraction) == [0.01, 0.05, 0.1, 0.2])
        #expect(metrics.reliability.count == data.sklearn_calibration_curve.prob_true.count)
        let decoded = try JSONDecoder().decode(MetricSet.self, from: JSONEncoder().encode(metrics))
        #expect(decoded == metrics)
    }

    @Test func metricsWithoutPositivesAreNilNotNaN() {
        let probabilities = (0..<30).map { Double($0) / 30 }, labels = [Bool](repeating: false, count: 30)
        let metrics = BinaryMetrics.evaluate(probabilities: probabilities, labels: labels, bootstrapSamples: 20)
        #expect(metrics.rocAUC == nil && metrics.prAUC == nil && metrics.topDecileLift == nil)
        #expect(metrics.rocAUCInterval == nil && metrics.topDecileLiftInterval == nil)
        #expect(metrics.lift.allSatisfy { $0.lift == 0 && $0.cumulativeGain == 0 })
        #expect(metrics.topK.allSatisfy { $0.recall == 0 })
        #expect(Curves.roc(probabilities: probabilities, labels: labels).isEmpty)
    }

    @Test func tinySetsStillGetTenDeciles() {
        let lift = BinaryMetrics.liftByDecile(probabilities: [0.9, 0.2, 0.5], labels: [true, false, false])
        #expect(lift.count == 10)
        #expect(lift.map(\.count).reduce(0, +) == 3)
        #expect(lift.last?.cumulativeGain == 1)
    }
}
