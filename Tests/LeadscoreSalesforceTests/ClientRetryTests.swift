import Foundation
import LeadscoreSalesforce
import Testing

/// The transport's fault handling against a scripted peer: re-authentication, retries, no retries, slow-down.
@Suite struct ClientRetryTests {
    static let countReply = ScriptedPeer.Reply.json(#"{"totalSize":5,"done":true,"records":[]}"#)
    /// The REST API guide's 401 body.
    static let expiredSession = ScriptedPeer.Reply.json(
        #"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#, status: 401)

    @Test func reauthenticatesOnceOnInvalidSession() async throws {
        let script = salesforcePeer { request, _, _ in
            request.authorization == "Bearer token-1" ? Self.expiredSession : Self.countReply
        }
        try await ScriptedPeer.run(script) { peer in
            let usage = try await TestClients.with(TestClients.config(base: peer.base, retries: 1), clock: RecordingClock()) { client in
                let total = try await client.count("SELECT COUNT() FROM Lead")
                #expect(total == 5)
                return await client.usage()
            }
            #expect(peer.tokenRequests.count == 2)
            #expect(peer.apiRequests.map(\.authorization) == ["Bearer token-1", "Bearer token-2"])
            #expect(usage.reauthentications == 1)
            #expect(usage.retries == 0)
        }
    }

    @Test func aSecondRefusalAfterReauthenticationIsFinal() async throws {
        let script = salesforcePeer { _, _, _ in Self.expiredSession }
        try await ScriptedPeer.run(script) { peer in
            let error = await #expect(throws: SalesforceAPIError.self) {
                try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                    try await client.count("SELECT COUNT() FROM Lead")
                }
            }
            #expect(error?.errorCode == "INVALID_SESSION_ID")
            #expect(error?.fix.contains("session policies") == true)
            #expect(peer.apiRequests.count == 2)
            #expect(peer.tokenRequests.count == 2)
        }
    }

    @Test func retriesServerUnavailableAndRowLocksWithBackoff() async throws {
        let script = salesforcePeer { _, index, _ in
            switch index {
            case 0: return .json(#"[{"message":"Server unavailable","errorCode":"SERVER_UNAVAILABLE"}]"#, status: 503)
            case 1: return .json(#"[{"message":"unable to obtain exclusive access to this record","errorCode":"UNABLE_TO_LOCK_ROW","fields":[]}]"#,
                                 status: 400)
            default: return Self.countReply
            }
        }
        try await ScriptedPeer.run(script) { peer in
            let clock = RecordingClock(draw: 0)
            let usage = try await TestClients.with(TestClients.config(base: peer.base), clock: clock) { client in
                let total = try await client.count("SELECT COUNT() FROM Lead")
                #expect(total == 5)
                return await client.usage()
            }
            #expect(peer.apiRequests.count == 3)
            #expect(usage.retries == 2)
            #expect(usage.calls == 3)
            // draw 0 → half the exponential step: 200 ms · 2^0 / 2, then 200 ms · 2^1 / 2.
            #expect(clock.recorded == [.milliseconds(100), .milliseconds(200)])
        }
    }

    @Test func neverRetriesAMalformedQuery() async throws {
        let soql = "SELECT Id FROM Lead WHERE"
        let script = salesforcePeer { _, _, _ in
            .json(#"[{"message":"\nSELECT Id FROM Lead WHERE\n                         ^\nERROR at Row:1:Column:26\nunexpected token: '<EOF>'","errorCode":"MALFORMED_QUERY"}]"#,
                  status: 400)
        }
        try await ScriptedPeer.run(script) { peer in
            let clock = RecordingClock()
            let error = await #expect(throws: SalesforceAPIError.self) {
                try await TestClients.with(TestClients.config(base: peer.base), clock: clock) { client in
                    try await client.query(soql) { _ in }
                }
            }
            #expect(peer.apiRequests.count == 1)
            #expect(clock.recorded.isEmpty)
            #expect(error?.attempts == 1)
            #expect(error?.fix.contains("at row 1, column 26") == true)
            #expect(error?.operation == "query Lead")
        }
    }

    @Test func honoursRetryAfterAndStopsAtMaxAttempts() async throws {
        let script = salesforcePeer { _, _, _ in
            .json(#"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#, status: 403,
                  headers: ["Retry-After": "7"])
        }
        try await ScriptedPeer.run(script) { peer in
            let clock = RecordingClock()
            let error = await #expect(throws: SalesforceAPIError.self) {
                try await TestClients.with(TestClients.config(base: peer.base, retries: 3), clock: clock) { client in
                    try await client.count("SELECT COUNT() FROM Lead")
                }
            }
            #expect(peer.apiRequests.count == 3)
            #expect(clock.recorded == [.seconds(7), .seconds(7)])
            #expect(error?.attempts == 3)
            #expect(error?.errorCode == "REQUEST_LIMIT_EXCEEDED")
            #expect(error?.description.contains("after 3 attempts") == true)
        }
    }

    @Test func retriesABodyCutMidResponse() async throws {
        let full = #"{"totalSize":5,"done":true,"records":[]}"#
        let script = salesforcePeer { _, index, _ in
            index == 0 ? ScriptedPeer.Reply(status: 200, headers: ["Content-Type": "application/json"], body: Data(full.utf8), cutAfter: 10)
                : .json(full)
        }
        try await ScriptedPeer.run(script) { peer in
            let clock = RecordingClock()
            try await TestClients.with(TestClients.config(base: peer.base), clock: clock) { client in
                let total = try await client.count("SELECT COUNT() FROM Lead")
                #expect(total == 5)
                #expect(await client.usage().retries == 1)
            }
            #expect(peer.apiRequests.count == 2)
        }
    }

    @Test func slowsDownAboveTheLimitShare() async throws {
        let script = salesforcePeer { _, _, _ in
            var reply = Self.countReply
            reply.headers["Sforce-Limit-Info"] = "api-usage=4500/5000"
            return reply
        }
        try await ScriptedPeer.run(script) { peer in
            let clock = RecordingClock()
            var config = TestClients.config(base: peer.base)
            config.limitShare = 0.8
            let usage = try await TestClients.with(config, clock: clock) { client in
                for _ in 0..<3 { _ = try await client.count("SELECT COUNT() FROM Lead") }
                return await client.usage()
            }
            // The first call learns the usage (90%, halfway from 80% to the allowance); the next two wait.
            let expected = SalesforceLimitInfo(used: 4500, max: 5000).pause(threshold: 0.8)
            #expect(expected > .seconds(4) && expected < .seconds(6))
            #expect(clock.recorded == [expected, expected])
            #expect(usage.slowdowns == 2)
            #expect(usage.calls == 3)
        }
    }

    @Test func reportsAnUnreachableOrgAfterRetrying() async throws {
        // A port that was just free: nothing listens on it.
        let closedBase = try await ScriptedPeer.run({ _, _ in ScriptedPeer.Reply() }) { peer in peer.base }
        let clock = RecordingClock()
        var config = TestClients.config(base: closedBase, retries: 3)
        config.timeoutSeconds = 1
        let error = await #expect(throws: SalesforceClientError.self) {
            try await TestClients.with(config, clock: clock) { client in
                try await client.count("SELECT COUNT() FROM Lead")
            }
        }
        guard case let .unreachable(_, attempts, _)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(attempts == 3)
        #expect(clock.recorded.count == 2)
    }
}
