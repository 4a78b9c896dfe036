import Foundation
import LeadscoreData
import LeadscoreModels
import LeadscoreMonitoring
import Testing

@Suite("Monitoring settings") struct MonitoringSettingsTests {
    static let full = """
        champion_metric: pr_auc
        monitoring:
          window: 14d
          min_rows: 500
          thresholds:
            drift_psi: {ticket: 0.15, page: 0.3}
            drift_js: {ticket: 0.04, page: 0.12}
            null_rate_increase: {ticket: 0.1, page: 0.3}
            unseen_values: {ticket: 0.02, page: 0.1}
            out_of_range: {ticket: 0.02, page: 0.08}
            score_psi: {ticket: 0.2, page: 0.4}
            tier_mix_change: {ticket: 0.05, page: 0.15}
            error_rate: {ticket: 0.005, page: 0.02}
            latency_p95_ms: {ticket: 150, page: 600}
            validation_failures: {ticket: 0.01, page: 0.05}
            coverage: {ticket: 0.99, page: 0.95}
          coverage_minutes: 30
          alerts:
            webhook_url_file: /run/secrets/alert-hook
            webhook_min_severity: page
            cooldown: 12h
            state_file: /var/lib/leadscore/monitor-state.json
          acknowledged:
            - {check: drift, subject: LeadSource, until: 2026-12-31, note: "new webinar campaign"}
            - check: null_rate
              subject: Industry
              until: 2026-07-01T12:00:00Z
              note: web form field made optional
        """

    @Test func noSectionMeansDefaults() throws {
        let settings = try MonitoringSettingsLoader.parse("champion_metric: pr_auc\n")
        #expect(settings == MonitoringSettings())
        #expect(settings.window == .seconds(7 * 86_400) && settings.minRows == 200 && settings.coverageMinutes == 15)
        #expect(settings.thresholds[.driftPSI] == Threshold(ticket: 0.1, page: 0.25))
        #expect(settings.thresholds[.coverage] == Threshold(ticket: 0.98, page: 0.90, direction: .lowerIsWorse))
        #expect(settings.alerts.webhook == nil && settings.alerts.minimumSeverity == .ticket)
        #expect(settings.alerts.cooldown == .seconds(6 * 3_600) && settings.alerts.stateFile == "var/monitor-state.json")
        #expect(settings.acknowledged.isEmpty)
        #expect(try MonitoringSettingsLoader.parse("monitoring: {}\n") == MonitoringSettings())
    }

