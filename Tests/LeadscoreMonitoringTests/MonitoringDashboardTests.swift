import Foundation
import Testing
@testable import LeadscoreMonitoring
@testable import LeadscoreService

/// The dashboard's cache: one render per period however many reloads arrive, and a request that gives
/// up (the server's timeout cancels it) neither waits for nor throws away the render it joined.
@Suite struct MonitoringDashboardTests {
    /// Holds a render inside its cohort source until opened, and counts the renders that reached it.
    actor Gate {
        private(set) var renders = 0
        private var open = false
        private var held: [CheckedContinuation<Void, Never>] = []

        func pass() async {
            renders += 1
            guard !open else { return }
            await withCheckedContinuation { held.append($0) }
        }

        func release() {
            open = true
            held.forEach { $0.resume() }
            held = []
        }

        var holding: Bool { !held.isEmpty }
    }

    /// What a request ended with, once it has.
    actor Outcome {
        private(set) var result: Result<String, any Error>?

        func set(_ result: Result<String, any Error>) { self.result = result }
    }

    /// Within the cache period a reload (or a storm of them) is served the rendered page, even after new
    /// rows arrived; after it, the page is rendered again and counts them.
    @Test func aRefreshStormIsServedOneRender() async throws {
        let store = try await DashboardTests.emptyStore()
        let gate = Gate()
        let dashboard = MonitoringDashboard(store: store, settings: MonitoringSettings(), window: 3_600, cacheSeconds: 30,
                                            cohorts: { _ in await gate.pass(); return nil })
        await gate.release()
        let now = Date()
        let first = try await dashboard.page(now: now)
        #expect(first.contains(": 0 rows."))
        try await store.append(audit: [AuditEvent(
            requestId: "r1", at: now.addingTimeInterval(-60), client: "flow", leadId: nil, inputHash: nil, modelVersion: nil,
            score: nil, tier: nil, reasonCodes: [], latencyMicroseconds: 5_000, outcome: .rejected,
            detail: "validation_failed Industry:not_allowed")], idempotency: [])
        let storm = try await withThrowingTaskGroup(of: String.self) { group in
            for second in 0..<16 { group.addTask { try await dashboard.page(now: now.addingTimeInterval(Double(second))) } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(storm.count == 16 && storm.allSatisfy { $0 == first })
        #expect(await gate.renders == 1)
        let later = try await dashboard.page(now: now.addingTimeInterval(31))
        try await store.close()
        #expect(later != first && later.contains(": 1 rows."))
        #expect(await gate.renders == 2)
    }

    @Test func aCancelledRequestStopsWaitingAndTheRenderIsKept() async throws {
        let store = try await DashboardTests.emptyStore()
        let gate = Gate()
        let dashboard = MonitoringDashboard(store: store, settings: MonitoringSettings(), window: 3_600,
                                            cohorts: { _ in await gate.pass(); return nil })
        let now = Date()
        let outcome = Outcome()
        let gaveUp = Task {
            do { await outcome.set(.success(try await dashboard.page(now: now))) } catch { await outcome.set(.failure(error)) }
        }
        let joined = Task { try await dashboard.page(now: now.addingTimeInterval(1)) }
        for _ in 0..<500 where await !gate.holding { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await gate.holding, "the render never reached its cohort source")

        gaveUp.cancel()
        // Bounded: a request that ignored its cancellation would wait here until the gate opens below.
        for _ in 0..<500 where await outcome.result == nil { try await Task.sleep(for: .milliseconds(10)) }
        let ended = await outcome.result
        // The render is still held at the gate, so only the cancellation can have ended this request.
        #expect(await gate.holding)
        await gate.release()
        switch ended {
        case .failure(let error): #expect(error is CancellationError, "\(error)")
        case .success: Issue.record("the cancelled request got a page although the render was still held")
        case nil: Issue.record("the cancelled request kept waiting for the render")
        }

        let page = try await joined.value
        #expect(try await dashboard.page(now: now.addingTimeInterval(2)) == page)
        #expect(await gate.renders == 1)
        try await store.close()
    }
}
