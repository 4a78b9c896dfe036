import Foundation
import LeadscoreData
import LeadscoreModels

/// Renders the monitoring dashboard as one self-contained HTML5 page: inline stylesheet, inline SVG,
/// no script, font, image or URL, so it passes the route's `default-src 'none'` policy and shows the
/// same offline or printed. As in the model card, the markup is well-formed XML and every text is
/// escaped, because field names, tier names, versions and notes come from configs people write.
enum DashboardHTML {
    /// One `<section>`; `id` is its anchor in the contents. Sections sit two abreast on a wide screen,
    /// except `wide` ones, which take the whole row.
    struct Section {
        let id: String
        let title: String
        let body: [String]
        var wide = false
    }

    /// Nothing may load: no script, font, stylesheet or image but the page's own `<style>` and `data:` images.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    static func render(_ data: DashboardData) -> String {
        let sections = [
            DashboardSections.findings(data), DashboardSections.health(data), DashboardSections.scores(data),
            DashboardSections.tiers(data), DashboardInputTables.drift(data), DashboardInputTables.quality(data),
            DashboardSections.cohorts(data), DashboardRollout.section(data),
        ]
        let report = data.report
        var lines = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\"/>",
            // The route sends the same policy as a header; this copy holds when the page is saved and opened as a file.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"\(contentSecurityPolicy)\"/>",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>",
            "<title>leadscore monitoring</title>",
            "<style>",
            ModelCardStyle.css,
            DashboardStyle.css,
            "</style>",
            "</head>",
            "<body>",
            "<main class=\"dashboard\">",
            "<header class=\"card\">",
            "<h1>Lead scoring monitor " + (data.status.map(DashboardTable.badge) ?? "<span class=\"sev ok\">ok</span>") + "</h1>",
            paragraph("Audit log from \(timestamp(report.from)) to \(timestamp(report.to)) "
                + "(\(duration(report.to.timeIntervalSince(report.from)))): \(ReportFormat.count(report.auditRows)) rows. "
                + "Rendered \(timestamp(data.generatedAt)); a reload within \(ReportFormat.compact(data.cacheSeconds, places: 0)) s "
                + "shows the same figures.", class: "subtitle"),
            "</header>",
            "<nav aria-label=\"Contents\"><ol>",
        ]
        lines += sections.map { "<li><a href=\"#\($0.id)\">\(escape($0.title))</a></li>" }
        lines += ["</ol></nav>", "<div class=\"panels\">"]
        for section in sections {
            lines.append("<section id=\"\(section.id)\"\(section.wide ? " class=\"wide\"" : "")>")
            lines.append("<h2>\(escape(section.title))</h2>")
            lines += section.body
            lines.append("</section>")
        }
        lines.append("</div>")
        lines += [
            "<footer>",
            paragraph("Figures come from the audit log: monitoring bins and scores, never a lead's values. "
                + "`leadscore monitor --config leadscore.yaml` prints the same report and sends the alerts; "
                + "thresholds, acknowledgements and the window are in the monitoring: section of leadscore.yaml."),
            "</footer>",
            "</main>", "</body>", "</html>",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Building blocks

    static func escape(_ text: String) -> String {
        ReportFormat.html(text)
    }

    static func paragraph(_ text: String, class className: String? = nil) -> String {
        "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</p>"
    }

    /// A row of labelled figures (the model card's `.figures` grid); `meaning` says how to read each.
    /// `names` sets the values smaller, for long names such as model versions.
    static func figures(_ items: [(label: String, value: String, meaning: String)], names: Bool = false) -> [String] {
        ["<div class=\"figures\(names ? " names" : "")\">"] + items.map {
            "<div class=\"figure\"><div class=\"label\">\(escape($0.label))</div><div class=\"value\">\(escape($0.value))</div>"
                + "<p class=\"meaning\">\(escape($0.meaning))</p></div>"
        } + ["</div>"]
    }

    /// A panel that says plainly why a chart or table is not there.
    static func emptyPanel(_ title: String, _ text: String) -> String {
        "<div class=\"panel empty\"><strong>\(escape(title))</strong><p>\(escape(text))</p></div>"
    }

    /// A heading and a table for each model that scored in the window, or one line saying none did. A model
    /// without a baseline gets a line saying so, unless `needsBaseline` is false.
    static func perModel(_ data: DashboardData, needsBaseline: Bool = true,
                         _ table: (MonitorReport.ModelSection) -> DashboardTable) -> [String] {
        let models = data.modelSections
        guard !models.isEmpty else { return [paragraph("No lead was scored in this window.", class: "empty")] }
        return models.flatMap { model -> [String] in
            let role = data.role(of: model.version).map { " (\($0))" } ?? ""
            let heading = "<h3>\(escape(model.version + role))</h3>"
            guard model.hasBaseline || !needsBaseline else {
                return [heading, paragraph("Its bundle carries no baseline: retrain it to compare it with training.", class: "empty")]
            }
            return [heading, table(model).html()]
        }
    }

    static func charts(_ svgs: [String]) -> [String] {
        ["<div class=\"charts\">"] + svgs + ["</div>"]
    }

    /// `2025-05-14T12:00:00Z`.
    static func timestamp(_ date: Date) -> String {
        SalesforceDate.formatDateTime(date.timeIntervalSince1970)
    }

    /// `7 days`, `36 hours`, `90 minutes`: the window as its config says it.
    static func duration(_ seconds: TimeInterval) -> String {
        let minutes = Int((seconds / 60).rounded())
        if minutes % 1_440 == 0 { return "\(minutes / 1_440) day" + (minutes == 1_440 ? "" : "s") }
        if minutes % 60 == 0 { return "\(minutes / 60) hour" + (minutes == 60 ? "" : "s") }
        return "\(minutes) minute" + (minutes == 1 ? "" : "s")
    }
}
