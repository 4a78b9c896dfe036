/// The model card's "Refit" note, worded once for the HTML and the Markdown card: how the champion
/// was refitted on train + validation and its test figures before → after. Nothing is shown for a
/// bundle that was not refitted (`refit: false`, or written before refits existed), so those cards
/// read as they always did.
enum ModelCardRefit {
    static let title = "Refit on train + validation"

    /// The note's paragraphs, empty when there was no refit.
    static func paragraphs(_ evaluation: ModelEvaluation) -> [String] {
        guard let refit = evaluation.refit else { return [] }
        return [
            "After it was chosen on validation and measured on test, the champion was fitted again with the same "
                + "settings on \(refit.method). This is the model the bundle scores with; the feature pipeline and the "
                + "calibrator were refitted on the same leads, never on test leads.",
            "The figures above are the honest ones, from before the refit. The refitted model on the same test leads "
                + "(reported only, chose nothing; paired bootstrap 95% intervals of the change): \(refit.testChange). "
                + "Curves, tiers, segments and importance describe the model before the refit.",
        ]
    }

    static func markdown(_ evaluation: ModelEvaluation) -> [String] {
        let paragraphs = paragraphs(evaluation)
        guard !paragraphs.isEmpty else { return [] }
        return ["", "### \(title)"] + paragraphs.flatMap { ["", $0.replacingOccurrences(of: "<", with: "&lt;")] }
    }

    static func html(_ evaluation: ModelEvaluation) -> [String] {
        let paragraphs = paragraphs(evaluation)
        guard !paragraphs.isEmpty else { return [] }
        return ["<h3>\(ReportFormat.html(title))</h3>"] + paragraphs.map { "<p>\(ReportFormat.html($0))</p>" }
    }
}
