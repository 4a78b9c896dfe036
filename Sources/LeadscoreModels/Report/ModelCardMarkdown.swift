/// Renders the model card as Markdown (`model-card.md`): the same numbers as the HTML card in
/// plain tables, no charts, so it reads in a pull request, a wiki or a terminal. Sections follow
/// "Model Cards for Model Reporting" (Mitchell et al., 2019): model details, intended use,
/// metrics, evaluation data, quantitative analyses, caveats.
public enum ModelCardMarkdown {
    public static func render(_ evaluation: ModelEvaluation, header: ModelCardHeader) -> String {
        let summary = ModelCardSummary(evaluation)
        let test = evaluation.models.first { $0.kind == evaluation.champion }?.test
        var lines = [
            "# Model card: \(inline(header.modelName))",
            "",
            "## Model details",
            "",
            "- Version: \(inline(header.modelVersion))",
            "- Created: \(inline(header.createdAt))",
            "- Champion: \(summary.championTitle), picked by \(summary.championMetricTitle)",
            "- Calibration: \(ModelCardTables.calibratorDescription(evaluation.calibration.calibrator))",
        ]
        lines += header.libraryVersions.sorted { $0.key < $1.key }.map { "- \(inline($0.key)): \(inline($0.value))" }
        lines += ["", "## Summary", ""] + summary.sentences.map { "- \($0)" }
        lines += ["", "## Intended use", "", ModelCardSummary.intendedUse]
        lines += [
            "", "## Metrics", "",
            "Champion on the test leads:", "",
            ReportTable(columns: [ReportTable.Column(title: "Metric", numeric: false), ReportTable.Column(title: "Value"),
                                  ReportTable.Column(title: "Meaning", numeric: false)],
                        rows: summary.figures.map { ReportTable.Row(cells: [$0.label, $0.value, $0.meaning]) }).markdown(),
            "", "### Models compared", "",
            "All models are scored on the same validation and test leads; ★ marks the champion.", "",
            ModelCardTables.models(evaluation).markdown(),
        ]
        lines += ModelCardRefit.markdown(evaluation)
        lines += [
            "", "### Working the top of the list", "", ModelCardTables.topK(test).markdown(),
            "", "### Lift by decile", "", ModelCardTables.lift(test).markdown(),
            "", "### Calibration", "",
            "Reliability of the champion's probabilities on the test leads:", "",
            ModelCardTables.reliability(test).markdown(),
            "", "Calibration methods tried:", "", ModelCardTables.calibration(evaluation.calibration).markdown(),
            "", "## Tiers", "",
            "Cumulative precision and recall count the leads in a tier or any tier above it; leads per day assume "
                + "\(ReportFormat.number(evaluation.data.arrivalPerDay)) arriving leads a day.", "",
            ModelCardTables.tiers(evaluation).markdown(),
            "", "## \(ModelCardArrivals.title)", "", arrivals(evaluation),
            "", "## What drives the score", "",
            ModelCardTables.importance(evaluation, limit: ModelCardCharts.importanceLimit).markdown(),
            "", "### \(ModelCardLeakageChecklist.title)", "", ModelCardLeakageChecklist.meaning, "",
            ModelCardLeakageChecklist.table(evaluation, limit: ModelCardCharts.importanceLimit)?.markdown()
                ?? ModelCardLeakageChecklist.missing,
            "", "## Segments", "",
            "Bold rows are flagged for disparity: the model ranks or calibrates these leads noticeably worse than overall.", "",
            ModelCardTables.segments(evaluation).markdown(),
        ]
        lines += evaluationData(evaluation.data)
        lines += ["", "## Known limitations", ""]
        lines += evaluation.limitations.isEmpty ? ["No limitations were recorded."] : evaluation.limitations.map { "- \(inline($0))" }
        if !header.notes.isEmpty { lines += ["", "### Notes", ""] + header.notes.map { "- \(inline($0))" } }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The forecast's tables after the section's meaning, or the one-line reason there are none.
    private static func arrivals(_ evaluation: ModelEvaluation) -> String {
        guard let forecast = evaluation.arrivalForecast else { return inline(ModelCardArrivals.missing(evaluation)) }
        var text = ModelCardArrivals.meaning + "\n\n" + forecast.markdown()
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    private static func evaluationData(_ data: DataSummary) -> [String] {
        [
            "", "## Evaluation data", "",
            "- Snapshot: `\(code(data.snapshotId))`",
            "- Data contract: \(inline(data.contractName)), revision \(inline(data.contractRevision))",
            "- Label: \(inline(data.labelDescription))",
            "- Feature columns: \(ReportFormat.count(data.featureColumns))",
            "- Arrival rate: \(ReportFormat.number(data.arrivalPerDay)) leads per day",
            "", "### Splits", "", ModelCardTables.splits(data).markdown(),
            "", "### Fields kept out of the model", "", ModelCardTables.excludedFields(data).markdown(),
        ]
    }

    /// Free text on one line, with `<` escaped so a Markdown renderer never treats it as HTML.
    private static func inline(_ text: String) -> String {
        text.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: "\n", with: " ")
    }

    private static func code(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "'")
    }
}
