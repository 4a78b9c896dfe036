import Foundation
import LeadscoreData

/// Trains gradient-boosted trees with XGBoost (`hist`), stopping early on validation log loss and
/// keeping only the rounds up to the best one.
public enum TreeTrainer {
    public struct Result: Sendable {
        public var booster: Booster
        public var rounds: Int
        public var validationLogLoss: Double
        /// Validation log loss after each round (for the report's learning curve).
        public var curve: [Double]
    }

    public static func parameters(_ settings: TreeSettings, threads: Int) -> [String: String] {
        [
            "objective": "binary:logistic", "eval_metric": "logloss", "tree_method": "hist",
            // An explicit base score keeps the JSON model identical in every XGBoost version.
            "base_score": "0.5",
            "eta": String(settings.learningRate), "max_depth": String(settings.maxDepth),
            "min_child_weight": String(settings.minChildWeight), "subsample": String(settings.subsample),
            "colsample_bytree": String(settings.columnSample), "max_bin": String(settings.maxBins),
            "nthread": String(threads), "seed": String(settings.seed),
        ]
    }

    public static func train(train: FeatureMatrix, trainLabels: [Bool], valid: FeatureMatrix, validLabels: [Bool],
                             settings: TreeSettings, threads: Int) throws -> Result {
        let trainMatrix = try DMatrix(values: train.values, rows: train.rows, columns: train.columns,
                                      labels: trainLabels.map { $0 ? 1 : 0 }, threads: threads)
        let validMatrix = try DMatrix(values: valid.values, rows: valid.rows, columns: valid.columns,
                                      labels: validLabels.map { $0 ? 1 : 0 }, threads: threads)
        let booster = try Booster(cache: [trainMatrix, validMatrix], parameters: parameters(settings, threads: threads))
        var curve: [Double] = []
        var bestLoss = Double.infinity
        var bestRounds = 0
        for iteration in 0..<settings.maxRounds {
            try booster.update(iteration: iteration, train: trainMatrix)
            let loss = try booster.evaluate(iteration: iteration, data: validMatrix)
            curve.append(loss)
            if loss < bestLoss {
                bestLoss = loss
                bestRounds = iteration + 1
            } else if iteration + 1 - bestRounds >= settings.earlyStoppingRounds {
                break
            }
        }
        let kept = bestRounds == curve.count ? booster : try booster.prefix(rounds: bestRounds)
        return Result(booster: kept, rounds: bestRounds, validationLogLoss: bestLoss, curve: curve)
    }
}
