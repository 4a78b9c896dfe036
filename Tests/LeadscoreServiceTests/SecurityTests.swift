import Foundation
import Hummingbird
import HummingbirdTesting
import LeadscoreModels
import NIOCore
import Testing
@testable import LeadscoreService

/// API keys, scopes, OAuth client credentials and rate limits over HTTP.
@Suite struct SecurityTests {
    @Test func keysAndScopes() async throws {
        try await TestServer.withBundleServer { client, fixture, store in
            let scorer = APIKeyMaker.make(client: "flow", scopes: [.score])
            let admin = APIKeyMaker.make(client: "ops", scopes: [.admin])
            try await store.insertAPIKey(scorer.stored)
            try await store.insertAPIKey(admin.stored)
            let body = fixture.scoreBody(fixture.lead(0))
            let none = try await client.execute(uri: "/v1/score", method: .post, headers: [.contentType: "application/json"], body: body)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let wrongSecret = scorer.key.dropLast(3) + "abc"
            #expect(try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(String(wrongSecret)), body: body).status == .unauthorized)
            #expect(try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer("garbage"), body: body).status == .unauthorized)
            #expect(try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(scorer.key), body: body).status == .ok)
            #expect(try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(admin.key), body: body).status == .forbidden)
            #expect(try await client.execute(uri: "/v1/models", method: .get, headers: TestServer.bearer(scorer.key)).status == .forbidden)
            #expect(try await client.execute(uri: "/v1/audit?limit=5", method: .get, headers: TestServer.bearer(admin.key)).status == .ok)
            #expect(try await client.execute(uri: "/v1/audit?limit=abc", method: .get, headers: TestServer.bearer(admin.key)).status == .badRequest)
            let audit = try await store.auditEvents(leadId: nil, limit: 10)
            #expect(audit.map(\.client).contains("flow"))
        }
    }

    @Test func revokedKeyStopsWorking() async throws {
        let store = try await ServiceFixture.get().newStore()
        let key = APIKeyMaker.make(client: "flow", scopes: [.score])
        try await store.insertAPIKey(key.stored)
        let authenticator = await Authenticator(store: store, staticKey: nil, tokenSecret: TestServer.tokenSecret,
                                                tokenLifetime: 60, keyCacheSeconds: 0)
        #expect(await authenticator.identify(bearer: key.key)?.client == "flow")
        let (id, secret) = try #require(APIKeyMaker.split(key.key))
        let token = try #require(await authenticator.issueToken(clientId: id, clientSecret: secret).token)
        #expect(await authenticator.identify(bearer: token)?.client == "flow")
        _ = try await store.revokeAPIKey(id: key.stored.id, at: Date())
        #expect(await authenticator.identify(bearer: key.key) == nil)
        #expect(await authenticator.identify(bearer: token) == nil)
    }

