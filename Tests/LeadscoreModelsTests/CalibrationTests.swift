import Foundation
import Testing
@testable import LeadscoreModels

/// Calibrators compared with scikit-learn (scripts/fixtures/make_model_fixtures.py), their JSON, and the chooser.
struct CalibrationTests {
    @Test(arguments: MetricsFixture.caseNames)
    func plattMatchesScikitLearnsSigmoidCalibration(caseName: String) throws {
        let data = try MetricsFixture.load(caseName)
        let platt = PlattCalibrator.fit(scores: data.margins, labels: data.outcomes)
        let expected = data.sklearn_sigmoid_calibration
        #expect(abs(platt.a - expected.a) <= 1e-5 * abs(expected.a))
        #expect(abs(platt.b - expected.b) <= 1e-5 * abs(expected.b))
    }

    @Test(arguments: MetricsFixture.caseNames)
    func isotonicMatchesScikitLearnOnAGrid(caseName: String) throws {
        let data = try MetricsFixture.load(caseName)
        let isotonic = IsotonicCalibrator.fit(scores: data.margins, labels: data.outcomes)
        let predictions = data.isotonic_grid.map { isotonic.probability(score: $0) }
        #expect(allClose(predictions, data.sklearn_isotonic_predictions, tolerance: 1e-9))
        #expect(zip(isotonic.x, isotonic.x.dropFirst()).allSatisfy { $0 < $1 })
        #expect(zip(isotonic.y, isotonic.y.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func isotonicFitsThreeHundredThousandRowsQuickly() {
        let rows = logisticRows(count: 300_000, seed: 7)
        let started = Date()
        let isotonic = IsotonicCalibrator.fit(scores: rows.margins, labels: rows.labels)
        #expect(Date().timeIntervalSince(started) < 10, "O(n log n) even in a debug build")
        #expect(isotonic.x.count > 10 && isotonic.x.count < 20_000)
    }

    @Test func calibratorJSONReadsPlainly() throws {
        let platt = Calibrator.platt(PlattCalibrator(a: -1.25, b: 0.5))
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(platt)) as? [String: Any])
        #expect(object["method"] as? String == "platt")
        #expect(object["a"] as? Double == -1.25)
        #expect(object["b"] as? Double == 0.5)

        let json = Data(#"{"method":"isotonic","x":[0,1,2],"y":[0.1,0.4,0.9]}"#.utf8)
        let isotonic = try JSONDecoder().decode(Calibrator.self, from: json)
        #expect(isotonic == .isotonic(IsotonicCalibrator(x: [0, 1, 2], y: [0.1, 0.4, 0.9])))
        #expect(isotonic.method == .isotonic)
        #expect(abs(isotonic.probability(score: 1.5) - 0.65) < 1e-12)
        #expect(isotonic.probability(score: -4) == 0.1 && isotonic.probability(score: 9) == 0.9)
        #expect(try JSONDecoder().decode(Calibrator.self, from: JSONEncoder().encode(platt)) == platt)

        let mismatched = Data(#"{"method":"isotonic","x":[0,1],"y":[0.5]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Calibrator.self, from: mismatched) }
    }

    @Test func plattProbabilityFollowsTheSigmoid() {
        let platt = PlattCalibrator(a: -2, b: 1)
        #expect(platt.probability(score: 0.5) == 0.5)
        #expect(platt.probability(score: 10) > 0.99)
        #expect(Calibrator.platt(platt).probability(score: 3) == platt.probability(score: 3))
    }

    @Test func plattWinsOnSigmoidData() {
        let rows = logisticRows(count: 4_000, seed: 11)
        let choice = CalibrationChooser.choose(scores: rows.margins, labels: rows.labels)
        #expect(choice.candidates.map(\.method) == [.platt, .isotonic])
        let platt = choice.candidates[0].crossValidatedLogLoss, isotonic = choice.candidates[1].crossValidatedLogLoss
        #expect(choice.calibrator.method == .platt || abs(platt - isotonic) < 1e-3)
        // The sigmoid is well specified (P = sigmoid(s − 2)), so the refit recovers a ≈ −1, b ≈ 2.
        if case let .platt(fitted) = choice.calibrator {
            #expect(abs(fitted.a + 1) < 0.15 && abs(fitted.b - 2) < 0.2)
        }
    }

    @Test func isotonicWinsOnAStepFunction() {
        // Conversion jumps from 5% to 60% at score 0.7 — no sigmoid in the score fits a cliff like that.
        var random = BootstrapInterval.SplitMix64(seed: 5)
        var scores: [Double] = [], labels: [Bool] = []
        for _ in 0..<3_000 {
            let score = Double(random.next() >> 11) * 0x1.0p-53
            scores.append(score)
            labels.append(Double(random.next() >> 11) * 0x1.0p-53 < (score < 0.7 ? 0.05 : 0.6))
        }
        let choice = CalibrationChooser.choose(scores: scores, labels: labels)
        #expect(choice.calibrator.method == .isotonic)
        #expect(choice.candidates[1].crossValidatedLogLoss < choice.candidates[0].crossValidatedLogLoss)
        #expect(abs(choice.calibrator.probability(score: 0.3) - 0.05) < 0.03)
        #expect(abs(choice.calibrator.probability(score: 0.9) - 0.6) < 0.06)
    }

    @Test func chooserHonoursAllowedMethods() throws {
        let rows = logisticRows(count: 500, seed: 3)
        let choice = CalibrationChooser.choose(scores: rows.margins, labels: rows.labels, folds: 3, allowed: [.isotonic])
        #expect(choice.candidates.map(\.method) == [.isotonic])
        #expect(choice.calibrator.method == .isotonic)
        #expect(try JSONDecoder().decode(CalibrationChoice.self, from: JSONEncoder().encode(choice)) == choice)
    }
}
