import Foundation
import LeadscoreData

/// Trains the logistic-regression model (`LogisticSolver`) on standardised inputs, choosing the L2
/// strength on validation log loss.
public enum LogisticTrainer {
    public struct Candidate: Sendable, Codable, Equatable {
        public var l2: Double
        public var validationLogLoss: Double
    }

    public struct Result: Sendable {
        public var model: LinearModel
        public var candidates: [Candidate]
    }

    public static func train(train fullTrain: FeatureMatrix, trainLabels fullLabels: [Bool], valid: FeatureMatrix,
                             validLabels: [Bool], columnNames: [String], settings: LogisticSettings) throws -> Result {
        guard !settings.l2Grid.isEmpty else {
            throw InputError(source: "leadscore.yaml", field: "logistic.l2", problem: "no L2 strength to try",
                             fix: "list at least one value, e.g. l2: [0.0001, 0.001, 0.01]")
        }
        let (train, trainLabels) = evenSample(fullTrain, labels: fullLabels, limit: settings.maxTrainingRows)
        let (means, scales) = LinearModel.moments(train)
        let standardised = LinearModel.standardised(train, means: means, scales: scales)
        // Our penalty is per lead (mean loss + l2/2 ‖w‖²); the solver's C weighs the summed loss. The path
        // runs from the strongest penalty, each fit starting from the last.
        let solver = LogisticSolver(values: standardised, rows: train.rows, columns: train.columns, labels: trainLabels)
        let path = settings.l2Grid.indices.sorted { settings.l2Grid[$0] > settings.l2Grid[$1] }
        let pathFits = solver.fit(cs: path.map { 1 / (settings.l2Grid[$0] * Double(train.rows)) })
        var fits = pathFits
        for (position, index) in path.enumerated() { fits[index] = pathFits[position] }
        var candidates: [Candidate] = []
        var best: (model: LinearModel, loss: Double)?
        for (l2, fit) in zip(settings.l2Grid, fits) {
            let model = LinearModel(columnNames: columnNames, means: means, scales: scales, weights: fit.weights,
                                    bias: fit.bias, l2: l2)
            let probabilities = model.margins(valid).map { 1 / (1 + exp(-$0)) }
            let loss = BinaryMetrics.logLoss(probabilities: probabilities, labels: validLabels)
            candidates.append(Candidate(l2: l2, validationLogLoss: loss))
            if loss < best?.loss ?? .infinity { best = (model, loss) }
        }
        return Result(model: best!.model, candidates: candidates)
    }

    /// At most `limit` rows, evenly spaced through the (time-ordered) training slice: a linear
    /// model's few weights are pinned down long before a million rows.
    static func evenSample(_ matrix: FeatureMatrix, labels: [Bool], limit: Int) -> (FeatureMatrix, [Bool]) {
        guard matrix.rows > limit, limit > 0 else { return (matrix, labels) }
        let rows = (0..<limit).map { $0 * matrix.rows / limit }
        var values: [Float] = []
        values.reserveCapacity(limit * matrix.columns)
        for row in rows { values += matrix.row(row) }
        return (FeatureMatrix(rows: limit, columns: matrix.columns, values: values), rows.map { labels[$0] })
    }
}
