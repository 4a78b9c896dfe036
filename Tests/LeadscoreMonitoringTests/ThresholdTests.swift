import Foundation
import LeadscoreMonitoring
import Testing

@Suite("Thresholds") struct ThresholdTests {
    @Test func higherIsWorseReachesEachLevelAtItsValue() {
        let psi = Threshold(ticket: 0.1, page: 0.25)
        #expect(psi.severity(for: 0) == .info)
        #expect(psi.severity(for: 0.099) == .info)
        #expect(psi.severity(for: 0.1) == .ticket)
        #expect(psi.severity(for: 0.2499) == .ticket)
        #expect(psi.severity(for: 0.25) == .page)
        #expect(psi.severity(for: 3) == .page)
        #expect(psi.severity(for: .nan) == .info)
        #expect(psi.level(for: 0.05) == 0.1 && psi.level(for: 0.2) == 0.1 && psi.level(for: 0.3) == 0.25)
    }

    /// Coverage: meeting the target is fine, falling below it files a ticket, far below pages.
    @Test func coverageIsWorseWhenLower() {
        let coverage = ThresholdName.coverage.defaultThreshold
        #expect(coverage.direction == .lowerIsWorse)
        #expect(coverage.severity(for: 1) == .info)
        #expect(coverage.severity(for: 0.98) == .info)
        #expect(coverage.severity(for: 0.979) == .ticket)
        #expect(coverage.severity(for: 0.90) == .ticket)
        #expect(coverage.severity(for: 0.899) == .page)
        #expect(coverage.severity(for: 0) == .page)
        #expect(coverage.level(for: 0.95) == 0.98 && coverage.level(for: 0.5) == 0.90)
        #expect(coverage.isOrdered && !Threshold(ticket: 0.9, page: 0.98, direction: .lowerIsWorse).isOrdered)
        #expect(!Threshold(ticket: 0.25, page: 0.1).isOrdered && Threshold(ticket: 0.2, page: 0.2).isOrdered)
    }

    @Test func equalLevelsPageAtOnce() {
        let threshold = Threshold(ticket: 0.2, page: 0.2)
        #expect(threshold.severity(for: 0.19) == .info && threshold.severity(for: 0.2) == .page)
    }

    /// Below `min_rows` a distribution figure is noise, so it is at most info; service health is not capped.
    @Test func fewRowsCapDriftAndQualityAtInfo() {
        var settings = MonitoringSettings()
        settings.minRows = 200
        #expect(settings.severity(.driftPSI, value: 0.4, rows: 199) == .info)
        #expect(settings.severity(.driftPSI, value: 0.4, rows: 200) == .page)
        #expect(settings.severity(.driftPSI, value: 0.4) == .page)
        #expect(settings.severity(.unseenValues, value: 0.5, rows: 10) == .info)
        #expect(settings.severity(.errorRate, value: 0.5, rows: 10) == .page)
        #expect(settings.severity(.coverage, value: 0.95, rows: 10) == .ticket)
        #expect(settings.severity(.latencyP95Milliseconds, value: 300) == .ticket)
    }

    @Test func findingCarriesTheLevelItWasComparedWith() {
        var settings = MonitoringSettings()
        settings.thresholds[.driftJS] = Threshold(ticket: 0.02, page: 0.08)
        let finding = settings.finding(.driftJS, check: "drift", subject: "LeadSource", value: 0.05, rows: 1_000,
                                       message: "LeadSource moved")
        #expect(finding == MonitorFinding(check: "drift", subject: "LeadSource", value: 0.05, threshold: 0.02,
                                          severity: .ticket, message: "LeadSource moved"))
        #expect(finding.key == "drift:LeadSource")
    }

    @Test func everyDefaultIsOrdered() {
        for name in ThresholdName.allCases {
            #expect(name.defaultThreshold.isOrdered, "\(name.rawValue)")
            #expect(MonitoringSettings().thresholds[name] == name.defaultThreshold)
        }
    }
}
