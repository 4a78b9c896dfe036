import Foundation
import LeadscoreData

/// The champion's choices made on validation — its family and hyperparameters — ready to be fitted
/// again on other rows. A refit changes parameters, never choices: the L2 strength, the round count
/// (scaled to the rows) and the rules' points all come from the run that was evaluated on test.
enum RefitRecipe: Sendable {
    /// Rules are written, not fitted: the same points on any rows.
    case rules(RulesModel)
    /// The L2 penalty is per lead (mean loss + l2/2 ‖w‖²), so the strength chosen on the train slice
    /// means the same on more rows.
    case logistic(l2: Double, settings: LogisticSettings)
    /// A fixed number of rounds, no early stopping (there is no held-out slice left to stop on):
    /// `selectedRounds` early-stopped on validation, scaled to `rounds`.
    case trees(selectedRounds: Int, rounds: Int, settings: TreeSettings, threads: Int)

    /// The recipe for the champion: trees keep `scaledRounds` of their early-stopped round count.
    init(champion: ScoringModel, config: TrainingConfig, trainRows: Int, validationRows: Int) throws {
        switch champion {
        case let .rules(rules):
            self = .rules(rules)
        case let .logistic(linear):
            self = .logistic(l2: linear.l2, settings: config.logistic)
        case let .trees(booster):
            let selected = try booster.boostedRounds()
            self = .trees(selectedRounds: selected,
                          rounds: Self.scaledRounds(selected: selected, trainRows: trainRows, validationRows: validationRows),
                          settings: config.trees, threads: config.trees.threads)
        }
    }

    /// Rounds for train + validation: the early-stopped count × (n_train + n_valid) / n_train, rounded,
    /// at least 1. With more rows each round's trees fit less noise, so the best stopping point moves
    /// later roughly in proportion to the data (the usual practice when refitting a boosted model).
    static func scaledRounds(selected: Int, trainRows: Int, validationRows: Int) -> Int {
        guard trainRows > 0 else { return max(1, selected) }
        let scaled = Double(selected) * Double(trainRows + validationRows) / Double(trainRows)
        return max(1, Int(scaled.rounded()))
    }

    /// Rounds the refit trains (trees only).
    var rounds: Int? {
        if case let .trees(_, rounds, _, _) = self { return rounds }
        return nil
    }

    /// Rounds early stopping kept on validation (trees only).
    var selectedRounds: Int? {
        if case let .trees(selected, _, _, _) = self { return selected }
        return nil
    }

    /// L2 per lead the refit uses (logistic only).
    var l2: Double? {
        if case let .logistic(l2, _) = self { return l2 }
        return nil
    }

    /// The champion's family fitted on `matrix` with these choices.
    func fit(_ matrix: FeatureMatrix, labels: [Bool], columnNames: [String]) throws -> ScoringModel {
        switch self {
        case let .rules(rules):
            return .rules(rules)
        case let .logistic(l2, settings):
            let (sample, sampleLabels) = LogisticTrainer.evenSample(matrix, labels: labels, limit: settings.maxTrainingRows)
            let (means, scales) = LinearModel.moments(sample)
            let standardised = LinearModel.standardised(sample, means: means, scales: scales)
            // As in LogisticTrainer: LIBLINEAR's C weighs the summed loss, our l2 the mean loss.
            let fits = try Liblinear.fitLogistic(values: standardised, rows: sample.rows, columns: sample.columns,
                                                 labels: sampleLabels, cs: [1 / (l2 * Double(sample.rows))])
            return .logistic(LinearModel(columnNames: columnNames, means: means, scales: scales, weights: fits[0].weights,
                                         bias: fits[0].bias, l2: l2))
        case let .trees(_, rounds, settings, threads):
            let data = try DMatrix(values: matrix.values, rows: matrix.rows, columns: matrix.columns,
                                   labels: labels.map { $0 ? 1 : 0 })
            let booster = try Booster(cache: [data], parameters: TreeTrainer.parameters(settings, threads: threads))
            for iteration in 0..<rounds {
                try booster.update(iteration: iteration, train: data)
            }
            return .trees(booster)
        }
    }
}
