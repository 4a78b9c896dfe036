import Foundation
import Hummingbird
import HummingbirdTesting
import LeadscoreModels
import Testing
@testable import LeadscoreService

/// The registry driving a running server: promotions, canaries, shadows and rollbacks take effect
/// without a restart, canary arms are stable per lead, shadows are logged and never returned.
@Suite struct RolloutTests {
    private func modelVersion(_ client: some TestClientProtocol, _ fixture: ServiceFixture, lead index: Int) async throws -> String? {
        let response = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                                body: fixture.scoreBody(fixture.lead(index), explain: false))
        return try TestServer.json(response)["modelVersion"] as? String
    }

    /// Waits (bounded) until the server serves `version` to `lead`.
    private func waitForVersion(_ version: String, _ client: some TestClientProtocol, _ fixture: ServiceFixture, lead: Int) async throws {
        for _ in 0..<50 {
            if try await modelVersion(client, fixture, lead: lead) == version { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the server did not switch to \(version) within 5 s")
    }

    @Test func promotionCanaryShadowAndRollbackWithoutRestart() async throws {
        let fixture = try ServiceFixture.get()
        let store = try await fixture.newStore()
        let registry = ModelRegistry(store: store)
        try await registry.register(bundleAt: fixture.bundleA, actor: "ana", reason: "first")
        try await registry.register(bundleAt: fixture.bundleB, actor: "ana", reason: "retrain")
        let server = await TestServer.server(store: store, models: .registry)
        try await server.application().test(.live) { client in
            #expect(try await modelVersion(client, fixture, lead: 0) == fixture.versionA)

            _ = try await registry.promote(fixture.versionB, canaryPercent: 30, actor: "ana", reason: "canary")
            try await Task.sleep(for: .milliseconds(600))
            var arms: [String: Int] = [:]
            var firstPass: [String?] = []
            for index in 0..<120 {
                let version = try await modelVersion(client, fixture, lead: index)
                firstPass.append(version)
                arms[version ?? "none", default: 0] += 1
            }
            let canaryShare = Double(arms[fixture.versionB] ?? 0) / 120
            #expect(canaryShare > 0.15 && canaryShare < 0.45, "canary share \(canaryShare)")
            for index in [3, 17, 58, 99] {
                #expect(try await modelVersion(client, fixture, lead: index) == firstPass[index], "lead \(index) changed arm")
            }
            for index in 0..<120 {
                let expected = ServingSet.bucket(of: fixture.lead(index)["Id"]!) < 30 ? fixture.versionB : fixture.versionA
                #expect(firstPass[index] == expected)
            }

            _ = try await registry.rollback(actor: "ana", reason: "canary looks worse")
            try await waitForVersion(fixture.versionA, client, fixture, lead: firstPass.firstIndex(of: fixture.versionB)!)

            _ = try await registry.shadow(fixture.versionB, actor: "ana", reason: "watch it")
            try await Task.sleep(for: .milliseconds(600))
            let lead = fixture.lead(200)
            #expect(try await modelVersion(client, fixture, lead: 200) == fixture.versionA)
            let audit = try await store.auditEvents(leadId: lead["Id"], limit: 1).first
            #expect(audit?.modelVersion == fixture.versionA)
            #expect(audit?.shadowVersion == fixture.versionB)
            #expect(audit?.shadowScore != nil)

            _ = try await registry.promote(fixture.versionB, canaryPercent: nil, actor: "ana", reason: "go")
            try await waitForVersion(fixture.versionB, client, fixture, lead: 201)
            _ = try await registry.rollback(actor: "ana", reason: "back")
            try await waitForVersion(fixture.versionA, client, fixture, lead: 202)
        }
        let history = try await store.registryEvents()
        #expect(history.map(\.action) == [.register, .register, .canary, .rollback, .shadow, .promote, .rollback])
        #expect(history.allSatisfy { $0.actor == "ana" && !$0.reason.isEmpty })
        let beforeCanary = try await registry.state(at: history[1].at)
        #expect(beforeCanary?.production == fixture.versionA)
    }

    @Test func aChangedBundleIsRefusedAndTheOldModelsKeepServing() async throws {
        let fixture = try ServiceFixture.get()
        let store = try await fixture.newStore()
        let copy = fixture.directory.appendingPathComponent("bundle-copy-\(UUID().uuidString.prefix(6))")
        try FileManager.default.copyItem(at: fixture.bundleB, to: copy)
        let registry = ModelRegistry(store: store)
        try await registry.register(bundleAt: fixture.bundleA, actor: "ana", reason: "first")
        try await registry.register(bundleAt: copy, actor: "ana", reason: "second")
        let manifest = copy.appendingPathComponent("manifest.json")
        try Data(try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "\"", with: "\" ").utf8).write(to: manifest)
        let server = await TestServer.server(store: store, models: .registry)
        try await server.application().test(.live) { client in
            _ = try await registry.promote(fixture.versionB, canaryPercent: nil, actor: "ana", reason: "go")
            try await Task.sleep(for: .milliseconds(800))
            #expect(try await modelVersion(client, fixture, lead: 0) == fixture.versionA)
        }
    }

    @Test func adminEndpointsChangeTheRolloutAndNeedTheAdminScope() async throws {
        let fixture = try ServiceFixture.get()
        let store = try await fixture.newStore()
        let registry = ModelRegistry(store: store)
        try await registry.register(bundleAt: fixture.bundleA, actor: "ana", reason: "first")
        try await registry.register(bundleAt: fixture.bundleB, actor: "ana", reason: "second")
        let scorer = APIKeyMaker.make(client: "flow", scopes: [.score])
        try await store.insertAPIKey(scorer.stored)
        let server = await TestServer.server(store: store, models: .registry)
        try await server.application().test(.live) { client in
            let body = ByteBuffer(string: #"{"reason": "promote via API"}"#)
            let forbidden = try await client.execute(uri: "/v1/models/\(fixture.versionB)/promote", method: .post,
                                                     headers: TestServer.bearer(scorer.key), body: body)
            #expect(forbidden.status == .forbidden)
            let promoted = try await client.execute(uri: "/v1/models/\(fixture.versionB)/promote", method: .post,
                                                    headers: TestServer.bearer(TestServer.staticKey), body: body)
            #expect(promoted.status == .ok)
            #expect(try TestServer.json(promoted)["production"] as? String == fixture.versionB)
            #expect(try TestServer.json(promoted)["changed"] as? Bool == true)
            // Promoting production again changes nothing, is said to, and adds nothing to the history.
            let events = try await store.registryEvents().count
            let again = try await client.execute(uri: "/v1/models/\(fixture.versionB)/promote", method: .post,
                                                 headers: TestServer.bearer(TestServer.staticKey), body: body)
            #expect(again.status == .ok)
            #expect(try TestServer.json(again)["changed"] as? Bool == false)
            #expect(try await store.registryEvents().count == events)
            #expect(try await store.approvals(version: fixture.versionB).count == 1, "a no-op is no approval")
            for reason in ["go\u{1B}[31m", "line one\nline two", "\u{7}"] {
                let body = try JSONSerialization.data(withJSONObject: ["reason": reason])
                let refused = try await client.execute(uri: "/v1/models/\(fixture.versionA)/shadow", method: .post,
                                                       headers: TestServer.bearer(TestServer.staticKey), body: ByteBuffer(bytes: body))
                #expect(refused.status == .conflict, "reason \(reason.debugDescription)")
            }
            #expect(try await store.registryEvents().count == events)
            let unknown = try await client.execute(uri: "/v1/models/nope/promote", method: .post,
                                                   headers: TestServer.bearer(TestServer.staticKey), body: body)
            #expect(unknown.status == .conflict)
            try await waitForVersion(fixture.versionB, client, fixture, lead: 9)
        }
        #expect(try await store.latestRegistryEvent()?.actor == "default")
    }
}
