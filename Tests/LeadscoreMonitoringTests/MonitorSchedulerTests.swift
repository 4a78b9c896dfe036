import Foundation
import Logging
import Testing
@testable import LeadscoreMonitoring
@testable import LeadscoreService
import LeadscoreData

/// `monitoring.every` and the schedule `serve` keeps: a pass reads the window, keeps its report and
/// sends its alerts; a pass that fails (the store closed) is logged and the schedule survives it.
@Suite(.serialized) struct MonitorSchedulerTests {
    @Test func everyIsReadAndBounded() throws {
        let settings = try MonitoringSettingsLoader.parse("monitoring:\n  every: 30m\n")
        #expect(settings.every == .seconds(1_800))
        #expect(try MonitoringSettingsLoader.parse("monitoring:\n  window: 2d\n").every == nil)
        #expect(throws: InputErrors.self) { try MonitoringSettingsLoader.parse("monitoring:\n  every: 10s\n") }
        #expect(try MonitorWindow.parse("24h") == 86_400)
        #expect(throws: InputError.self) { try MonitorWindow.parse("30s") }
        #expect(throws: InputError.self) { try MonitorWindow.parse("a week") }
    }

    @Test func aScheduledPassReportsAndAlertsAndAFailedOneIsSurvived() async throws {
        let fixture = try MonitorEndToEndTests.shared.get()
        let store = try await MonitorEndToEndTests.serve(Array(fixture.after.prefix(400)), fixture: fixture)
        try await AlertReceiver.run { receiver in
            var settings = MonitoringSettings()
            settings.window = .seconds(3_600)
            settings.alerts.webhook = .environment("LEADSCORE_TEST_ALERT_WEBHOOK")
            settings.alerts.stateFile = "scheduler-state-\(UUID().uuidString.prefix(8)).json"
            var logger = Logger(label: "scheduler-test")
            logger.logLevel = .critical
            let dispatcher = try AlertDispatcher(settings: settings, logger: logger,
                                                 environment: ["LEADSCORE_TEST_ALERT_WEBHOOK": receiver.url])
            let scheduler = MonitorScheduler(store: store, settings: settings, interval: .seconds(3_600), dispatcher: dispatcher,
                                             directory: fixture.directory, logger: logger)
            await scheduler.passOnce()
            let report = try #require(await scheduler.lastReport)
            #expect(report.models.first?.scored == 400)
            #expect(receiver.messages.count == (report.worstSeverity.map { $0 >= .ticket } == true ? 1 : 0))

            try await store.close()
            await scheduler.passOnce()   // the store is gone: logged, not thrown; the last report stays
            #expect(await scheduler.lastReport == report)
        }
    }
}
