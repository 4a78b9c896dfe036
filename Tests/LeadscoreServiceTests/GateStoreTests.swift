import Foundation
import Testing
@testable import LeadscoreService

/// Retraining gate reports and approvals on each store kind, and the registry refusing a version whose
/// stored gates failed until the promotion is forced with a reason.
struct GateStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000.25)

    @Test(arguments: StoreKind.available)
    func gateReportsRoundTripAndTheLatestEvaluationCounts(kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(try await store.gateReport(version: "trees-a") == nil)
            let failed = ModelGateRecord(version: "trees-a", report: #"{"passed":false,"gates":[]}"#, passed: false, at: Self.t0)
            try await store.saveGateReport(failed)
            #expect(try await store.gateReport(version: "trees-a") == failed)
            let passed = ModelGateRecord(version: "trees-a", report: #"{"passed":true}"#, passed: true, at: Self.t0.addingTimeInterval(60))
            try await store.saveGateReport(passed)
            #expect(try await store.gateReport(version: "trees-a") == passed)
            #expect(try await store.gateReport(version: "trees-b") == nil)
        }
    }

    @Test(arguments: StoreKind.available)
    func approvalsAreKeptInOrderPerVersion(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let first = try await store.insertApproval(ModelApproval(
                version: "trees-a", at: Self.t0, actor: "ana", action: .canary, reason: "canary it", gates: .passed,
                forced: false, eventId: 3))
            let second = try await store.insertApproval(ModelApproval(
                version: "trees-b", at: Self.t0.addingTimeInterval(5), actor: "bo", action: .promote,
                reason: "sales asked for it", gates: .failed, forced: true, eventId: nil))
            let third = try await store.insertApproval(ModelApproval(
                version: "trees-a", at: Self.t0.addingTimeInterval(9), actor: "ana", action: .promote, reason: "go",
                gates: .none, forced: false, eventId: 7))
            let ids = [first, second, third].compactMap(\.id)
            #expect(ids.count == 3 && ids == ids.sorted() && Set(ids).count == 3)
            #expect(try await store.approvals(version: nil) == [first, second, third])
            #expect(try await store.approvals(version: "trees-a") == [first, third])
            #expect(try await store.approvals(version: "trees-c").isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func promotionOfAFailedVersionNeedsForceAndAReason(kind: StoreKind) async throws {
        let fixture = try ServiceFixture.get()
        try await kind.withStore { store in
            let registry = ModelRegistry(store: store)
            try await registry.register(bundleAt: fixture.bundleA, actor: "ana", reason: "first")
            try await registry.register(bundleAt: fixture.bundleB, actor: "ana", reason: "retrain")
            try await store.saveGateReport(ModelGateRecord(version: fixture.versionB, report: "{}", passed: false, at: Self.t0))
            do {
                _ = try await registry.promote(fixture.versionB, canaryPercent: nil, actor: "bo", reason: "go")
                Issue.record("a version whose gates failed was promoted without --force")
            } catch let RegistryError.gatesFailed(message) {
                #expect(message.contains(fixture.versionB) && message.contains("--force"))
            }
            #expect(try await store.latestRegistryEvent()?.state.production == fixture.versionA)
            let event = try await registry.promote(fixture.versionB, canaryPercent: 25, actor: "bo", reason: "measured in shadow",
                                                   force: true, at: Self.t0).event
            #expect(event.action == .canary && event.state.canary == fixture.versionB)
            #expect(event.reason == ModelRegistry.forcedPrefix + "measured in shadow")
            let approval = try #require(try await store.approvals(version: fixture.versionB).first)
            #expect(approval.forced && approval.gates == .failed && approval.actor == "bo" && approval.eventId == event.id)
            // Version A has no gate report (registered by hand): promoted as before, approval says "none".
            _ = try await registry.promote(fixture.versionA, canaryPercent: nil, actor: "ana", reason: "end the canary")
            #expect(try await store.approvals(version: fixture.versionA).map(\.gates) == [ModelApproval.Gates.none])
        }
    }
}
