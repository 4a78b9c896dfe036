import Foundation
import Testing
@testable import LeadscoreData
@testable import LeadscoreModels

/// The LIBLINEAR wrapper against scikit-learn's `LogisticRegression(solver="liblinear")` on the
/// same data (scripts/fixtures/make_logistic_fixtures.py), and the linear model's exact reasons.
struct LogisticTests {
    struct Fixture: Decodable {
        struct Fit: Decodable { var C: Double; var coef: [Double]; var intercept: Double }
        var rows: Int
        var columns: Int
        var values: [Float]
        var labels: [Int]
        var fits: [Fit]
    }

    @Test func liblinearMatchesScikitLearn() throws {
        let url = try #require(Bundle.module.url(forResource: "logistic", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let fits = try Liblinear.fitLogistic(values: fixture.values, rows: fixture.rows, columns: fixture.columns,
                                             labels: fixture.labels.map { $0 == 1 }, cs: fixture.fits.map(\.C),
                                             tolerance: 1e-10)
        for (mine, reference) in zip(fits, fixture.fits) {
            for (weight, expected) in zip(mine.weights, reference.coef) {
                #expect(abs(weight - expected) < 1e-5, "C \(reference.C): \(weight) vs \(expected)")
            }
            #expect(abs(mine.bias - reference.intercept) < 1e-5)
        }
        // Stronger regularisation shrinks the weights.
        #expect(fits[0].weights.map(abs).reduce(0, +) < fits[2].weights.map(abs).reduce(0, +))
    }

    @Test func contributionsAddUpToTheMarginAndSamplingIsEven() throws {
        let org = try TrainedSampleOrg.shared.get()
        let data = try TrainingData(snapshot: org.snapshot, minimumTrainPositives: 1)
        var settings = LogisticSettings()
        settings.maxTrainingRows = 5_000
        let result = try LogisticTrainer.train(
            train: data.inputs[.train]!.matrix, trainLabels: data.labels[.train]!, valid: data.inputs[.validation]!.matrix,
            validLabels: data.labels[.validation]!, columnNames: data.pipeline.columnNames, settings: settings)
        #expect(result.candidates.count == settings.l2Grid.count)
        #expect(result.candidates.map(\.validationLogLoss).min() == result.candidates.first { $0.l2 == result.model.l2 }?.validationLogLoss)
        let (inputs, _) = org.testInputs()
        let linear = ScoringModel.logistic(result.model)
        let groups = ContributionGroups(pipeline: org.bundle.pipeline)
        for (margin, lead) in zip(try linear.margins(inputs), try linear.contributions(inputs, groups: groups)).prefix(300) {
            #expect(abs(lead.total - margin) < 1e-9)
        }
        let sample = LogisticTrainer.evenSample(FeatureMatrix(rows: 10, columns: 1, values: (0..<10).map(Float.init)),
                                                labels: Array(repeating: true, count: 10), limit: 4)
        #expect(sample.0.values == [0, 2, 5, 7])
    }
}
