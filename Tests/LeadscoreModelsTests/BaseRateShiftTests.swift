import Foundation
import Testing
@testable import LeadscoreData
@testable import LeadscoreModels

/// The base-rate check and the optional prior correction: the statistic, when it counts, and that scoring
/// applies the shift on the logit scale without changing the ranking.
struct BaseRateShiftTests {
    static func labels(_ positives: Int, of count: Int) -> [Bool] {
        (0..<count).map { $0 < positives }
    }

    /// 100 of 1,000 fitted leads against 90 of 500 recent ones: rates 10% and 18%. Pooled 190/1,500;
    /// z = 0.08 / sqrt(p(1-p)(1/1000 + 1/500)) = 4.39145 and logit(0.18) - logit(0.10) = 0.68088 (Python, math module).
    @Test func statisticMatchesTheTextbookFormula() throws {
        let shift = try #require(BaseRateShift(fitted: Self.labels(100, of: 1_000), recent: Self.labels(90, of: 500)))
        #expect(abs(shift.fittedRate - 0.10) < 1e-12 && abs(shift.recentRate - 0.18) < 1e-12)
        #expect(abs(shift.z - 4.39145) < 0.0001)
        #expect(abs(shift.logitShift - 0.68088) < 0.0001)
        #expect(shift.isMaterial)
        #expect(shift.sentence.contains("18.0%") && shift.sentence.contains("prior_correction: recent"))
        // The shift moves a probability at the fitted rate exactly to the recent rate.
        #expect(abs(BaseRateShift.shifted(0.10, by: shift.logitShift) - 0.18) < 1e-9)
    }

    @Test func smallOrNoisyDifferencesAreNotMaterial() throws {
        // 10% vs 10.5% on many leads: significant maybe, but not 15% apart.
        #expect(try #require(BaseRateShift(fitted: Self.labels(10_000, of: 100_000), recent: Self.labels(5_250, of: 50_000)))
            .isMaterial == false)
        // 10% vs 14% on 100 recent leads: far apart, not significant.
        #expect(try #require(BaseRateShift(fitted: Self.labels(100, of: 1_000), recent: Self.labels(14, of: 100))).isMaterial == false)
        #expect(BaseRateShift(fitted: [], recent: [true]) == nil)
    }

    @Test func scoringAppliesTheCorrectionAndKeepsTheRanking() throws {
        let org = try TrainedSampleOrg.shared.get()
        let inputs = org.testInputs().inputs
        let plain = try LeadScorer(bundle: org.bundle).probabilities(inputs)
        var corrected = org.bundle
        corrected.policy.priorShift = log(2.0)
        let shifted = try LeadScorer(bundle: corrected).probabilities(inputs)
        for (p, q) in zip(plain, shifted).prefix(500) {
            let expected = 1 / (1 + (1 - p) / p / 2)   // odds doubled
            #expect(abs(q - expected) < 1e-9)
        }
        let order = plain.indices.sorted { plain[$0] < plain[$1] }
        #expect(zip(order, order.dropFirst()).allSatisfy { shifted[$0.0] <= shifted[$0.1] })
    }

    @Test func configReadsPriorCorrectionAndOldBundlesDefaultToNone() throws {
        #expect(try TrainingConfigLoader.parse("prior_correction: recent\n").priorCorrection == .recent)
        #expect(throws: InputErrors.self) { try TrainingConfigLoader.parse("prior_correction: always\n") }
        let old = try JSONDecoder().decode(TrainingConfig.self, from: Data("{}".utf8))
        #expect(old.priorCorrection == .none)
    }
}
