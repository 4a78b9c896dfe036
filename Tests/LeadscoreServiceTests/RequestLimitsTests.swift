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
    private func application(maxConcurrent: Int, timeout: Duration) -> some ApplicationProtocol {
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
        try await application(maxConcurrent: 1, timeout: .seconds(5)).test(.live) { client in
            async let slow = client.execute(uri: "/slow", method: .get)
            // A second connection: the test client's one connection would queue the request behind the first.
            // Probed until the slow request holds the one slot (a loaded machine may start it late), never
            // past its 2 s: the cap must refuse while it runs.
            let port = try #require(client.port)
            var status: Int?
            for _ in 0..<15 where status != 503 {
                try await Task.sleep(for: .milliseconds(100))
                let (_, answer) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/fast")!)
                status = (answer as? HTTPURLResponse)?.statusCode
            }
            #expect(status == 503)
            #expect(try await slow.status == .ok)
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
