import Foundation
import Testing
@testable import LeadscoreService

/// The Salesforce sync's checkpoint and outbox, on each store kind: what a run killed at any point
/// leaves behind must be read back exactly by the next run.
struct SyncStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000.125)

    @Test(arguments: StoreKind.available)
    func checkpointRoundTripsAndIsReplaced(kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(try await store.syncCheckpoint(name: "lead-sync") == nil)
            var checkpoint = SyncCheckpoint(name: "lead-sync", watermark: Self.t0, openRunId: "run-1",
                                            openRunStartedAt: Self.t0.addingTimeInterval(1))
            try await store.saveSyncCheckpoint(checkpoint)
            #expect(try await store.syncCheckpoint(name: "lead-sync") == checkpoint)
            checkpoint.openRunId = nil
            checkpoint.lastRunId = "run-1"
            checkpoint.consecutiveFailures = 2
            try await store.saveSyncCheckpoint(checkpoint)
            #expect(try await store.syncCheckpoint(name: "lead-sync") == checkpoint)
            #expect(try await store.syncCheckpoint(name: "other") == nil)
        }
    }

    @Test(arguments: StoreKind.available)
    func pendingWritesAreKeyedByLeadAndRemovedOnce(kind: StoreKind) async throws {
        try await kind.withStore { store in
            func write(_ lead: String, attempts: Int, at offset: Double) -> PendingWrite {
                PendingWrite(sync: "lead-sync", leadId: lead, runId: "run-1", fields: Data(#"{"AI_Score__c":71}"#.utf8),
                             event: Data("{}".utf8), attempts: attempts, updatedAt: Self.t0.addingTimeInterval(offset))
            }
            try await store.savePendingWrites([write("00Q2", attempts: 0, at: 2), write("00Q1", attempts: 0, at: 1)])
            try await store.savePendingWrites([write("00Q2", attempts: 1, at: 3)])
            #expect(try await store.pendingWrites(sync: "lead-sync") == [write("00Q1", attempts: 0, at: 1),
                                                                         write("00Q2", attempts: 1, at: 3)])
            #expect(try await store.pendingWrites(sync: "other").isEmpty)
            try await store.removePendingWrites(sync: "lead-sync", leadIds: ["00Q1", "missing"])
            #expect(try await store.pendingWrites(sync: "lead-sync").map(\.leadId) == ["00Q2"])
        }
    }
}
