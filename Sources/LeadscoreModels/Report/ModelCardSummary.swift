/// The headline of the model card, worded for a RevOps lead and shared by the HTML and Markdown
/// renderers: which model won, its key test figures, and what they mean in plain language.
struct ModelCardSummary {
    struct Figure {
        let label: String
        let value: String
        let meaning: String
    }

    /// What the model is for and not for, in the spirit of "Model Cards for Model Reporting".
    static let intendedUse = "Ranks open Salesforce leads by their estimated probability of converting, so sales "
        + "development works the most promising leads first and routes them by tier. It is not meant for decisions "
        + "about individual people beyond routing, nor for lead sources, regions or products absent from the training data."

    let championTitle: String
    let championMetricTitle: String
    let figures: [Figure]
    let sentences: [String]

    init(_ evaluation: ModelEvaluation) {
        let champion = evaluation.models.first { $0.kind == evaluation.champion }
        let test = champion?.test
        championTitle = evaluation.champion.title
        championMetricTitle = Self.title(of: evaluation.championMetric)
        let baseRate = test.flatMap { $0.rows > 0 ? Double($0.positives) / Double($0.rows) : nil }
        figures = [
            Figure(label: "ROC AUC", value: Self.withInterval(ReportFormat.fixed(test?.rocAUC), test?.rocAUCInterval, places: 3),
                   meaning: "Chance that a converting lead scores above a non-converting one; 0.5 is a coin flip."),
            Figure(label: "PR AUC", value: ReportFormat.fixed(test?.prAUC),
                   meaning: "Average precision over all cut-offs; a random ranking scores the base rate, \(ReportFormat.percent(baseRate))."),
            Figure(label: "Top-decile lift", value: Self.withInterval(ReportFormat.multiplier(test?.topDecileLift),
                                                                         test?.topDecileLiftInterval, places: 2),
                   meaning: "How many times more often the top 10% of scores convert than leads overall."),
            Figure(label: "Brier score", value: ReportFormat.fixed(test?.brier),
                   meaning: "Mean squared error of the predicted probabilities; lower is better."),
            Figure(label: "ECE", value: ReportFormat.fixed(test?.ece),
                   meaning: "Expected calibration error: average gap between predicted and observed conversion rates."),
            Figure(label: "Base rate", value: test.map { "\(ReportFormat.percent(baseRate)) (\(ReportFormat.count($0.positives)) of "
                + "\(ReportFormat.count($0.rows)) test leads)" } ?? ReportFormat.notAvailable,
                   meaning: "Share of test leads that converted."),
        ]
        sentences = Self.plainLanguage(evaluation, test: test, baseRate: baseRate)
    }

    static func title(of metric: ChampionMetric) -> String {
        switch metric {
        case .prAUC: return "PR AUC"
        case .rocAUC: return "ROC AUC"
        case .logLoss: return "log loss"
        }
    }

    private static func withInterval(_ value: String, _ interval: Interval?, places: Int) -> String {
        guard value != ReportFormat.notAvailable, let interval else { return value }
        return "\(value) (95% CI \(ReportFormat.interval(interval, places: places)))"
    }

    /// Sentences that need no statistics to read; each is left out when its numbers are missing.
    private static func plainLanguage(_ evaluation: ModelEvaluation, test: MetricSet?, baseRate: Double?) -> [String] {
        var sentences = ["\(evaluation.champion.title) is the champion, picked by \(title(of: evaluation.championMetric))."]
        if let lift = test?.topDecileLift, lift.isFinite {
            var sentence = "The top 10% of scored leads convert \(ReportFormat.fixed(lift, places: 1))× as often as average"
            if let top = test?.lift.first(where: { $0.decile == 1 }), let baseRate {
                sentence += " (\(ReportFormat.percent(top.rate)) against \(ReportFormat.percent(baseRate)))"
            }
            sentences.append(sentence + ".")
        } else {
            sentences.append("There were too few converted test leads to measure lift.")
        }
        if let gains = test?.lift.first(where: { $0.decile == 3 }) {
            sentences.append("Working only the top 30% of leads reaches \(ReportFormat.percent(gains.cumulativeGain, places: 0)) "
                + "of all conversions.")
        }
        if let ece = test?.ece, ece.isFinite {
            sentences.append("Scores read as probabilities: on average a predicted conversion rate is off by "
                + "\(ReportFormat.fixed(ece * 100, places: 1)) percentage points.")
        }
        let rules = evaluation.models.first { $0.kind == .rules }
        if evaluation.champion != .rules, let championAUC = test?.rocAUC, let rulesAUC = rules?.test.rocAUC {
            let verdict = championAUC > rulesAUC ? "ranks leads better than" : "does not rank leads better than"
            sentences.append("It \(verdict) the rules baseline (test ROC AUC \(ReportFormat.fixed(championAUC)) against "
                + "\(ReportFormat.fixed(rulesAUC))).")
        }
        return sentences
    }
}
