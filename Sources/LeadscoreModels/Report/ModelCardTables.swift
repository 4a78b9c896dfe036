/// Every table of the model card, built from the evaluation in one place so the HTML and the
/// Markdown card can never disagree on a number or a column.
enum ModelCardTables {
    /// Each model on validation and test, champion highlighted.
    static func models(_ evaluation: ModelEvaluation) -> ReportTable {
        let columns = [ReportTable.Column(title: "Model", numeric: false), ReportTable.Column(title: "Slice", numeric: false)]
            + ["Leads", "ROC AUC", "PR AUC", "Log loss", "Brier", "ECE", "Top-decile lift"].map { ReportTable.Column(title: $0) }
            + [ReportTable.Column(title: "How it was fitted", numeric: false)]
        let rows = evaluation.models.flatMap { model in
            let isChampion = model.kind == evaluation.champion
            let name = model.kind.title + (isChampion ? " ★ champion" : "")
            return [("validation", model.validation), ("test", model.test)].map { slice, metrics in
                ReportTable.Row(cells: [
                    name, slice, ReportFormat.count(metrics.rows), ReportFormat.fixed(metrics.rocAUC), ReportFormat.fixed(metrics.prAUC),
                    ReportFormat.fixed(metrics.logLoss), ReportFormat.fixed(metrics.brier), ReportFormat.fixed(metrics.ece),
                    ReportFormat.multiplier(metrics.topDecileLift), model.detail,
                ], highlight: isChampion ? .champion : .none)
            }
        }
        return ReportTable(columns: columns, rows: rows, emptyMessage: "No models were evaluated.")
    }

    /// What working only the top slice of scores would yield.
    static func topK(_ metrics: MetricSet?) -> ReportTable {
        ReportTable(
            columns: ["Top share of leads", "Leads", "Score threshold", "Precision", "Recall"].map { ReportTable.Column(title: $0) },
            rows: (metrics?.topK ?? []).map {
                ReportTable.Row(cells: [ReportFormat.percent($0.fraction, places: 0), ReportFormat.count($0.count),
                                        ReportFormat.fixed($0.threshold), ReportFormat.percent($0.precision), ReportFormat.percent($0.recall)])
            },
            emptyMessage: "No top-k figures were computed.")
    }

    static func lift(_ metrics: MetricSet?) -> ReportTable {
        ReportTable(
            columns: ["Decile", "Leads", "Converted", "Conversion rate", "Lift", "Cumulative gain", "Cumulative lift"]
                .map { ReportTable.Column(title: $0) },
            rows: (metrics?.lift ?? []).map {
                ReportTable.Row(cells: [String($0.decile), ReportFormat.count($0.count), ReportFormat.count($0.positives),
                                        ReportFormat.percent($0.rate), ReportFormat.multiplier($0.lift),
                                        ReportFormat.percent($0.cumulativeGain), ReportFormat.multiplier($0.cumulativeLift)])
            },
            emptyMessage: "No lift figures were computed.")
    }

    static func reliability(_ metrics: MetricSet?) -> ReportTable {
        ReportTable(
            columns: ["Predicted range", "Leads", "Mean predicted", "Observed rate"].map { ReportTable.Column(title: $0) },
            rows: (metrics?.reliability ?? []).map {
                ReportTable.Row(cells: [ReportFormat.percent($0.lower, places: 0) + "–" + ReportFormat.percent($0.upper, places: 0),
                                        ReportFormat.count($0.count), ReportFormat.percent($0.meanPredicted),
                                        ReportFormat.percent($0.observedRate)])
            },
            emptyMessage: "No reliability bins were computed.")
    }

    /// The calibration methods tried, the chosen one highlighted.
    static func calibration(_ choice: CalibrationChoice) -> ReportTable {
        ReportTable(
            columns: [ReportTable.Column(title: "Method", numeric: false), ReportTable.Column(title: "Cross-validated log loss"),
                      ReportTable.Column(title: "Chosen", numeric: false)],
            rows: choice.candidates.map {
                let chosen = $0.method == choice.calibrator.method
                return ReportTable.Row(cells: [methodTitle($0.method), ReportFormat.fixed($0.crossValidatedLogLoss), chosen ? "yes" : ""],
                                       highlight: chosen ? .champion : .none)
            },
            emptyMessage: "No calibration candidates were recorded.")
    }

    private static func methodTitle(_ method: CalibrationMethod) -> String {
        switch method {
        case .platt: return "Platt scaling"
        case .isotonic: return "Isotonic regression"
        }
    }

    /// The chosen calibrator in a line, so a reviewer can sanity-check it.
    static func calibratorDescription(_ calibrator: Calibrator) -> String {
        switch calibrator {
        case .platt(let platt):
            return "Platt scaling (a = \(ReportFormat.fixed(platt.a)), b = \(ReportFormat.fixed(platt.b)))."
        case .isotonic(let isotonic):
            return "Isotonic regression with \(ReportFormat.count(isotonic.x.count)) steps."
        }
    }