    @Test func readsEveryKey() throws {
        let settings = try MonitoringSettingsLoader.parse(Self.full, source: "prod.yaml")
        #expect(settings.source == "prod.yaml")
        #expect(settings.window == .seconds(14 * 86_400) && settings.minRows == 500 && settings.coverageMinutes == 30)
        let expected: [ThresholdName: (Double, Double)] = [
            .driftPSI: (0.15, 0.3), .driftJS: (0.04, 0.12), .nullRateIncrease: (0.1, 0.3), .unseenValues: (0.02, 0.1),
            .outOfRange: (0.02, 0.08), .scorePSI: (0.2, 0.4), .tierMixChange: (0.05, 0.15), .errorRate: (0.005, 0.02),
            .latencyP95Milliseconds: (150, 600), .validationFailures: (0.01, 0.05), .coverage: (0.99, 0.95),
        ]
        #expect(expected.count == ThresholdName.allCases.count)
        for (name, levels) in expected {
            #expect(settings.thresholds[name] == Threshold(ticket: levels.0, page: levels.1, direction: name.direction), "\(name)")
        }
        #expect(settings.alerts.webhook == .file("/run/secrets/alert-hook"))
        #expect(settings.alerts.minimumSeverity == .page && settings.alerts.cooldown == .seconds(12 * 3_600))
        #expect(settings.alerts.stateFile == "/var/lib/leadscore/monitor-state.json")
        let endOfDay = try #require(SalesforceDate.parse("2027-01-01T00:00:00Z"))
        let noon = try #require(SalesforceDate.parse("2026-07-01T12:00:00Z"))
        #expect(settings.acknowledged == [
            Acknowledgement(check: "drift", subject: "LeadSource", until: Date(timeIntervalSince1970: endOfDay),
                            note: "new webinar campaign"),
            Acknowledgement(check: "null_rate", subject: "Industry", until: Date(timeIntervalSince1970: noon),
                            note: "web form field made optional"),
        ])
    }

    /// The training config reads the same file: it must skip the section, not refuse it.
    @Test func theTrainingConfigSkipsTheSection() throws {
        #expect(throws: Never.self) { try TrainingConfigLoader.parse(Self.full) }
    }

    @Test func aLevelLeftOutKeepsItsDefault() throws {
        let settings = try MonitoringSettingsLoader.parse("monitoring:\n  thresholds:\n    error_rate: {page: 0.5}\n")
        #expect(settings.thresholds[.errorRate] == Threshold(ticket: 0.01, page: 0.5))
        let env = try MonitoringSettingsLoader.parse("monitoring:\n  alerts: {webhook_url_env: LEADSCORE_ALERT_WEBHOOK}\n")
        #expect(env.alerts.webhook == .environment("LEADSCORE_ALERT_WEBHOOK"))
    }

    @Test func everyMistakeAtOnceWithLineAndFix() {
        let error = #expect(throws: InputErrors.self) {
            try MonitoringSettingsLoader.parse("""
                monitoring:
                  window: a week
                  min_rows: -1
                  thresholds:
                    drift_psi: {ticket: 0.25, page: 0.1}
                    coverage: {ticket: 0.9, page: 0.98}
                    error_rate: 0.05
                    latency_p95_ms: {ticket: 0, page: 1000}
                    drfit_js: {ticket: 0.05, page: 0.1}
                  coverage_minutes: 0
                  alerts:
                    webhook_url_env: HOOK
                    webhook_url_file: /tmp/hook
                    webhook_min_severity: urgent
                    cooldown: 0m
                  acknowledged:
                    - {check: drift, subject: LeadSource, until: 2026-12-31}
                    - {check: Drift!, subject: Industry, until: next week, note: "  "}
                """)
        }
        let errors = error?.errors ?? []
        func problem(_ field: String) -> InputError? { errors.first { $0.field == field } }
        #expect(problem("monitoring.window")?.line == 2)
        #expect(problem("monitoring.window")?.fix.contains("7d") == true)
        #expect(problem("monitoring.min_rows")?.line == 3)
        let psi = problem("monitoring.thresholds.drift_psi")
        #expect(psi?.line == 5 && psi?.problem.contains("page (0.1) is below ticket (0.25)") == true)
        #expect(psi?.fix.contains("{ticket: 0.1, page: 0.25}") == true)
        let coverage = problem("monitoring.thresholds.coverage")
        #expect(coverage?.line == 6 && coverage?.problem.contains("worse when lower") == true)
        #expect(problem("monitoring.thresholds.error_rate")?.fix.contains("{ticket: 0.01, page: 0.05}") == true)
        #expect(problem("monitoring.thresholds.latency_p95_ms.ticket")?.line == 8)
        let typo = problem("monitoring.thresholds.drfit_js")
        #expect(typo?.line == 9 && typo?.problem.contains("unknown key") == true && typo?.fix.contains("drift_js") == true)
        #expect(problem("monitoring.coverage_minutes")?.line == 10)
        #expect(problem("monitoring.alerts.webhook_url_file")?.problem.contains("together") == true)
        #expect(problem("monitoring.alerts.webhook_min_severity")?.fix.contains("info, ticket, page") == true)
        #expect(problem("monitoring.alerts.cooldown")?.line == 15)
        let note = problem("monitoring.acknowledged[0].note")
        #expect(note?.line == 17 && note?.fix.contains("why") == true)
        #expect(problem("monitoring.acknowledged[1].check") != nil)
        #expect(problem("monitoring.acknowledged[1].until")?.fix.contains("2026-12-31") == true)
        #expect(problem("monitoring.acknowledged[1].note")?.problem == "is blank")
        #expect(errors.allSatisfy { $0.source == "leadscore.yaml" && !$0.fix.isEmpty })
    }

    @Test func unknownKeysAreRefused() {
        let error = #expect(throws: InputErrors.self) {
            try MonitoringSettingsLoader.parse("""
                monitoring:
                  windows: 7d
                  alerts: {webhook_url: https://hooks.example.com/x}
                  acknowledged:
                    - {check: drift, subject: LeadSource, until: 2026-12-31, note: why, by: ana}
                """)
        }
        let fields = Set(error?.errors.compactMap(\.field) ?? [])
        #expect(fields == ["monitoring.windows", "monitoring.alerts.webhook_url", "monitoring.acknowledged[0].by"])
        #expect(error?.errors.first { $0.field == "monitoring.windows" }?.fix.contains("'window'") == true)
        #expect(error?.description.contains("hooks.example.com") == false, "an unknown key's value is echoed")
    }

    @Test func acknowledgementsSilenceUntilTheirDateAndThenAreListedAsExpired() throws {
        let settings = try MonitoringSettingsLoader.parse(Self.full)
        let drift = MonitorFinding(check: "drift", subject: "LeadSource", value: 0.3, threshold: 0.25, severity: .page, message: "m")
        let other = MonitorFinding(check: "drift", subject: "Industry", value: 0.3, threshold: 0.25, severity: .page, message: "m")
        let lastDay = Date(timeIntervalSince1970: try #require(SalesforceDate.parse("2026-12-31T23:59:59Z")))
        #expect(settings.acknowledgement(for: drift, at: lastDay)?.note == "new webinar campaign")
        #expect(settings.acknowledgement(for: other, at: lastDay) == nil)
        #expect(settings.expiredAcknowledgements(at: lastDay).map(\.key) == ["null_rate:Industry"])
        let after = lastDay.addingTimeInterval(1)
        #expect(settings.acknowledgement(for: drift, at: after) == nil)
        #expect(settings.expiredAcknowledgements(at: after).map(\.key) == ["drift:LeadSource", "null_rate:Industry"])
    }

    @Test func loadsFromAFileAndNamesIt() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("monitoring-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("monitoring:\n  min_rows: many\n".utf8).write(to: url)
        let error = #expect(throws: InputErrors.self) { try MonitoringSettingsLoader.load(from: url) }
        #expect(error?.errors.first?.source == url.lastPathComponent && error?.errors.first?.line == 2)
        #expect(throws: InputError.self) { try MonitoringSettingsLoader.load(from: url.appendingPathExtension("missing")) }
    }
}
