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

    /// Capacity tiers are cut on the probabilities serving will produce. The correction is monotone, so
    /// re-cut tiers hold the same leads as without it, at shifted thresholds; cut on the uncorrected
    /// probabilities instead, a rising base rate would push more leads into the top tier than the
    /// team can work.
    @Test func capacityTiersAreCutAfterTheCorrection() throws {
        // The sample org's conversion rate rises over time; a split with validation among the older leads
        // and the newest half as test makes the shift between the two large enough to be material.
        let org = try TrainedSampleOrg.shared.get()
        let snapshotURL = org.directory.appendingPathComponent("snapshot-late-test-\(UUID().uuidString.prefix(8))")
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        _ = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: org.directory.appendingPathComponent("org/Lead.csv")), contract: org.snapshot.contract,
            contractText: ContractWriter.yaml(org.snapshot.contract), to: exportTime, asOf: exportTime,
            split: .fractions(train: 0.4, validation: 0.1), salt: try PIISalt(secret: "a-test-salt-that-is-long-enough")),
            to: snapshotURL)
        let snapshot = try Snapshot.open(snapshotURL)
        var config = TrainingConfig()
        config.trees.threads = 2
        config.refit = false
        config.tiers.method = .capacity
        config.tiers.levels[0].capacityPerDay = 3
        config.tiers.levels[1].capacityPerDay = 8
        let plain = try Trainer.train(snapshot: snapshot, config: config, createdAt: Date(timeIntervalSince1970: 0))
        config.priorCorrection = .recent
        let corrected = try Trainer.train(snapshot: snapshot, config: config, createdAt: Date(timeIntervalSince1970: 0))
        let shift = try #require(corrected.evaluation.baseRateShift)
        try #require(shift.isMaterial, "validation \(shift.fittedRate) against test \(shift.recentRate), z = \(shift.z)")
        #expect(shift.applied && corrected.policy.priorShift == shift.logitShift && plain.policy.priorShift == nil)
        #expect(corrected.evaluation.tiers.map(\.count) == plain.evaluation.tiers.map(\.count))
        for (before, after) in zip(plain.policy.tiers, corrected.policy.tiers).dropLast() {
            #expect(abs(after.minProbability - BaseRateShift.shifted(before.minProbability, by: shift.logitShift)) < 1e-9)
        }
        // Honest figures are the model's as measured, before the shift estimated on the test slice.
        #expect(corrected.evaluation.models == plain.evaluation.models)
        #expect(corrected.evaluation.limitations.contains { $0.contains("tiers were cut on the shifted probabilities") })
    }

    @Test func configReadsPriorCorrectionAndOldBundlesDefaultToNone() throws {
        #expect(try TrainingConfigLoader.parse("prior_correction: recent\n").priorCorrection == .recent)
        #expect(throws: InputErrors.self) { try TrainingConfigLoader.parse("prior_correction: always\n") }
        let old = try JSONDecoder().decode(TrainingConfig.self, from: Data("{}".utf8))
        #expect(old.priorCorrection == .none)
    }
}
