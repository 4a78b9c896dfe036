/// The model card's "Were these known when the lead arrived?" checklist: the fields that drive the score
/// most, each with what the leakage review found (profile evidence, a dominant share of the importance)
/// and what to do. A leak — a field filled in after sales worked the lead — makes a model look better on
/// history than it can ever be on new leads, and no metric on the same history can show it: a person who
/// knows the org has to answer for each top field.
enum ModelCardLeakageChecklist {
    static let title = "Were these known when the lead arrived?"
    static let meaning = "For each field that drives the score most: is it filled in before anyone in sales works the "
        + "lead? Fields set later (stages, ratings reps assign, last-activity dates, scores from sales tools) leak the "
        + "outcome: the model looks better on history than it will be on new leads. The evidence comes from the data "
        + "profile and the model itself; \"no evidence found\" still needs a yes from someone who knows the org."

    static func table(_ evaluation: ModelEvaluation, limit: Int) -> ReportTable? {
        guard let review = evaluation.leakageReview else { return nil }
        let total = evaluation.importance.reduce(0) { $0 + $1.meanAbsoluteImpact }
        let rows = evaluation.importance.prefix(limit).map { item -> ReportTable.Row in
            let suspect = review.first { $0.name == item.field || $0.name == item.field.split(separator: ".").first.map(String.init) }
            let share = total > 0 ? ReportFormat.percent(item.meanAbsoluteImpact / total) : "–"
            return ReportTable.Row(cells: [
                item.label, share, suspect.map { "\($0.level.rawValue): " + $0.evidence.joined(separator: "; ") } ?? "no evidence found",
                suspect?.level.suggestedAction ?? "confirm it is known when the lead arrives",
            ], highlight: suspect == nil ? .none : .warning)
        }
        return ReportTable(columns: [
            ReportTable.Column(title: "Field", numeric: false), ReportTable.Column(title: "Share of importance"),
            ReportTable.Column(title: "Leakage review", numeric: false), ReportTable.Column(title: "Check", numeric: false),
        ], rows: rows)
    }

    /// Bundles trained before the review existed.
    static let missing = "Not recorded for this model: retrain it to see the leakage review of its top fields."
}
