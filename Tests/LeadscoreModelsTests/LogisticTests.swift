import Foundation
import Testing
@testable import LeadscoreData
@testable import LeadscoreModels

/// The logistic solver against scikit-learn's `LogisticRegression(solver="liblinear")` on the same data
/// (scripts/fixtures/make_logistic_fixtures.py) and against LIBLINEAR's C library, and the linear
/// model's exact reasons.
struct LogisticTests {
    struct Fixture: Decodable {
        struct Fit: Decodable { var C: Double; var coef: [Double]; var intercept: Double }
        var rows: Int
        var columns: Int
        var values: [Float]
        var labels: [Int]
        var fits: [Fit]
    }

    @Test func solverAndLiblinearMatchScikitLearn() throws {
        let url = try #require(Bundle.module.url(forResource: "logistic", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let labels = fixture.labels.map { $0 == 1 }
        let solver = LogisticSolver(values: fixture.values, rows: fixture.rows, columns: fixture.columns, labels: labels)
        let fits = solver.fit(cs: fixture.fits.map(\.C), tolerance: 1e-10)
        let reference = try Liblinear.fitLogistic(values: fixture.values, rows: fixture.rows, columns: fixture.columns,
                                                  labels: labels, cs: fixture.fits.map(\.C), tolerance: 1e-10)
        for (candidate, name) in [(fits.map { ($0.weights, $0.bias) }, "solver"), (reference.map { ($0.weights, $0.bias) }, "LIBLINEAR")] {
            for ((weights, bias), expected) in zip(candidate, fixture.fits) {
                for (weight, coefficient) in zip(weights, expected.coef) {
                    #expect(abs(weight - coefficient) < 1e-5, "\(name), C \(expected.C): \(weight) vs \(coefficient)")
                }
                #expect(abs(bias - expected.intercept) < 1e-5, "\(name), C \(expected.C)")
            }
        }
        // Stronger regularisation shrinks the weights.
        #expect(fits[0].weights.map(abs).reduce(0, +) < fits[2].weights.map(abs).reduce(0, +))
    }

    /// On the sample org's 136 model columns (standardised as training does) the solver reaches
    /// LIBLINEAR's optimum for every C of the default grid, warm-started along the path or from zero.
    @Test func solverMatchesLiblinearOnTheSampleOrg() throws {
        let org = try TrainedSampleOrg.shared.get()
        let data = try TrainingData(snapshot: org.snapshot, minimumTrainPositives: 1)
        let (train, labels) = LogisticTrainer.evenSample(data.inputs[.train]!.matrix, labels: data.labels[.train]!,
                                                         limit: 4_000)
        let (means, scales) = LinearModel.moments(train)
        let values = LinearModel.standardised(train, means: means, scales: scales)
        let cs = LogisticSettings().l2Grid.sorted(by: >).map { 1 / ($0 * Double(train.rows)) }
        let solver = LogisticSolver(values: values, rows: train.rows, columns: train.columns, labels: labels)
        let path = solver.fit(cs: cs, tolerance: 1e-9)
        let reference = try Liblinear.fitLogistic(values: values, rows: train.rows, columns: train.columns, labels: labels,
                                                  cs: cs, tolerance: 1e-9)
        for (index, c) in cs.enumerated() {
            let cold = solver.fit(cs: [c], tolerance: 1e-9)[0]
            for fit in [path[index], cold] {
                let gap = zip(fit.weights + [fit.bias], reference[index].weights + [reference[index].bias])
                    .map { abs($0 - $1) }.max()!
                #expect(gap < 1e-5, "C \(c): largest weight difference \(gap)")
            }
        }
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
