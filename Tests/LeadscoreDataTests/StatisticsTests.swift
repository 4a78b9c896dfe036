import Foundation
import Testing
@testable import LeadscoreData

/// Compared with values from scikit-learn / numpy (scripts/fixtures/make_statistics_fixtures.py).
struct StatisticsTests {
    struct Fixture: Decodable {
        struct ROC: Decodable { var scores: [Double]; var labels: [Int]; var sklearn_roc_auc: Double }
        struct Encoded: Decodable { var bins: [Int]; var labels: [Int]; var sklearn_roc_auc: Double }
        struct NumericPSI: Decodable { var baseline: [Double?]; var recent: [Double?]; var numpy_psi: Double }
        struct CategoricalPSI: Decodable { var baseline: [String?]; var recent: [String?]; var numpy_psi: Double }
        var roc_auc: ROC
        var target_encoded_auc: Encoded
        var psi_numeric: NumericPSI
        var psi_categorical: CategoricalPSI
    }

    let fixture: Fixture

    init() throws {
        let url = try #require(Bundle.module.url(forResource: "statistics", withExtension: "json", subdirectory: "Fixtures"))
        fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test func rocAUCMatchesScikitLearnWithTies() throws {
        let auc = try #require(ROCAUC.compute(scores: fixture.roc_auc.scores, labels: fixture.roc_auc.labels.map { $0 == 1 }))
        #expect(abs(auc - fixture.roc_auc.sklearn_roc_auc) < 1e-12)
    }

    @Test func rocAUCIsUndefinedForOneClass() {
        #expect(ROCAUC.compute(scores: [0.1, 0.9], labels: [true, true]) == nil)
    }

    @Test func targetEncodedAUCMatchesScikitLearn() throws {
        let data = fixture.target_encoded_auc
        let auc = try #require(SingleFeatureAUC.compute(bins: data.bins, labels: data.labels.map { $0 == 1 }))
        #expect(abs(auc - data.sklearn_roc_auc) < 1e-12)
    }

    @Test func numericPSIMatchesNumpy() {
        let data = fixture.psi_numeric
        let psi = PopulationStability.index(baseline: data.baseline.map { $0 ?? .nan }, recent: data.recent.map { $0 ?? .nan })
        #expect(abs(psi - data.numpy_psi) < 1e-9)
    }

    @Test func categoricalPSIMatchesNumpy() {
        let data = fixture.psi_categorical
        #expect(abs(PopulationStability.index(baseline: data.baseline, recent: data.recent) - data.numpy_psi) < 1e-9)
    }

    @Test func identicalSamplesHaveZeroPSI() {
        let values = (0..<100).map { Double($0 % 17) }
        #expect(PopulationStability.index(baseline: values, recent: values) == 0)
    }
}