    static func tiers(_ evaluation: ModelEvaluation) -> ReportTable {
        ReportTable(
            columns: [ReportTable.Column(title: "Tier", numeric: false), ReportTable.Column(title: "Route", numeric: false)]
                + ["Min probability", "Test leads", "Conversion rate", "Cumulative precision", "Cumulative recall", "Leads per day"]
                .map { ReportTable.Column(title: $0) },
            rows: evaluation.tiers.map {
                ReportTable.Row(cells: [$0.label.isEmpty || $0.label == $0.name ? $0.name : "\($0.name) — \($0.label)", $0.route,
                                        ReportFormat.percent($0.minProbability), ReportFormat.count($0.count),
                                        ReportFormat.percent($0.conversionRate), ReportFormat.percent($0.cumulativePrecision),
                                        ReportFormat.percent($0.cumulativeRecall), ReportFormat.number($0.leadsPerDay)])
            },
            emptyMessage: "No tiers are defined.")
    }

    static func importance(_ evaluation: ModelEvaluation, limit: Int) -> ReportTable {
        ReportTable(
            columns: [ReportTable.Column(title: "Rank"), ReportTable.Column(title: "Field", numeric: false),
                      ReportTable.Column(title: "Label", numeric: false), ReportTable.Column(title: "Mean |impact|")],
            rows: evaluation.importance.prefix(limit).enumerated().map {
                ReportTable.Row(cells: [String($0.offset + 1), $0.element.field, $0.element.label,
                                        ReportFormat.fixed($0.element.meanAbsoluteImpact)])
            },
            emptyMessage: "No field importance was computed.")
    }

    /// Per-segment test metrics; segments flagged for disparity are highlighted with their note.
    static func segments(_ evaluation: ModelEvaluation) -> ReportTable {
        ReportTable(
            columns: [ReportTable.Column(title: "Field", numeric: false), ReportTable.Column(title: "Value", numeric: false)]
                + ["Leads", "Converted", "ROC AUC", "Mean predicted", "Observed rate"].map { ReportTable.Column(title: $0) }
                + [ReportTable.Column(title: "Disparity", numeric: false)],
            rows: evaluation.segments.map {
                let flag = $0.disparity ? "⚠ " + ($0.note ?? "flagged") : ($0.note ?? "")
                return ReportTable.Row(cells: [$0.field, $0.value, ReportFormat.count($0.rows), ReportFormat.count($0.positives),
                                               ReportFormat.fixed($0.rocAUC), ReportFormat.percent($0.meanProbability),
                                               ReportFormat.percent($0.observedRate), flag],
                                       highlight: $0.disparity ? .warning : .none)
            },
            emptyMessage: "No segments were evaluated.")
    }

    /// Rows, conversions and date window per split: train, validation, test first, any others after.
    static func splits(_ data: DataSummary) -> ReportTable {
        let known = ["train", "validation", "test"]
        let names = Set(data.rows.keys).union(data.positives.keys).union(data.windows.keys)
        let ordered = known.filter(names.contains) + names.subtracting(known).sorted()
        return ReportTable(
            columns: [ReportTable.Column(title: "Split", numeric: false)] + ["Leads", "Converted", "Conversion rate"]
                .map { ReportTable.Column(title: $0) } + [ReportTable.Column(title: "Created from", numeric: false),
                                                          ReportTable.Column(title: "Created to", numeric: false)],
            rows: ordered.map { name in
                let rows = data.rows[name], positives = data.positives[name], window = data.windows[name] ?? []
                let rate = rows.flatMap { rows in positives.map { rows > 0 ? Double($0) / Double(rows) : .nan } }
                return ReportTable.Row(cells: [name, rows.map(ReportFormat.count) ?? ReportFormat.notAvailable,
                                               positives.map(ReportFormat.count) ?? ReportFormat.notAvailable, ReportFormat.percent(rate),
                                               window.first ?? ReportFormat.notAvailable, window.last ?? ReportFormat.notAvailable])
            },
            emptyMessage: "No splits were recorded.")
    }

    static func excludedFields(_ data: DataSummary) -> ReportTable {
        ReportTable(
            columns: [ReportTable.Column(title: "Field", numeric: false), ReportTable.Column(title: "Why it is excluded", numeric: false)],
            rows: data.excludedFields.sorted { $0.key < $1.key }.map { ReportTable.Row(cells: [$0.key, $0.value]) },
            emptyMessage: "No fields were excluded.")
    }

    static func libraries(_ header: ModelCardHeader) -> ReportTable {
        ReportTable(
            columns: [ReportTable.Column(title: "Library", numeric: false), ReportTable.Column(title: "Version", numeric: false)],
            rows: header.libraryVersions.sorted { $0.key < $1.key }.map { ReportTable.Row(cells: [$0.key, $0.value]) },
            emptyMessage: "No library versions were recorded.")
    }
}
