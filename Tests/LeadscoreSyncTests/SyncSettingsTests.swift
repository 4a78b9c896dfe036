import Foundation
import LeadscoreData
import LeadscoreSync
import Testing

@Suite("Sync settings") struct SyncSettingsTests {
    @Test func readsEveryKey() throws {
        let settings = try SyncSettingsLoader.parse("""
            sync:
              mode: route
              intake_owners: [00G000000000001]
              route_owners: {SDR_Hot_Queue: 00G000000000002, Partner_Queue: 005000000000003}
              max_attempts: 3
              bulk_threshold: 100
            """)
        #expect(settings.mode == .route)
        #expect(settings.intakeOwners == ["00G000000000001"])
        #expect(settings.routeOwners == ["SDR_Hot_Queue": "00G000000000002", "Partner_Queue": "005000000000003"])
        #expect(settings.maxAttempts == 3 && settings.bulkThreshold == 100)
    }

    @Test func noSectionMeansShadow() throws {
        #expect(try SyncSettingsLoader.parse("champion_metric: pr_auc\n").mode == .shadow)
    }

    @Test func everyMistakeAtOnceWithItsLine() {
        let error = #expect(throws: InputErrors.self) {
            try SyncSettingsLoader.parse("""
                sync:
                  mode: write
                  intake_owners: [not-an-id]
                  route_owners: {A: 001000000000001AAA}
                  bulk_threshold: 0
                """)
        }
        let fields = error?.errors.compactMap(\.field) ?? []
        #expect(fields.contains("sync.mode"))
        #expect(fields.contains("sync.intake_owners"))
        #expect(fields.contains("sync.route_owners.A"))
        #expect(fields.contains("sync.bulk_threshold"))
        #expect(error?.errors.first { $0.field == "sync.mode" }?.line == 2)
    }

    @Test func readsFollowUpsHotLeadsBreakerAndSchedule() throws {
        let settings = try SyncSettingsLoader.parse("""
            sync:
              mode: route
              intake_owners: [00G000000000001]
              every: 15m
              timezone: America/New_York
              follow_up:
                due: {A: 15m, B: 4h, C: 2d}
                queue_task_owners: {00G000000000002: 005000000000009}
              hot_lead: {tiers: [A, B], platform_event: false, webhook_url_file: /run/secrets/hook}
              circuit_breaker: {failures: 5, cooldown: 90s}
            """)
        #expect(settings.every == .seconds(900))
        #expect(settings.timeZone.identifier == "America/New_York")
        #expect(settings.followUp.due == ["A": .seconds(900), "B": .seconds(14_400), "C": .seconds(172_800)])
        #expect(settings.followUp.queueTaskOwners == ["00G000000000002": "005000000000009"])
        #expect(settings.hotLead.tiers == ["A", "B"] && !settings.hotLead.platformEvent)
        #expect(settings.hotLead.webhook == .file("/run/secrets/hook"))
        #expect(settings.circuitBreaker.failures == 5 && settings.circuitBreaker.cooldown == .seconds(90))
        let defaults = try SyncSettingsLoader.parse("sync: {mode: recommend}\n")
        #expect(defaults.hotLead.tiers == nil && defaults.hotLead.platformEvent && defaults.hotLead.webhook == nil)
        #expect(defaults.every == nil && defaults.timeZone.secondsFromGMT() == 0)
    }

    @Test func followUpMistakesNameTheKeyAndTheFix() {
        let error = #expect(throws: InputErrors.self) {
            try SyncSettingsLoader.parse("""
                sync:
                  every: 10 minutes
                  timezone: Mars/Olympus
                  follow_up:
                    due: {A: 0m}
                    queue_task_owners: {00G000000000002: 00G000000000003}
                  hot_lead: {webhook_url_env: HOOK, webhook_url_file: /tmp/hook}
                  circuit_breaker: {cooldown: 3d}
                """)
        }
        let errors = error?.errors ?? []
        let fields = Set(errors.compactMap(\.field))
        #expect(fields == ["sync.every", "sync.timezone", "sync.follow_up.due.A", "sync.follow_up.queue_task_owners.00G000000000002",
                           "sync.hot_lead.webhook_url_file", "sync.circuit_breaker.cooldown"])
        #expect(errors.first { $0.field == "sync.follow_up.queue_task_owners.00G000000000002" }?.problem.contains("queue") == true)
        #expect(errors.first { $0.field == "sync.every" }?.line == 2)
    }
}
