import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import LeadscoreService

/// `GET /dashboard` over real HTTP on loopback: admin scope like the other admin routes, the page
/// served as uncacheable HTML under a policy that lets it load nothing, and the JSON error body when
/// the server has no dashboard or the dashboard cannot be built.
@Suite struct DashboardRouteTests {
    /// Answers with a page naming the moment it was asked for, and counts the calls.
    actor PageDashboard: DashboardProvider {
        private(set) var calls: [Date] = []

        func page(now: Date) async throws -> String {
            calls.append(now)
            return "<!DOCTYPE html><html><body><h1>dashboard at \(now.timeIntervalSince1970)</h1></body></html>"
        }
    }

    /// Fails as a dashboard whose store went away would.
    struct FailingDashboard: DashboardProvider {
        struct StoreGone: Error, CustomStringConvertible {
            var description: String { "the store is unreachable" }
        }

        func page(now: Date) async throws -> String { throw StoreGone() }
    }

    @Test func adminScopeGetsTheHTMLPageWithStrictHeaders() async throws {
        let dashboard = PageDashboard()
        try await withServer(dashboard: dashboard) { client, keys in
            let started = Date()
            let response = try await client.execute(uri: "/dashboard", method: .get, headers: bearer(keys.admin))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.cacheControl] == "no-store")
            let policy = try #require(response.headers[.contentSecurityPolicy])
            let directives = Set(policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(directives.isSuperset(of: ["default-src 'none'", "style-src 'unsafe-inline'", "img-src data:"]), "\(policy)")
            #expect(!policy.contains("script-src") && !policy.contains("http"), "\(policy)")
            #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
            #expect(response.headers[.init("X-Request-Id")!]?.isEmpty == false)

            let calls = await dashboard.calls
            #expect(calls.count == 1)
            let asked = try #require(calls.first)
            #expect(asked >= started.addingTimeInterval(-1) && asked <= Date().addingTimeInterval(1))
            #expect(String(buffer: response.body) == "<!DOCTYPE html><html><body><h1>dashboard at \(asked.timeIntervalSince1970)</h1></body></html>")
        }
    }

    @Test func refusesCallersWithoutTheAdminScope() async throws {
        let dashboard = PageDashboard()
        try await withServer(dashboard: dashboard) { client, keys in
            let anonymous = try await client.execute(uri: "/dashboard", method: .get)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            try expectErrorBody(anonymous, code: "unauthenticated")

            let wrongKey = try await client.execute(uri: "/dashboard", method: .get, headers: bearer(keys.admin.dropLast(3) + "xyz"))
            #expect(wrongKey.status == .unauthorized)

            let scorer = try await client.execute(uri: "/dashboard", method: .get, headers: bearer(keys.scorer))
            #expect(scorer.status == .forbidden)
            try expectErrorBody(scorer, code: "forbidden")
            #expect(scorer.headers[.contentType] == "application/json; charset=utf-8")
            #expect(await dashboard.calls.isEmpty, "a refused caller must not make the server read the audit log")

            // Only GET is routed (another method is 405 with Allow), and the scoring routes keep their own scope.
            let posted = try await client.execute(uri: "/dashboard", method: .post, headers: bearer(keys.admin))
            #expect(posted.status == .methodNotAllowed && posted.headers[.allow] == "GET")
            #expect(try await client.execute(uri: "/v1/models", method: .get, headers: bearer(keys.scorer)).status == .forbidden)
        }
    }

    @Test func withoutADashboardTheRouteIsANotFoundInTheErrorShape() async throws {
        try await withServer(dashboard: nil) { client, keys in
            let response = try await client.execute(uri: "/dashboard", method: .get, headers: bearer(keys.admin))
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let message = try expectErrorBody(response, code: "not_found")
            #expect(message.contains("leadscore serve") && message.contains("leadscore monitor"), "\(message)")
            // Still admin-only: an anonymous caller learns nothing about what the server runs.
            #expect(try await client.execute(uri: "/dashboard", method: .get).status == .unauthorized)
        }
    }

    @Test func aDashboardThatCannotBeBuiltIsA503NotA500() async throws {
        try await withServer(dashboard: FailingDashboard()) { client, keys in
            let response = try await client.execute(uri: "/dashboard", method: .get, headers: bearer(keys.admin))
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "5")
            let message = try expectErrorBody(response, code: "unavailable")
            #expect(message.contains("the store is unreachable"), "\(message)")
        }
    }

    // MARK: Helpers

    struct Keys: Sendable {
        let admin: String
        let scorer: String
    }

    /// A live server on loopback over an empty registry, with one admin key and one scoring key in its store.
    private func withServer(dashboard: (any DashboardProvider)?,
                            _ test: @escaping @Sendable (any TestClientProtocol, Keys) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-dashboard-\(UUID().uuidString.prefix(8)).sqlite")
        let store = try await StoreOpener.open(url: path.path)
        let admin = APIKeyMaker.make(client: "ops", scopes: [.admin])
        let scorer = APIKeyMaker.make(client: "flow", scopes: [.score])
        try await store.insertAPIKey(admin.stored)
        try await store.insertAPIKey(scorer.stored)
        var logger = Logger(label: "dashboard-route-test")
        logger.logLevel = .critical
        let server = await ScoringServer(config: TestServer.config(), store: store, models: .registry, staticAPIKey: nil,
                                         tokenSecret: TestServer.tokenSecret, logger: logger, dashboard: dashboard)
        do {
            try await server.application().test(.live) { client in try await test(client, Keys(admin: admin.key, scorer: scorer.key)) }
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
        try? FileManager.default.removeItem(at: path)
    }

    private func bearer(_ key: some StringProtocol) -> HTTPFields {
        [.authorization: "Bearer \(key)"]
    }

    /// Checks the one error shape, `{"error": {"code", "message", "details"}, "requestId"}`, and returns the message.
    @discardableResult
    private func expectErrorBody(_ response: TestResponse, code: String) throws -> String {
        let body = try TestServer.json(response)
        let error = try #require(body["error"] as? [String: Any], "\(String(buffer: response.body))")
        #expect(error["code"] as? String == code)
        #expect(error["details"] is [Any])
        #expect((body["requestId"] as? String)?.isEmpty == false)
        return try #require(error["message"] as? String)
    }
}