    @Test func oauthClientCredentialsIssueTokensThatScore() async throws {
        try await TestServer.withBundleServer { client, fixture, store in
            let made = APIKeyMaker.make(client: "salesforce", scopes: [.score])
            try await store.insertAPIKey(made.stored)
            let (id, secret) = try #require(APIKeyMaker.split(made.key))
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let issued = try await client.execute(uri: "/oauth/token", method: .post, headers: form, body: ByteBuffer(
                string: "grant_type=client_credentials&client_id=\(id)&client_secret=\(secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"))
            #expect(issued.status == .ok)
            let token = try #require(try TestServer.json(issued)["access_token"] as? String)
            #expect(try TestServer.json(issued)["token_type"] as? String == "Bearer")
            let scored = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(token),
                                                  body: fixture.scoreBody(fixture.lead(1)))
            #expect(scored.status == .ok)
            #expect(try await client.execute(uri: "/v1/models", method: .get, headers: TestServer.bearer(token)).status == .forbidden)

            var basic = form
            basic[.authorization] = "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString()
            let viaBasic = try await client.execute(uri: "/oauth/token", method: .post, headers: basic,
                                                    body: ByteBuffer(string: "grant_type=client_credentials"))
            #expect(viaBasic.status == .ok)
            let wrong = try await client.execute(uri: "/oauth/token", method: .post, headers: form,
                                                 body: ByteBuffer(string: "grant_type=client_credentials&client_id=\(id)&client_secret=nope"))
            #expect(wrong.status == .unauthorized)
            #expect(try TestServer.json(wrong)["error"] as? String == "invalid_client")
            let grant = try await client.execute(uri: "/oauth/token", method: .post, headers: form,
                                                 body: ByteBuffer(string: "grant_type=password&client_id=\(id)&client_secret=\(secret)"))
            #expect(try TestServer.json(grant)["error"] as? String == "unsupported_grant_type")
            let tampered = String(token.dropLast(2)) + (token.hasSuffix("AA") ? "BB" : "AA")
            #expect(try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(tampered),
                                             body: fixture.scoreBody(fixture.lead(1))).status == .unauthorized)
        }
    }

    /// RFC 6749 §3.3 and §5.2: a token carries the scopes asked for, never more than the key's; an unknown
    /// or wider scope is `invalid_scope` (a key with `admin score` asked for `score` once got both).
    @Test func tokensCarryOnlyTheRequestedScopes() async throws {
        try await TestServer.withBundleServer { client, fixture, store in
            let made = APIKeyMaker.make(client: "salesforce", scopes: [.score, .admin])
            try await store.insertAPIKey(made.stored)
            let narrow = APIKeyMaker.make(client: "flow", scopes: [.score])
            try await store.insertAPIKey(narrow.stored)
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            func request(_ key: String, scope: String?) async throws -> TestResponse {
                let (id, secret) = try #require(APIKeyMaker.split(key))
                let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let body = "grant_type=client_credentials&client_id=\(id)&client_secret=\(encoded)"
                    + (scope.map { "&scope=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" } ?? "")
                return try await client.execute(uri: "/oauth/token", method: .post, headers: form, body: ByteBuffer(string: body))
            }
            let scoreOnly = try await request(made.key, scope: "score")
            #expect(scoreOnly.status == .ok)
            #expect(try TestServer.json(scoreOnly)["scope"] as? String == "score")
            let token = try #require(try TestServer.json(scoreOnly)["access_token"] as? String)
            #expect(try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(token),
                                             body: fixture.scoreBody(fixture.lead(1))).status == .ok)
            #expect(try await client.execute(uri: "/v1/models", method: .get, headers: TestServer.bearer(token)).status == .forbidden,
                    "a score-only token must not reach admin endpoints")
            let everything = try await request(made.key, scope: nil)
            #expect(try TestServer.json(everything)["scope"] as? String == "admin score", "no scope: the key's own")
            #expect(try TestServer.json(try await request(made.key, scope: "score  admin"))["scope"] as? String == "admin score")
            for (key, scope) in [(narrow.key, "admin"), (narrow.key, "score admin"), (made.key, "superuser"), (made.key, " ")] {
                let refused = try await request(key, scope: scope)
                #expect(refused.status == .badRequest, "scope '\(scope)'")
                #expect(try TestServer.json(refused)["error"] as? String == "invalid_scope", "scope '\(scope)'")
            }
            let wrongSecret = try await client.execute(uri: "/oauth/token", method: .post, headers: form, body: ByteBuffer(
                string: "grant_type=client_credentials&client_id=\(made.stored.id)&client_secret=nope&scope=admin"))
            #expect(try TestServer.json(wrongSecret)["error"] as? String == "invalid_client",
                    "the client is authenticated before its scopes are judged")
        }
    }

    @Test func expiredTokensAreRefused() async throws {
        let store = try await ServiceFixture.get().newStore()
        let made = APIKeyMaker.make(client: "salesforce", scopes: [.score])
        try await store.insertAPIKey(made.stored)
        let (id, secret) = try #require(APIKeyMaker.split(made.key))
        let authenticator = await Authenticator(store: store, staticKey: nil, tokenSecret: TestServer.tokenSecret, tokenLifetime: 60)
        let old = try #require(await authenticator.issueToken(clientId: id, clientSecret: secret,
                                                              now: Date().addingTimeInterval(-120)).token)
        #expect(await authenticator.identify(bearer: old) == nil)
        let fresh = try #require(await authenticator.issueToken(clientId: id, clientSecret: secret).token)
        #expect(await authenticator.identify(bearer: fresh)?.client == "salesforce")
        let other = await Authenticator(store: store, staticKey: nil, tokenSecret: TestServer.tokenSecret + "x", tokenLifetime: 60)
        #expect(await other.identify(bearer: fresh) == nil)
    }

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        // A token every 100 s: a slow, loaded machine cannot refill the bucket between the three requests.
        let config = TestServer.config { $0.requestsPerSecond = 0.01; $0.burst = 2 }
        try await TestServer.withBundleServer(config) { client, fixture, _ in
            var statuses: [HTTPResponse.Status] = []
            var retryAfter: String?
            for index in 0..<3 {
                let response = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                                        body: fixture.scoreBody(fixture.lead(index)))
                statuses.append(response.status)
                retryAfter = response.headers[.retryAfter] ?? retryAfter
            }
            #expect(statuses == [.ok, .ok, .tooManyRequests])
            #expect(Int(retryAfter ?? "") ?? 0 >= 1)
        }
    }

    @Test func tokenBucketRefillsAtItsRate() {
        let limiter = TokenBucketLimiter(rate: 2, burst: 2)
        #expect(limiter.take(client: "a", now: 100) == nil)
        #expect(limiter.take(client: "a", now: 100) == nil)
        #expect(limiter.take(client: "a", now: 100) == 1)
        #expect(limiter.take(client: "b", now: 100) == nil)
        #expect(limiter.take(client: "a", now: 100.5) == nil)
        #expect(limiter.take(client: "a", now: 100.5) != nil)
        for index in 0..<(TokenBucketLimiter.maxClients + 10) { _ = limiter.take(client: "x\(index)", now: 200) }
        #expect(limiter.clientCount <= TokenBucketLimiter.maxClients)
        #expect(limiter.take(client: "a", now: 200) == nil)
    }

    @Test func authFailureThrottleBlocksDoublesForgetsAndStaysBounded() {
        let throttle = AuthFailureThrottle(sourceAllowance: 4, clientAllowance: 2, window: 900, firstBlock: 1, maxBlock: 8)
        let attacker = throttle.subjects(source: "203.0.113.7", client: "lsk_abc")
        #expect(throttle.failed(attacker, now: 0) == nil)
        #expect(throttle.failed(attacker, now: 0) == nil)
        #expect(throttle.wait(attacker, now: 0) == nil)
        #expect(throttle.failed(attacker, now: 0) == 1)  // the client's third failure from this source
        #expect(throttle.wait(attacker, now: 0.5) == 1)
        #expect(throttle.wait(attacker, now: 1.01) == nil)
        #expect(throttle.failed(attacker, now: 2) == 2)  // doubling
        #expect(throttle.failed(attacker, now: 5) == 4)  // and the source's fifth failure blocks the source too
        #expect(throttle.wait(throttle.subjects(source: "203.0.113.7", client: "lsk_other"), now: 5) == 1)
        for second in 6..<12 { throttle.failed(attacker, now: Double(second)) }
        #expect(throttle.wait(attacker, now: 11) == 8)  // capped
        // The same client from another source is not blocked; a success there clears only that source.
        let office = throttle.subjects(source: "198.51.100.20", client: "lsk_abc")
        #expect(throttle.wait(office, now: 11) == nil)
        throttle.succeeded(office)
        #expect(throttle.wait(attacker, now: 11) == 8)
        // Failures are forgotten after the window without one.
        #expect(throttle.failed(attacker, now: 2_000) == nil)
        // IPv6 sources count by /64: one subscriber cannot dodge the back-off by changing addresses.
        #expect(AuthFailureThrottle.network("2001:db8:aa:bb::1") == AuthFailureThrottle.network("2001:db8:aa:bb:ffff::2"))
        #expect(AuthFailureThrottle.network("2001:db8:aa:bb::1") != AuthFailureThrottle.network("2001:db8:aa:bc::1"))
        #expect(AuthFailureThrottle.network("::1") == "0:0:0:0::/64")
        // Invented client ids cannot exhaust memory, and a block in force survives the eviction.
        for index in 0..<(3 * AuthFailureThrottle.maxSubjects) {
            throttle.failed(throttle.subjects(source: "192.0.2.1", client: "invented-\(index)"), now: 3_000)
        }
        #expect(throttle.subjectCount <= AuthFailureThrottle.maxSubjects)
        #expect(throttle.wait(throttle.subjects(source: "192.0.2.1", client: nil), now: 3_000) != nil)
    }

    /// 550 wrong secrets at /oauth/token and 500 wrong keys were all answered 401: now the source and the
    /// client id from it back off with 429 and Retry-After, while the right secret from another source works.
    @Test func failedAuthenticationsBackOffWithRetryAfter() async throws {
        let config = TestServer.config {
            $0.authFailuresPerClient = 3
            $0.authFailuresPerSource = 6
            $0.authBackoffFirstSeconds = 60  // long enough that a slow machine cannot outlast it mid-test
        }
        let log = CapturedLog()
        try await TestServer.withBundleServer(config, logger: log.logger) { client, fixture, store in
            let port = try #require(client.port)
            let made = APIKeyMaker.make(client: "salesforce", scopes: [.score])
            try await store.insertAPIKey(made.stored)
            let (id, secret) = try #require(APIKeyMaker.split(made.key))
            func token(_ secret: String, from source: String) async throws -> (status: Int, body: String, head: String) {
                let body = "grant_type=client_credentials&client_id=\(id)&client_secret=\(secret)"
                return RawHTTP.parse(try await RawHTTP.exchange(RawHTTP.post(
                    "/oauth/token", body: body, headers: ["Content-Type": "application/x-www-form-urlencoded"]), port: port, from: source))
            }
            var statuses: [Int] = []
            for _ in 0..<6 { statuses.append(try await token("wrong", from: "127.0.0.1").status) }
            #expect(statuses == [401, 401, 401, 401, 429, 429])  // the fourth failure starts the block
            let blocked = try await token(secret, from: "127.0.0.1")
            #expect(blocked.status == 429 && blocked.body.contains("too_many_failed_authentications"))
            // The block's remaining time, rounded up: 60 unless this machine took over a second to get here.
            let retryAfter = blocked.head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("retry-after:") }
                .flatMap { Int($0.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") }
            #expect((1...60).contains(retryAfter ?? 0), "\(blocked.head)")
            #expect(try await token(secret, from: "127.0.0.2").status == 200)

            // Wrong bearer keys: the source's allowance, then 429 before the key is even looked at.
            let lead = String(buffer: fixture.scoreBody(fixture.lead(1)))
            var bearer: [Int] = []
            for index in 0..<8 {
                let headers = ["Authorization": "Bearer wrong-key-\(index)", "Content-Type": "application/json"]
                bearer.append(RawHTTP.parse(try await RawHTTP.exchange(RawHTTP.post("/v1/score", body: lead, headers: headers),
                                                                      port: port, from: "127.0.0.3")).status)
            }
            #expect(bearer == [401, 401, 401, 401, 401, 401, 401, 429])  // the seventh failure starts the block
            let good = ["Authorization": "Bearer \(TestServer.staticKey)", "Content-Type": "application/json"]
            #expect(RawHTTP.parse(try await RawHTTP.exchange(RawHTTP.post("/v1/score", body: lead, headers: good),
                                                             port: port, from: "127.0.0.4")).status == 200)

            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains("leadscore_auth_failures_total{kind=\"oauth\"} 4"))
            #expect(metrics.contains("leadscore_auth_failures_total{kind=\"bearer\"} 7"))
            #expect(metrics.contains("leadscore_auth_backoff_refusals_total 4"))
            #expect(log.text.contains { $0.hasPrefix("warning authentication back-off") && $0.contains("client:\(id)@127.0.0.1") })
            // The request log names the authenticated client (it was always "-").
            #expect(log.text.contains { $0.hasPrefix("info request") && $0.contains("client=default") && $0.contains("route=/v1/score") })
        }
    }

    /// 1,000 connections that sent half a header were all still open after 90 s. Now a connection
    /// without a complete request is closed after the idle timeout.
    @Test func stalledConnectionsAreClosedAfterTheIdleTimeout() async throws {
        let config = TestServer.config { $0.idleTimeoutSeconds = 1 }
        try await Self.withCappedServer(config) { port, cap in
            // The test client's own connection sends nothing: the idle timeout closes it too.
            #expect(try await RawHTTP.eventually { cap.openConnections == 0 }, "an idle connection stayed open")
            // Each exchange ends when the server closes the connection (or fails the test after 60 s).
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<3 { group.addTask { try await Self.untilClosed(Self.halfHeader, port: port) } }
                var closed = 0
                for try await answer in group where answer.isEmpty { closed += 1 }
                #expect(closed == 3)
            }
            #expect(try await RawHTTP.eventually { cap.openConnections == 0 })
        }
    }

    /// Past `max_connections`, a new connection is closed on arrival; once others close, it is served again.
    @Test func connectionsPastTheCapAreClosedOnArrival() async throws {
        // Idle connections stay (the default test limit): the cap alone is at work. The test client holds one.
        let config = TestServer.config { $0.maxConnections = 4 }
        try await Self.withCappedServer(config) { port, cap in
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<3 { group.addTask { try await Self.untilClosed(Self.halfHeader, port: port) } }
                #expect(try await RawHTTP.eventually { cap.openConnections == 4 })
                let refused = try await Self.untilClosed("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", port: port)
                #expect(refused.isEmpty, "a connection past the cap was served: \(refused.prefix(60))")
                group.cancelAll()  // the stalled clients hang up
                while (try? await group.next()) != nil {}
            }
            #expect(try await RawHTTP.eventually { cap.openConnections <= 1 })
            let served = try await RawHTTP.exchange("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", port: port)
            #expect(served.hasPrefix("HTTP/1.1 200"))
            let metrics = try await RawHTTP.exchange("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", port: port)
            #expect(metrics.contains("leadscore_connections_refused_total 1"), "\(metrics)")
        }
    }

    static let halfHeader = "POST /v1/score HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le"

    /// What the server sent before it closed the connection; a reset (closed with our bytes unread) or
    /// a close before our request was written is a close too.
    @Sendable static func untilClosed(_ request: String, port: Int) async throws -> String {
        do {
            return try await RawHTTP.exchange(request, port: port)
        } catch let error as IOError where error.errnoCode == ECONNRESET {
            return ""
        } catch ChannelError.ioOnClosedChannel {
            return ""
        }
    }

    /// Runs `test` with the port of a live server and its connection cap.
    static func withCappedServer(_ config: ServiceConfig,
                                 _ test: @escaping @Sendable (Int, ConnectionCap) async throws -> Void) async throws {
        let fixture = try ServiceFixture.get()
        let store = try await fixture.newStore()
        let model = ServingModel(bundle: try ModelBundle.load(from: fixture.bundleA), policy: config.validation)
        let server = await TestServer.server(store: store, models: .bundle(model), config: config)
        let cap = server.connectionCap
        try await server.application().test(.live) { client in try await test(try #require(client.port), cap) }
    }

    @Test func secretsComeFromEnvironmentOrFileAndMustBeLong() throws {
        var config = ServiceConfig()
        #expect(try ServiceSecrets.tokenSecret(config: config, environment: [:]).generated)
        #expect(throws: ServiceSecretsError.self) { try ServiceSecrets.tokenSecret(config: config, environment: ["LEADSCORE_TOKEN_SECRET": "short"]) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
        try Data((String(repeating: "s", count: 40) + "\n").utf8).write(to: file)
        config.tokenSecretFile = file.path
        let fromFile = try ServiceSecrets.tokenSecret(config: config, environment: ["LEADSCORE_TOKEN_SECRET": String(repeating: "e", count: 40)])
        #expect(fromFile.secret == String(repeating: "s", count: 40) && !fromFile.generated)
    }
}
