/// Renders the model card as one self-contained HTML5 page: inline stylesheet, inline SVG charts,
/// no scripts, fonts, images or URLs, so it can be mailed, archived with the bundle and opened
/// offline. The markup is kept well-formed XML (every element closed, all text escaped), which
/// lets tests parse it and keeps user data from ever turning into markup.
public enum ModelCardHTML {
    /// One `<section>` of the page; `id` is its anchor in the table of contents.
    struct Section {
        let id: String
        let title: String
        let body: [String]
    }

    public static func render(_ evaluation: ModelEvaluation, header: ModelCardHeader) -> String {
        let sections = [
            summary(evaluation), models(evaluation), roc(evaluation), precisionRecall(evaluation), lift(evaluation),
            calibration(evaluation), scoreDistribution(evaluation), tiers(evaluation), arrivals(evaluation), importance(evaluation),
            segments(evaluation), data(evaluation.data), limitations(evaluation, header: header),
        ]
        let title = "Model card: \(header.modelName)"
        var lines = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\"/>",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>",
            "<title>\(escape(title)) \(escape(header.modelVersion))</title>",
            "<style>",
            ModelCardStyle.css,
            "</style>",
            "</head>",
            "<body>",
            "<main>",
            "<header class=\"card\">",
            "<h1>\(escape(title))</h1>",
            "<p class=\"subtitle\">Predictive lead scoring for Salesforce · version \(escape(header.modelVersion)) · "
                + "created \(escape(header.createdAt))</p>",
            "</header>",
            "<nav aria-label=\"Contents\"><ol>",
        ]
        lines += sections.map { "<li><a href=\"#\($0.id)\">\(escape($0.title))</a></li>" }
        lines.append("</ol></nav>")
        for section in sections {
            lines.append("<section id=\"\(section.id)\">")
            lines.append("<h2>\(escape(section.title))</h2>")
            lines += section.body
            lines.append("</section>")
        }
        lines += footer(header) + ["</main>", "</body>", "</html>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func summary(_ evaluation: ModelEvaluation) -> Section {
        let summary = ModelCardSummary(evaluation)
        var body = ["<div class=\"headline\">"] + summary.sentences.map(paragraph) + ["</div>",
                    "<h3>\(escape(summary.championTitle)) on the test leads</h3>", "<div class=\"figures\">"]
        for figure in summary.figures {
            body.append("<div class=\"figure\"><div class=\"label\">\(escape(figure.label))</div>"
                + "<div class=\"value\">\(escape(figure.value))</div><p class=\"meaning\">\(escape(figure.meaning))</p></div>")
        }
        body += ["</div>", "<h3>Intended use</h3>", paragraph(ModelCardSummary.intendedUse)]
        return Section(id: "summary", title: "Summary", body: body)
    }

    private static func models(_ evaluation: ModelEvaluation) -> Section {
        Section(id: "models", title: "Models compared", body: [
            paragraph("All models are scored on the same validation and test leads. The champion (★) was picked by "
                + "\(ModelCardSummary.title(of: evaluation.championMetric)); log loss, Brier score and ECE are better when lower."),
            ModelCardTables.models(evaluation).html(),
        ] + ModelCardRefit.html(evaluation))
    }

    private static func roc(_ evaluation: ModelEvaluation) -> Section {
        Section(id: "roc", title: "ROC curve", body: [
            paragraph("How many converting leads (true positive rate) the champion catches for each share of non-converting "
                + "leads let through (false positive rate) as the score cut-off moves. The dashed diagonal is a random ranking."),
            "<div class=\"charts\">", ModelCardCharts.roc(evaluation), "</div>",
        ])
    }

    private static func precisionRecall(_ evaluation: ModelEvaluation) -> Section {
        Section(id: "precision-recall", title: "Precision–recall curve", body: [
            paragraph("Precision is the share of leads above a cut-off that convert; recall is the share of all conversions "
                + "above it. The dashed line is the base rate, what working leads at random would give."),
            "<div class=\"charts\">", ModelCardCharts.precisionRecall(evaluation), "</div>",
        ])
    }

    private static func lift(_ evaluation: ModelEvaluation) -> Section {
        let test = evaluation.models.first { $0.kind == evaluation.champion }?.test
        return Section(id: "lift", title: "Lift and cumulative gains", body: [
            paragraph("Test leads sorted by score and cut into ten equal deciles. Lift is a decile's conversion rate divided "
                + "by the average; cumulative gain is the share of all conversions in that decile and those above it."),
            "<div class=\"charts\">", ModelCardCharts.lift(evaluation), ModelCardCharts.cumulativeGains(evaluation), "</div>",
            "<h3>Working the top of the list</h3>", ModelCardTables.topK(test).html(),
            "<h3>Lift by decile</h3>", ModelCardTables.lift(test).html(),
        ])
    }

    private static func calibration(_ evaluation: ModelEvaluation) -> Section {
        Section(id: "calibration", title: "Calibration", body: [
            paragraph("Whether a predicted probability can be read as a conversion rate: each dot is a bin of test leads, its "
                + "mean predicted probability against the share that converted. Dots on the diagonal are perfectly calibrated."),
            "<div class=\"charts\">", ModelCardCharts.reliability(evaluation), "</div>",
            "<h3>Calibration method</h3>",
            paragraph("Chosen: " + ModelCardTables.calibratorDescription(evaluation.calibration.calibrator)),
            ModelCardTables.calibration(evaluation.calibration).html(),
        ])
    }

