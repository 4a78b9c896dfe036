import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import LeadscoreModels

/// The model card must be self-contained, well-formed, faithful to the evaluation's numbers and
/// safe against user data in field and segment values, and must not crash on thin evaluations.
struct ModelCardTests {
    static let sectionTitles = [
        "Summary", "Models compared", "ROC curve", "Precision–recall curve", "Lift and cumulative gains", "Calibration",
        "Score distribution by tier", "Tiers", "What drives the score", "Segments", "Data and label", "Known limitations",
    ]

    static func html(_ evaluation: ModelEvaluation = ModelCardFixture.evaluation()) -> String {
        ModelCardHTML.render(evaluation, header: ModelCardFixture.header)
    }

    /// Every `<svg>…</svg>` element in `html`.
    static func svgBlocks(_ html: String) -> [String] {
        var blocks: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            blocks.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return blocks
    }

    static func parsesAsXML(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    @Test func htmlHasEverySectionInOrder() throws {
        let html = Self.html()
        var previous = html.startIndex
        for title in Self.sectionTitles {
            let heading = try #require(html.range(of: "<h2>\(title)</h2>"), "missing section \(title)")
            #expect(heading.lowerBound > previous, "\(title) is out of order")
            previous = heading.lowerBound
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<footer>"))
        #expect(html.contains("2025.06.1") && html.contains("2025-06-12T09:30:00Z") && html.contains("xgboost 2.0.3"))
        #expect(html.contains("Retrain after the Q3 pricing change."))
    }

    @Test func htmlIsSelfContainedAndEscapesUserData() {
        let html = Self.html()
        for forbidden in ["http://", "https://", "<script", "src=", "@import", "url(", "xmlns"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<td>R&amp;D</td>"))
    }

    @Test func chartsAndTheWholePageParseAsXML() {
        let html = Self.html()
        let blocks = Self.svgBlocks(html)
        #expect(blocks.count == 7)
        for block in blocks {
            #expect(Self.parsesAsXML(block), "\(block.prefix(200))")
            #expect(block.contains("viewBox=\"0 0 520 "))
        }
        #expect(Self.parsesAsXML(html))
    }

    @Test func tablesCarryTheInputNumbers() {
        let html = Self.html()
        #expect(html.contains("<td class=\"num\">0.812</td>"), "champion test ROC AUC")
        #expect(html.contains("<td class=\"num\">0.287</td>"), "logistic validation PR AUC")
        #expect(html.contains("0.812 (95% CI 0.790–0.834)"))
        #expect(html.contains("3.42× (95% CI 2.90–3.95)"))
        #expect(html.contains("<td class=\"num\">12,000</td>"))
        #expect(html.contains("<tr class=\"champion\"><td>Gradient-boosted trees ★ champion</td>"))
        #expect(html.contains("<td>A — Hot</td><td>SDR queue</td><td class=\"num\">30.0%</td><td class=\"num\">1,210</td>"))
        #expect(html.contains("<td class=\"num\">0.261</td><td>yes</td>"), "chosen calibration method")
        #expect(html.contains("<dd>acme-leads, revision 7</dd>"))
        #expect(html.contains("<td>Status</td><td>Leakage: set by the conversion itself</td>"))
        #expect(html.contains("Field number 20") && !html.contains("Field number 21"), "importance shows the top 20")
    }

    @Test func summaryReadsInPlainLanguage() {
        let html = Self.html()
        #expect(html.contains("The top 10% of scored leads convert 3.4× as often as average (29.6% against 8.6%)."))
        #expect(html.contains("Working only the top 30% of leads reaches 64% of all conversions."))
        #expect(html.contains("It ranks leads better than the rules baseline (test ROC AUC 0.812 against 0.699)."))
    }

    @Test func disparitySegmentsAreHighlightedWithTheirNote() throws {
        let html = Self.html()
        let row = try #require(html.components(separatedBy: "\n").first { $0.contains("alert(1)") })
        #expect(row.hasPrefix("<tr class=\"warning\">"))
        #expect(row.contains("AUC 0.21 below overall"))
        let webRow = try #require(html.components(separatedBy: "\n").first { $0.contains("<td>Web</td>") })
        #expect(webRow.hasPrefix("<tr>"))
    }

    @Test func markdownCarriesTheSameMetrics() throws {
        let markdown = ModelCardMarkdown.render(ModelCardFixture.evaluation(), header: ModelCardFixture.header)
        for heading in ["## Model details", "## Intended use", "## Metrics", "### Models compared", "## Tiers",
                        "## Segments", "## Evaluation data", "## Known limitations"] {
            #expect(markdown.contains("\n\(heading)\n"), "missing \(heading)")
        }
        #expect(markdown.contains("| 0.812 (95% CI 0.790–0.834) |"))
        #expect(markdown.contains("| 0.287 |"))
        #expect(markdown.contains("| **Gradient-boosted trees ★ champion** | **test** |"))
        #expect(markdown.contains("The top 10% of scored leads convert 3.4× as often as average"))
        #expect(markdown.contains("| R&D |"))
        #expect(!markdown.contains("<script"))
        let disparity = try #require(markdown.components(separatedBy: "\n").first { $0.contains("alert(1)") })
        #expect(disparity.contains("**⚠ AUC 0.21 below overall**"))
        #expect(!markdown.contains("http"))
    }

    @Test func thinEvaluationsRenderWithNotAvailable() {
        let evaluation = ModelCardFixture.sparseEvaluation()
        let html = Self.html(evaluation)
        #expect(html.contains("<td class=\"num\">n/a</td>"))
        #expect(html.contains("No segments were evaluated."))
        #expect(html.contains("There were too few converted test leads to measure lift."))
        #expect(html.contains("No limitations were recorded."))
        #expect(html.contains("No data"))
        #expect(Self.svgBlocks(html).allSatisfy(Self.parsesAsXML))
        #expect(Self.parsesAsXML(html))
        let markdown = ModelCardMarkdown.render(evaluation, header: ModelCardHeader(modelName: "m", modelVersion: "1", createdAt: "now"))
        #expect(markdown.contains("| n/a |"))
        #expect(markdown.contains("No segments were evaluated."))
    }

    @Test func renderingIsDeterministic() {
        #expect(Self.html() == Self.html())
    }

    @Test func formattingIsLocaleFreeAndRoundsHalfAway() {
        #expect(ReportFormat.fixed(0.8125) == "0.813")
        #expect(ReportFormat.fixed(-0.0004) == "0.000")
        #expect(ReportFormat.fixed(-1.5, places: 0) == "-2")
        #expect(ReportFormat.fixed(nil as Double?) == "n/a")
        #expect(ReportFormat.fixed(Double.nan) == "n/a")
        #expect(ReportFormat.compact(2.50) == "2.5")
        #expect(ReportFormat.compact(3) == "3")
        #expect(ReportFormat.count(1_234_567) == "1,234,567")
        #expect(ReportFormat.count(-1_000) == "-1,000")
        #expect(ReportFormat.number(12_345.678) == "12,345.7")
        #expect(ReportFormat.percent(0.1234) == "12.3%")
        #expect(ReportFormat.multiplier(3.416) == "3.42×")
        #expect(ReportFormat.html("<a href=\"x\">R&D's</a>") == "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;")
        #expect(ReportFormat.markdownCell("a|b\nc") == "a\\|b c")
    }

    @Test func axisTicksLandOnRoundSteps() {
        #expect(ChartAxis.fromZero(to: 3.7).ticks == [0, 1, 2, 3, 4])
        #expect(ChartAxis.fromZero(to: 430).ticks == [0, 100, 200, 300, 400, 500])
        let rates = ChartAxis.fromZero(to: 0.33, percent: true)
        #expect(rates.ticks.map(rates.tickLabel) == ["0%", "10%", "20%", "30%", "40%"])
        #expect(ChartAxis.unit().tickLabel(0.6) == "0.6")
    }
}
