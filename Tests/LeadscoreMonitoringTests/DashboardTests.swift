import Foundation
import Hummingbird
import HummingbirdTesting
import LeadscoreData
import LeadscoreModels
import Logging
import Testing
@testable import LeadscoreMonitoring
@testable import LeadscoreService

/// `GET /dashboard` for a week of real traffic, loaded in headless Chromium: the DOM it builds has every
/// section, a chart per panel, a highlighted row for the drifted field, escaped config text, and no URL
/// or script; the page loads nothing under its Content-Security-Policy.
///
/// The week: the sample org's drifted leads (after its 2024-07-01 process change) served through the real
/// service today and repeated one to three days ago, training-like leads four to six days ago, and
/// refusals every day. Set LEADSCORE_DASHBOARD_SCREENSHOT=docs/dashboard.png to refresh the screenshot.
@Suite(.serialized) struct DashboardTests {
    static let window: TimeInterval = 7 * 86_400

    @Test func theWeekRendersInChromiumWithEveryPanel() async throws {
        let traffic = try await WeekOfTraffic.make()
        let page = try await Self.fetchThroughTheRoute(traffic)
        let report = try await MonitorPass.run(store: traffic.store, settings: MonitoringSettings(),
                                               from: Date().addingTimeInterval(-Self.window), to: Date())
        // Acknowledged, every finding is still shown with its note, and the page's status is ok.
        var acknowledging = MonitoringSettings()
        acknowledging.acknowledged = report.findings.filter { $0.severity > .info }.map {
            Acknowledgement(check: $0.check, subject: $0.subject, until: Date().addingTimeInterval(86_400), note: "expected <shift> & noted")
        }
        let acknowledged = try await MonitoringDashboard(store: traffic.store, settings: acknowledging, window: Self.window).page(now: Date())
        try await traffic.store.close()
        #expect(!acknowledging.acknowledged.isEmpty)
        #expect(Self.texts(of: "h1", in: acknowledged).first == "Lead scoring monitor ok")
        #expect(Self.count("acknowledged: expected &lt;shift&gt; &amp; noted", in: Self.section("findings", of: acknowledged))
            == acknowledging.acknowledged.count)
        #expect(Self.section("drift", of: acknowledged).contains("acknowledged: expected &lt;shift&gt; &amp; noted"))
        try Self.expectWellFormedXML(page)

        let file = try Self.write(page)
        let load = try HeadlessChromium.load(file)
        let dom = load.dom
        #expect(load.console.filter { $0.contains("Content Security Policy") }.isEmpty, "\(load.console)")
        #expect(Self.externalReferences(in: dom).isEmpty, "\(Self.externalReferences(in: dom))")

