import Foundation
import LeadscoreData

/// The champion's choices made on validation — its family and hyperparameters — ready to be fitted
/// again on other rows. A refit changes parameters, never choices: the L2 strength, the round count
/// (scaled to the rows) and the rules' points all come from the run that was evaluated on test.
indirect enum RefitRecipe: Sendable {
    /// Rules are written, not fitted: the same points on any rows.
    case rules(RulesModel)
    /// The L2 penalty is per lead (mean loss + l2/2 ‖w‖²), so the strength chosen on the train slice
    /// means the same on more rows.
    case logistic(l2: Double, settings: LogisticSettings)
    /// A fixed number of rounds, no early stopping (there is no held-out slice left to stop on):
    /// `selectedRounds` early-stopped on validation, scaled to `rounds`.
    case trees(selectedRounds: Int, rounds: Int, settings: TreeSettings, threads: Int)
    /// Both parts refitted by their own recipes, combined with the weight chosen on validation.
    case blend(logistic: RefitRecipe, trees: RefitRecipe, treeWeight: Double)

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
        case let .blend(blend):
            self = .blend(logistic: try RefitRecipe(champion: .logistic(blend.linear), config: config, trainRows: trainRows,
                                                    validationRows: validationRows),
                          trees: try RefitRecipe(champion: .trees(blend.trees), config: config, trainRows: trainRows,
                                                 validationRows: validationRows),
                          treeWeight: blend.treeWeight)
        }
    }

    /// Rounds for train + validation: the early-stopped count × (n_train + n_valid) / n_train, rounded,
    /// at least 1 (`validationRows` may be negative for a fit on fewer rows than train). With more rows each round's trees fit less noise, so the best stopping point moves
    /// later roughly in proportion to the data (the usual practice when refitting a boosted model).
    static func scaledRounds(selected: Int, trainRows: Int, validationRows: Int) -> Int {
        guard trainRows > 0 else { return max(1, selected) }
        let scaled = Double(selected) * Double(trainRows + validationRows) / Double(trainRows)
        return max(1, Int(scaled.rounded()))
    }

    /// The same choices for a fit on `rows` leads: the trees' rounds are scaled from the early-stopped
    /// count by `rows / trainRows`, the rule the refit itself follows. The cross-fitted calibration
    /// models (each on 80% of train + validation) are thus trained like the final model for their size;
    /// given the final model's round count they would be overfitted relative to it, and a calibrator
    /// learned from their margins would shrink the final model's too much.
    func resized(rows: Int, trainRows: Int) -> RefitRecipe {
        switch self {
        case .rules, .logistic:
            return self
        case let .trees(selected, _, settings, threads):
            return .trees(selectedRounds: selected,
                          rounds: Self.scaledRounds(selected: selected, trainRows: trainRows, validationRows: rows - trainRows),
                          settings: settings, threads: threads)
        case let .blend(logistic, trees, treeWeight):
            return .blend(logistic: logistic, trees: trees.resized(rows: rows, trainRows: trainRows), treeWeight: treeWeight)
        }
    }

    /// The same choices with XGBoost on `threads` threads (fits run side by side).
    func threads(_ threads: Int) -> RefitRecipe {
        switch self {
        case .rules, .logistic:
            return self
        case let .trees(selected, rounds, settings, _):
            return .trees(selectedRounds: selected, rounds: rounds, settings: settings, threads: threads)
        case let .blend(logistic, trees, treeWeight):
            return .blend(logistic: logistic, trees: trees.threads(threads), treeWeight: treeWeight)
        }
    }

    /// Rounds the refit trains (trees and blend).
    var rounds: Int? {
        switch self {
        case let .trees(_, rounds, _, _): return rounds
        case let .blend(_, trees, _): return trees.rounds
        case .rules, .logistic: return nil
        }
    }

    /// Rounds early stopping kept on validation (trees and blend).
    var selectedRounds: Int? {
        switch self {
        case let .trees(selected, _, _, _): return selected
        case let .blend(_, trees, _): return trees.selectedRounds
        case .rules, .logistic: return nil
        }
    }

    /// L2 per lead the refit uses (logistic and blend).
    var l2: Double? {
        switch self {
        case let .logistic(l2, _): return l2
        case let .blend(logistic, _, _): return logistic.l2
        case .rules, .trees: return nil
        }
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
            // As in LogisticTrainer: the solver's C weighs the summed loss, our l2 the mean loss.
            let fits = LogisticSolver(values: standardised, rows: sample.rows, columns: sample.columns, labels: sampleLabels)
                .fit(cs: [1 / (l2 * Double(sample.rows))])
            return .logistic(LinearModel(columnNames: columnNames, means: means, scales: scales, weights: fits[0].weights,
                                         bias: fits[0].bias, l2: l2))
        case let .trees(_, rounds, settings, threads):
            let data = try DMatrix(values: matrix.values, rows: matrix.rows, columns: matrix.columns,
                                   labels: labels.map { $0 ? 1 : 0 }, threads: threads)
            let booster = try Booster(cache: [data], parameters: TreeTrainer.parameters(settings, threads: threads))
            for iteration in 0..<rounds {
                try booster.update(iteration: iteration, train: data)
            }
            return .trees(booster)
        case let .blend(logisticRecipe, treesRecipe, treeWeight):
            guard case let .logistic(linear) = try logisticRecipe.fit(matrix, labels: labels, columnNames: columnNames),
                  case let .trees(booster) = try treesRecipe.fit(matrix, labels: labels, columnNames: columnNames) else {
                preconditionFailure("a blend's parts are refitted by logistic and trees recipes")
            }
            return .blend(BlendModel(linear: linear, trees: booster, treeWeight: treeWeight))
        }
    }
}
