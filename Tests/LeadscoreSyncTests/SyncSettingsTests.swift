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
}