        #expect(Self.texts(of: "h1", in: dom).first == "Lead scoring monitor " + (report.worstSeverity?.rawValue ?? "ok"))
        #expect(Self.texts(of: "h2", in: dom) == ["Findings", "Service health", "Score distribution", "Tier mix", "Input drift",
                                                   "Data quality", "Delayed-label cohorts", "Models and rollout"])
        // A chart per panel: latency and refusals by day, one score chart per model, the tier mix; no
        // cohort has closed, so that panel says so instead of drawing empty axes.
        #expect(Self.count("<svg", in: Self.section("health", of: dom)) == 2)
        #expect(Self.count("<svg", in: Self.section("scores", of: dom)) == report.models.count && report.models.count == 1)
        #expect(Self.count("<svg", in: Self.section("tiers", of: dom)) == 1)
        let cohorts = Self.section("cohorts", of: dom)
        #expect(Self.count("<svg", in: cohorts) == 0 && cohorts.contains("No closed cohorts yet"))
        #expect(Self.count("<svg", in: dom) == 4)

        // LeadSource drifted: its row in the drift table carries the report's severity and figures.
        let model = try #require(report.models.first)
        let leadSource = try #require(model.fields.first { $0.field == "LeadSource" })
        let finding = try #require(report.findings.first { $0.key == "drift:LeadSource" })
        #expect(finding.severity >= .ticket, "\(finding.message)")
        let drift = Self.section("drift", of: dom)
        #expect(Self.texts(of: "h3", in: drift) == ["\(model.version) (production)"])
        let driftRow = try #require(Self.rows(in: drift).first { $0.cells.first == "LeadSource" })
        #expect(driftRow.rowClass == finding.severity.rawValue)
        #expect(driftRow.cells == ["LeadSource", ReportFormat.count(leadSource.rows), ReportFormat.fixed(leadSource.psi),
                                   ReportFormat.fixed(leadSource.jensenShannon), finding.severity.rawValue])
        #expect(Self.rows(in: drift).count == model.fields.count)
        // Refusals for Industry, every day.
        let refusals = try #require(Self.rows(in: Self.section("health", of: dom)).first { $0.cells.first == "Industry" })
        #expect(refusals.cells[1] == ReportFormat.count(report.service.validationFailuresByField["Industry"] ?? -1))
        #expect(dom.contains(ReportFormat.number(try #require(report.service.latencyP95Milliseconds), places: 1) + " ms"))

        // The tier chart has a bar for every day that had scores, named in its tooltips.
        let tiers = Self.section("tiers", of: dom)
        for day in traffic.daysWithScores {
            #expect(tiers.contains("<title>\(day) · Tier "), "no tier bar for \(day)")
        }
        // Rollout and history, with the config text escaped: the reason's markup is text, not elements.
        let rollout = Self.section("rollout", of: dom)
        #expect(rollout.contains(model.version) && rollout.contains("production"))
        #expect(rollout.contains("ana &lt;ops&gt;") && rollout.contains("after &lt;b&gt;review&lt;/b&gt; &amp; sign-off"))
        #expect(!dom.contains("<b>review"))

        let png = file.deletingPathExtension().appendingPathExtension("png")
        // 1280 × 1680: the findings, service health, scores and tiers, cut just above the tables of inputs.
        try HeadlessChromium.screenshot(file, to: png, width: 1280, height: 1680)
        let image = try Data(contentsOf: png)
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]) && image.count > 20_000, "\(image.count) bytes")
        print("Dashboard page: \(page.utf8.count) bytes of HTML, screenshot \(image.count) bytes")
        if let target = ProcessInfo.processInfo.environment["LEADSCORE_DASHBOARD_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.copyItem(at: png, to: URL(fileURLWithPath: target))
            print("Dashboard screenshot: \(target), \(image.count) bytes")
        }
    }

    @Test func closedCohortsGetALiftChartWithTheirNamesEscaped() async throws {
        let store = try await Self.emptyStore()
        let dashboard = MonitoringDashboard(store: store, settings: MonitoringSettings(), window: Self.window, cohorts: { _ in
            [CohortLift(cohort: "2025-W01", topDecileLift: 3.1), CohortLift(cohort: "W02 <late>", topDecileLift: 2.4)]
        })
        let page = try await dashboard.page(now: Date())
        try await store.close()
        try Self.expectWellFormedXML(page)
        let load = try HeadlessChromium.load(try Self.write(page))
        let cohorts = Self.section("cohorts", of: load.dom)
        #expect(Self.count("<svg", in: cohorts) == 1)
        #expect(cohorts.contains("W02 &lt;late&gt;") && cohorts.contains("3.1×") && cohorts.contains("2.4×"))
        #expect(!cohorts.contains("No closed cohorts yet"))
        #expect(!load.dom.contains("<late>"))
    }

    @Test func anEmptyStoreSaysSoInEveryPanel() async throws {
        let store = try await Self.emptyStore()
        let page = try await MonitoringDashboard(store: store, settings: MonitoringSettings()).page(now: Date())
        try await store.close()
        try Self.expectWellFormedXML(page)
        #expect(page.contains("No findings above info in this window."))
        #expect(page.contains("No scores in this window"))
        #expect(page.contains("No model is registered"))
        #expect(page.contains("No closed cohorts yet"))
        #expect(page.contains("<span class=\"sev ok\">ok</span>"))
    }

    /// Cohorts that cannot be read take their panel only: the rest of the page is still served.
    @Test func aFailingCohortSourceIsNamedInItsPanel() async throws {
        struct OutcomesUnreachable: Error, CustomStringConvertible {
            var description: String { "Salesforce answered 503 <maintenance>" }
        }
        let store = try await Self.emptyStore()
        let page = try await MonitoringDashboard(store: store, settings: MonitoringSettings(), cohorts: { _ in throw OutcomesUnreachable() })
            .page(now: Date())
        try await store.close()
        let cohorts = Self.section("cohorts", of: page)
        #expect(cohorts.contains("Cohorts could not be read") && cohorts.contains("Salesforce answered 503 &lt;maintenance&gt;"))
        #expect(Self.texts(of: "h2", in: page).count == 8)
    }

    /// The Content-Security-Policy check above can fail: the same page with an external image and an
    /// inline script is reported by Chromium, and the URL is found in the DOM.
    @Test func theNoExternalAssetCheckCatchesAnInjectedImageAndScript() async throws {
        let store = try await Self.emptyStore()
        let page = try await MonitoringDashboard(store: store, settings: MonitoringSettings()).page(now: Date())
        try await store.close()
        let tampered = page.replacingOccurrences(
            of: "</main>", with: "<img src=\"http://127.0.0.1:9/pixel.png\"/><script>document.title = 'x'</script></main>")
        let load = try HeadlessChromium.load(try Self.write(tampered))
        #expect(load.console.filter { $0.contains("Content Security Policy") }.count == 2, "\(load.console)")
        #expect(Self.externalReferences(in: load.dom) == ["http://127.0.0.1:9/pixel.png"])
    }

    // MARK: Fetching and reading the page

    /// The page as an admin gets it from a live server on loopback.
    static func fetchThroughTheRoute(_ traffic: WeekOfTraffic) async throws -> String {
        var logger = Logger(label: "dashboard-test")
        logger.logLevel = .critical
        let key = "dashboard-test-key-0123456789"
        let dashboard = MonitoringDashboard(store: traffic.store, settings: MonitoringSettings(), window: window)
        let server = await ScoringServer(config: {
            var config = ServiceConfig()
            config.port = 0
            (config.idleTimeoutSeconds, config.requestTimeoutSeconds, config.readyTimeoutSeconds) = (600, 120, 60)  // a busy test machine
            return config
        }(),
                                         store: traffic.store, models: .registry, staticAPIKey: key,
                                         tokenSecret: "a-token-secret-for-tests-that-is-long", logger: logger, dashboard: dashboard)
        let page = PageBox()
        try await server.application().test(.live) { client in
            let response = try await client.execute(uri: "/dashboard", method: .get, headers: [.authorization: "Bearer \(key)"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            await page.set(String(buffer: response.body))
        }
        return await page.text
    }

    actor PageBox {
        var text = ""
        func set(_ text: String) { self.text = text }
    }

    static func emptyStore() async throws -> any ServiceStore {
        try await StoreOpener.open(url: FileManager.default.temporaryDirectory
            .appendingPathComponent("leadscore-dashboard-\(UUID().uuidString.prefix(8)).sqlite").path)
    }

    static func write(_ page: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-dashboard-\(UUID().uuidString.prefix(8)).html")
        try Data(page.utf8).write(to: file)
        return file
    }
}
