import Foundation
import LeadscoreData
import Testing
@testable import LeadscoreMonitoring

/// `monitoring.gates:` in leadscore.yaml: defaults, every key, and mistakes named with their fix.
struct GateSettingsTests {
    @Test func defaultsWithoutTheSection() throws {
        let settings = try MonitoringSettingsLoader.parse("monitoring:\n  min_rows: 100\n")
        #expect(settings.gates == GateSettings())
        #expect(settings.gates.maxRejectedShare == 0.02 && settings.gates.prAUCTolerance == 0.01)
        #expect(settings.gates.latencyP95Milliseconds == nil)
        // The single-lead budget then follows the service's monitored latency threshold.
        var monitored = settings
        monitored.thresholds[.latencyP95Milliseconds] = Threshold(ticket: 120, page: 500)
        #expect(GateEvaluator(settings: monitored).singleLeadBudget == 120)
    }

    @Test func readsEveryKey() throws {
        let settings = try MonitoringSettingsLoader.parse("""
            monitoring:
              gates:
                max_rejected_share: 0.01
                max_unexpected_value_share: 0.1
                max_input_psi: 0.8
                max_null_rate_increase: 0.15
                pr_auc_tolerance: 0.02
                lift_tolerance: 0.25
                segment_min_leads: 500
                segment_auc_tolerance: 0.03
                latency_p95_ms: 80
                batch_latency_p95_ms: 1500
                latency_sample: 200
            """)
        var expected = GateSettings()
        expected.maxRejectedShare = 0.01
        expected.maxUnexpectedValueShare = 0.1
        expected.maxInputPSI = 0.8
        expected.maxNullRateIncrease = 0.15
        expected.prAUCTolerance = 0.02
        expected.liftTolerance = 0.25
        expected.segmentMinimumLeads = 500
        expected.segmentAUCTolerance = 0.03
        expected.latencyP95Milliseconds = 80
        expected.batchLatencyP95Milliseconds = 1_500
        expected.latencySampleLeads = 200
        #expect(settings.gates == expected)
        #expect(GateEvaluator(settings: settings).singleLeadBudget == 80)
    }

    @Test func mistakesAreNamedWithLineAndFix() throws {
        let text = """
            monitoring:
              gates:
                pr_auc_tolerence: 0.02
                max_rejected_share: 1.5
                latency_p95_ms: 0
            """
        let errors = try #require(throws: InputErrors.self) { try MonitoringSettingsLoader.parse(text) }.errors
        #expect(errors.count == 3)
        let typo = try #require(errors.first { $0.field == "monitoring.gates.pr_auc_tolerence" })
        #expect(typo.line != nil && typo.fix.contains("pr_auc_tolerance"))
        #expect(errors.contains { $0.field == "monitoring.gates.max_rejected_share" && $0.problem.contains("between 0.0 and 1.0") })
        #expect(errors.contains { $0.field == "monitoring.gates.latency_p95_ms" && $0.problem.contains("can never be met") })
    }
}