    private static func scoreDistribution(_ evaluation: ModelEvaluation) -> Section {
        Section(id: "score-distribution", title: "Score distribution by tier", body: [
            paragraph("How many test leads fall in each score band, coloured by the tier they would be routed to."),
            "<div class=\"charts\">", ModelCardCharts.scoreHistogram(evaluation), "</div>",
        ])
    }

    private static func tiers(_ evaluation: ModelEvaluation) -> Section {
        Section(id: "tiers", title: "Tiers", body: [
            paragraph("Cumulative precision and recall count the leads in a tier or any tier above it. Leads per day assume "
                + "the historical arrival rate of \(ReportFormat.number(evaluation.data.arrivalPerDay)) leads a day."),
            ModelCardTables.tiers(evaluation).html(),
        ])
    }

    private static func arrivals(_ evaluation: ModelEvaluation) -> Section {
        guard let forecast = evaluation.arrivalForecast else {
            return Section(id: "sla-impact", title: ModelCardArrivals.title,
                           body: ["<p class=\"empty\">\(escape(ModelCardArrivals.missing(evaluation)))</p>"])
        }
        var body = [paragraph(ModelCardArrivals.meaning), paragraph(forecast.headline)]
        if !forecast.isEmpty {
            body += [forecast.summaryTable().html(),
                     "<h3>By hour of day: average weekday (Mon–Fri) and weekend day (Sat–Sun)</h3>", forecast.hourTable().html()]
            if let top = forecast.tiers.first {
                body += ["<h3>Tier \(escape(top.name)) through a typical week</h3>",
                         paragraph("The busiest hour is highlighted."), forecast.weekTable(top).html()]
            }
        }
        return Section(id: "sla-impact", title: ModelCardArrivals.title, body: body)
    }

    private static func importance(_ evaluation: ModelEvaluation) -> Section {
        Section(id: "importance", title: "What drives the score", body: [
            paragraph("The fields that move scores the most: the mean absolute contribution of each field to the test leads' "
                + "scores. Large is influential, not necessarily good or bad; check that the top fields make business sense."),
            "<div class=\"charts\">", ModelCardCharts.importance(evaluation), "</div>",
            "<h3>\(escape(ModelCardLeakageChecklist.title))</h3>", paragraph(ModelCardLeakageChecklist.meaning),
            ModelCardLeakageChecklist.table(evaluation, limit: ModelCardCharts.importanceLimit)?.html()
                ?? "<p class=\"empty\">\(escape(ModelCardLeakageChecklist.missing))</p>",
        ])
    }

    private static func segments(_ evaluation: ModelEvaluation) -> Section {
        Section(id: "segments", title: "Segments", body: [
            paragraph("Test metrics per segment. Highlighted rows are flagged for disparity: the model ranks or calibrates "
                + "these leads noticeably worse than overall, so treat their scores with care."),
            ModelCardTables.segments(evaluation).html(),
        ])
    }

    private static func data(_ data: DataSummary) -> Section {
        let facts = [
            ("Snapshot", data.snapshotId), ("Data contract", "\(data.contractName), revision \(data.contractRevision)"),
            ("Label", data.labelDescription), ("Feature columns", ReportFormat.count(data.featureColumns)),
            ("Arrival rate", "\(ReportFormat.number(data.arrivalPerDay)) leads per day"),
        ]
        return Section(id: "data", title: "Data and label", body: [
            "<dl>" + facts.map { "<dt>\(escape($0.0))</dt><dd>\(escape($0.1))</dd>" }.joined() + "</dl>",
            "<h3>Splits</h3>", ModelCardTables.splits(data).html(),
            "<h3>Fields kept out of the model</h3>", ModelCardTables.excludedFields(data).html(),
        ])
    }

    private static func limitations(_ evaluation: ModelEvaluation, header: ModelCardHeader) -> Section {
        var body = [list(evaluation.limitations, empty: "No limitations were recorded.")]
        if !header.notes.isEmpty { body += ["<h3>Notes</h3>", list(header.notes, empty: "")] }
        return Section(id: "limitations", title: "Known limitations", body: body)
    }

    private static func footer(_ header: ModelCardHeader) -> [String] {
        let libraries = header.libraryVersions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        return [
            "<footer>",
            paragraph("\(header.modelName) version \(header.modelVersion), created \(header.createdAt)."),
            paragraph(libraries.isEmpty ? "No library versions were recorded." : "Built with " + libraries.joined(separator: ", ") + "."),
            "</footer>",
        ]
    }

    private static func paragraph(_ text: String) -> String {
        "<p>\(escape(text))</p>"
    }

    private static func list(_ items: [String], empty: String) -> String {
        items.isEmpty ? paragraph(empty) : "<ul>\n" + items.map { "<li>\(escape($0))</li>" }.joined(separator: "\n") + "\n</ul>"
    }

    private static func escape(_ text: String) -> String {
        ReportFormat.html(text)
    }
}
