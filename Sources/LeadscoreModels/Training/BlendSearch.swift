/// Chooses the blend's tree weight from a short grid on the validation slice.
///
/// Each weight's blended validation margins go through the same calibration choice as every family
/// (``CalibrationChooser``), and the weight with the lowest out-of-fold log loss wins; ties go to
/// the even blend. Log loss rather than the champion metric: it is a proper score, smooth in the
/// weight, and rewards a blend whose probabilities can be trusted, not only its ranking. Three
/// weights keep the choice coarse — one more parameter tuned on validation, like the L2 strength
/// and the round count — so the blend's validation figures are not flattered much more than theirs.
enum BlendSearch {
    /// The trees' shares tried, the even blend first.
    static let weights = [0.5, 0.25, 0.75]

    /// The chosen weight with its validation and test margins.
    struct Choice {
        var treeWeight: Double
        var validationMargins: [Double]
        var testMargins: [Double]
    }

    static func choose(linear: Trainer.FittedFamily, trees: Trainer.FittedFamily, validationLabels: [Bool],
                       calibration: [CalibrationMethod]) -> Choice {
        var best: (choice: Choice, logLoss: Double)?
        for weight in weights {
            let margins = BlendModel.combine(linear: linear.validationMargins, trees: trees.validationMargins,
                                             treeWeight: weight)
            let logLoss = CalibrationChooser.choose(scores: margins, labels: validationLabels, allowed: calibration)
                .candidates.map(\.crossValidatedLogLoss).min() ?? .infinity
            if let current = best, current.logLoss <= logLoss { continue }
            let testMargins = BlendModel.combine(linear: linear.testMargins, trees: trees.testMargins, treeWeight: weight)
            best = (Choice(treeWeight: weight, validationMargins: margins, testMargins: testMargins), logLoss)
        }
        return best!.choice
    }
}
