/// One calibration method's out-of-fold log loss, kept in the model card to show why the winner won.
public struct CalibrationCandidate: Sendable, Codable, Equatable {
    public var method: CalibrationMethod
    public var crossValidatedLogLoss: Double

    public init(method: CalibrationMethod, crossValidatedLogLoss: Double) {
        self.method = method
        self.crossValidatedLogLoss = crossValidatedLogLoss
    }
}

/// The chosen calibrator, refitted on all rows, and the scores of every method tried.
public struct CalibrationChoice: Sendable, Codable, Equatable {
    public var calibrator: Calibrator
    public var candidates: [CalibrationCandidate]

    public init(calibrator: Calibrator, candidates: [CalibrationCandidate]) {
        self.calibrator = calibrator
        self.candidates = candidates
    }
}

/// Picks Platt or isotonic calibration for a model's validation scores.
///
/// Judged on the rows it was fitted on, isotonic regression always looks at least as good as Platt —
/// it can memorise them. So each method is scored by k-fold cross-validation on the given rows: fitted
/// on the other folds, log loss measured on the held-out fold. Folds are `index % folds`, deterministic,
/// so the same rows always give the same choice. The lowest out-of-fold log loss wins (ties go to the
/// earlier method in `allowed`, Platt by default: fewer parameters) and is refitted on all rows.
public enum CalibrationChooser {
    public static func choose(
        scores: [Double], labels: [Bool], folds: Int = 5, allowed: [CalibrationMethod] = CalibrationMethod.allCases
    ) -> CalibrationChoice {
        precondition(scores.count == labels.count, "one label per score")
        precondition(folds >= 2 && scores.count >= folds, "at least two folds and one row per fold")
        precondition(!allowed.isEmpty, "at least one calibration method")
        let candidates = allowed.map { method in
            CalibrationCandidate(
                method: method,
                crossValidatedLogLoss: outOfFoldLogLoss(method, scores: scores, labels: labels, folds: folds))
        }
        var best = candidates[0]
        for candidate in candidates.dropFirst() where candidate.crossValidatedLogLoss < best.crossValidatedLogLoss {
            best = candidate
        }
        return CalibrationChoice(
            calibrator: Calibrator.fit(best.method, scores: scores, labels: labels), candidates: candidates)
    }

    /// Log loss of `method`'s predictions for each row from a calibrator fitted without that row's fold.
    static func outOfFoldLogLoss(_ method: CalibrationMethod, scores: [Double], labels: [Bool], folds: Int) -> Double {
        var predictions = [Double](repeating: 0, count: scores.count)
        for fold in 0..<folds {
            let training = scores.indices.filter { $0 % folds != fold }
            let calibrator = Calibrator.fit(
                method, scores: training.map { scores[$0] }, labels: training.map { labels[$0] })
            for row in stride(from: fold, to: scores.count, by: folds) {
                predictions[row] = calibrator.probability(score: scores[row])
            }
        }
        return BinaryMetrics.logLoss(probabilities: predictions, labels: labels)
    }
}
