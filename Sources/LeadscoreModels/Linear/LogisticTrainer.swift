import Foundation
import LeadscoreData

/// Trains the logistic-regression model with XGBoost's `gblinear` booster (coordinate descent: a
/// well-kept, deterministic solver), choosing the L2 strength on validation log loss.
public enum LogisticTrainer {
    public struct Candidate: Sendable, Codable, Equatable {
        public var l2: Double
        public var validationLogLoss: Double
        public var rounds: Int
    }

    public struct Result: Sendable {
        public var model: LinearModel
        public var candidates: [Candidate]
        /// The model as XGBoost JSON (`gblinear` on standardised inputs), for reference.
        public var xgboostModel: Data
        /// Margins XGBoost itself computed on validation: the Swift dot product must agree.
        public var validationMarginsFromXGBoost: [Float]
    }

    public static func train(train: FeatureMatrix, trainLabels: [Bool], valid: FeatureMatrix, validLabels: [Bool],
                             columnNames: [String], settings: LogisticSettings, threads: Int) throws -> Result {
        let (means, scales) = LinearModel.moments(train)
        let trainMatrix = try DMatrix(values: LinearModel.standardised(train, means: means, scales: scales),
                                      rows: train.rows, columns: train.columns, labels: trainLabels.map { $0 ? 1 : 0 })
        let validMatrix = try DMatrix(values: LinearModel.standardised(valid, means: means, scales: scales),
                                      rows: valid.rows, columns: valid.columns, labels: validLabels.map { $0 ? 1 : 0 })
        var candidates: [Candidate] = []
        var best: (booster: Booster, l2: Double, loss: Double)?
        for l2 in settings.l2Grid {
            // XGBoost's penalty is on the summed loss; ours is per lead (the mean-loss form).
            let booster = try Booster(cache: [trainMatrix, validMatrix], parameters: [
                "booster": "gblinear", "updater": "coord_descent", "feature_selector": "cyclic",
                "objective": "binary:logistic", "eval_metric": "logloss", "base_score": "0.5",
                "lambda": String(l2 * Double(train.rows)), "alpha": "0", "eta": "1", "nthread": String(threads),
            ])
            var bestLoss = Double.infinity
            var rounds = 0
            for iteration in 0..<settings.maxRounds {
                try booster.update(iteration: iteration, train: trainMatrix)
                let loss = try booster.evaluate(iteration: iteration, data: validMatrix)
                // Coordinate descent converges smoothly: stop once a round gains less than 1e-5.
                rounds = iteration + 1
                let improved = loss < bestLoss - 1e-5
                bestLoss = min(bestLoss, loss)
                if !improved { break }
            }
            candidates.append(Candidate(l2: l2, validationLogLoss: bestLoss, rounds: rounds))
            if bestLoss < best?.loss ?? .infinity { best = (booster, l2, bestLoss) }
        }
        guard let best else {
            throw InputError(source: "leadscore.yaml", field: "logistic.l2", problem: "no L2 strength to try",
                             fix: "list at least one value, e.g. l2: [0.001, 0.01, 0.1]")
        }
        let json = try best.booster.jsonModel()
        let (weights, bias) = try linearWeights(json, columns: train.columns)
        let model = LinearModel(columnNames: columnNames, means: means, scales: scales, weights: weights, bias: bias, l2: best.l2)
        return Result(model: model, candidates: candidates, xgboostModel: json,
                      validationMarginsFromXGBoost: try best.booster.predict(validMatrix, output: .margin))
    }

    /// Weights and bias from a `gblinear` JSON model (`weights`: one per column, then the bias).
    static func linearWeights(_ json: Data, columns: Int) throws -> ([Double], Double) {
        let object = try JSONSerialization.jsonObject(with: json)
        guard let learner = (object as? [String: Any])?["learner"] as? [String: Any],
              let booster = learner["gradient_booster"] as? [String: Any],
              let model = booster["model"] as? [String: Any],
              let weights = model["weights"] as? [NSNumber], weights.count == columns + 1 else {
            throw XGBoostError(call: "gblinear model", message: "the JSON model has no weights of the expected size")
        }
        let values = weights.map(\.doubleValue)
        return (Array(values.dropLast()), values[columns])
    }
}
