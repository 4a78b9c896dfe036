import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import LeadscoreService

/// The request middleware's caps: concurrent requests beyond the limit and requests running past the
/// timeout get a JSON 503 with Retry-After, and every response carries the request id.
@Suite struct RequestLimitsTests {
    /// Holds `/held` requests until the test releases them, so a request occupies the one slot for exactly
    /// as long as the test needs, however slowly a loaded machine runs the test.
    actor Gate {
        private var isOpen = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func pass() async {
            guard !isOpen else { return }
            await withCheckedContinuation { waiting.append($0) }
        }

        /// Requests inside the handler, so holding the slot.
        var held: Int { waiting.count }

        func open() {
            isOpen = true
            waiting.forEach { $0.resume() }
            waiting = []
        }
    }

    private func application(maxConcurrent: Int, timeout: Duration, gate: Gate = Gate()) -> some ApplicationProtocol {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let router = Router(context: ServiceContext.self)
        router.middlewares.add(RequestMiddleware(metrics: ServiceMetrics(), maxConcurrent: maxConcurrent, timeout: timeout,
                                                 logger: logger))
        router.get("slow") { _, _ in
            try await Task.sleep(for: .seconds(2))
            return "done"
        }
        router.get("fast") { _, _ in "fast" }
        router.get("held") { _, _ in
            await gate.pass()
            return "done"
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
    }

    @Test func requestsPastTheTimeoutGet503() async throws {
        try await application(maxConcurrent: 10, timeout: .milliseconds(200)).test(.live) { client in
            let response = try await client.execute(uri: "/slow", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] != nil)
            let body = try TestServer.json(response)
            #expect((body["error"] as? [String: Any])?["code"] as? String == "unavailable")
            #expect(body["requestId"] as? String == response.headers[.init("X-Request-Id")!])
            #expect(try await client.execute(uri: "/fast", method: .get).status == .ok)
        }
    }

    @Test func requestsBeyondTheConcurrencyCapGet503() async throws {
        let gate = Gate()
        try await application(maxConcurrent: 1, timeout: .seconds(600), gate: gate).test(.live) { client in
            async let held = client.execute(uri: "/held", method: .get)
            // Once the held request is inside its handler it occupies the one slot (probing earlier could
            // take the slot from it). A second connection: the test client's one connection would queue the
            // probe behind the first request.
            let deadline = ContinuousClock.now.advanced(by: .seconds(60))
            while await gate.held == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            let port = try #require(client.port)
            let (_, answer) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/fast")!)
            #expect((answer as? HTTPURLResponse)?.statusCode == 503)
            await gate.open()
            #expect(try await held.status == .ok)
            #expect(try await client.execute(uri: "/fast", method: .get).status == .ok)
        }
    }

    @Test func callerRequestIdIsKeptWhenPlainElseReplaced() async throws {
        try await application(maxConcurrent: 10, timeout: .seconds(5)).test(.live) { client in
            let kept = try await client.execute(uri: "/fast", method: .get, headers: [.init("X-Request-Id")!: "flow-123_abc"])
            #expect(kept.headers[.init("X-Request-Id")!] == "flow-123_abc")
            let replaced = try await client.execute(uri: "/fast", method: .get, headers: [.init("X-Request-Id")!: "bad id\u{7}"])
            #expect(replaced.headers[.init("X-Request-Id")!]?.count == 36)
        }
    }
}
