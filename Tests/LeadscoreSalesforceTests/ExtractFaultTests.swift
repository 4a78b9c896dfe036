import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import LeadscoreSalesforce
import Testing

/// An org that fails one call in ten (503s, request-limit refusals, dropped connections, slow answers,
/// sessions that expire) must still yield the snapshot a healthy org yields, through REST and through
/// Bulk API 2.0, and the client must say how many retries that took.
@Suite("Extract under faults") struct ExtractFaultTests {
    static let leads = 50_000

    static var faults: FaultPlan {
        var plan = FaultPlan()
        plan.seed = 2026
        plan.serverUnavailableRate = 0.04
        plan.requestLimitExceededRate = 0.02
        plan.droppedConnectionRate = 0.02
        plan.slowRate = 0.02
        plan.slowDelaySeconds = 0.05
        plan.sessionExpiresAfterCalls = 40
        return plan
    }

    @Test func faultyOrgGivesTheFaultFreeSnapshot() async throws {
        let work = try Workspace()
        let orgDirectory = work.root.appendingPathComponent("org")
        _ = try SampleOrgGenerator(leads: Self.leads, seed: 5).write(to: orgDirectory)
        let contract = try work.contract(from: orgDirectory)

        let clock = ContinuousClock()
        var started = clock.now
        let healthy = try await DevOrgHarness.serve(orgDirectory, faults: .none) { org in
            try await org.withClient { try await work.extractSnapshot("healthy", contract: contract, client: $0) }
        }
        print("healthy extract and snapshot (org loaded into SQLite first): \(clock.now - started)")
        started = clock.now
        let (restRetries, bulkRetries, injected) = try await DevOrgHarness.serve(orgDirectory, faults: Self.faults) { org in
            let rest = try await org.withClient(restMaxRows: 10_000_000) { client in
                (try await work.extractSnapshot("faulty-rest", contract: contract, client: client), await client.usage())
            }
            let bulk = try await org.withClient(restMaxRows: 1, bulkPageRecords: 2_000) { client in
                (try await work.extractSnapshot("faulty-bulk", contract: contract, client: client), await client.usage())
            }
            #expect(rest.0.outcome.rows.method == .rest && bulk.0.outcome.rows.method == .bulk)
            for extracted in [rest.0, bulk.0] {
                #expect(extracted.manifest.counts == healthy.manifest.counts)
                #expect(try work.rows(of: extracted.name) == work.rows(of: "healthy"))
            }
            return (rest.1.retries + rest.1.reauthentications, bulk.1.retries + bulk.1.reauthentications,
                    await org.server.faults.statistics().serialized)
        }
        print("two faulty extracts and snapshots: \(clock.now - started)")
        print("extract of \(Self.leads) leads under faults: REST \(restRetries) retries/re-logins, "
            + "Bulk \(bulkRetries); injected \(injected)")
        #expect(healthy.outcome.rows.rows == Self.leads)
        #expect(restRetries > 0 && bulkRetries > 0)
    }
}
