import Foundation
import Hummingbird
import HummingbirdTesting
import LeadscoreModels
import NIOConcurrencyHelpers
import Testing
@testable import LeadscoreService

/// Idempotency keys, automatic replays by lead + inputs + model, jobs, metrics and probes.
@Suite struct IdempotencyTests {
    @Test func idempotencyKeyReplaysTheSameResponseWithoutASecondAuditRow() async throws {
        try await TestServer.withBundleServer { client, fixture, store in
            var headers = TestServer.bearer(TestServer.staticKey)
            headers[.init("Idempotency-Key")!] = "flow-run-42"
            var lead = fixture.lead(10)
            lead["Id"] = nil
            let first = try await client.execute(uri: "/v1/score", method: .post, headers: headers, body: fixture.scoreBody(lead))
            let second = try await client.execute(uri: "/v1/score", method: .post, headers: headers, body: fixture.scoreBody(lead))
            #expect(first.status == .ok && second.status == .ok)
            #expect(first.body == second.body)
            #expect(second.headers[.init("Idempotent-Replayed")!] == "true")
            #expect(try await store.auditEvents(leadId: nil, limit: 10).count == 1)
            lead["Industry"] = "Retail"
            let reused = try await client.execute(uri: "/v1/score", method: .post, headers: headers, body: fixture.scoreBody(lead))
            #expect(reused.status == .conflict)
            headers[.init("Idempotency-Key")!] = String(repeating: "k", count: 300)
            #expect(try await client.execute(uri: "/v1/score", method: .post, headers: headers, body: fixture.scoreBody(lead)).status == .badRequest)
        }
    }

    @Test func concurrentCopiesOfOneKeyAreAnsweredOnce() async throws {
        try await TestServer.withBundleServer { client, fixture, store in
            let port = try #require(client.port)
            var headers = ["Authorization": "Bearer \(TestServer.staticKey)", "Content-Type": "application/json",
                           "Idempotency-Key": "flow-run-concurrent"]
            var lead = fixture.lead(20)
            lead["Id"] = nil  // no automatic key: only the header makes these copies one request
            let body = String(buffer: fixture.scoreBody(lead))
            let copies = try await Self.concurrently(20) { [headers] _ in
                RawHTTP.parse(try await RawHTTP.exchange(RawHTTP.post("/v1/score", body: body, headers: headers), port: port))
            }
            #expect(copies.map(\.status) == Array(repeating: 200, count: 20))
            #expect(Set(copies.map(\.body)).count == 1)
            #expect(try await store.auditEvents(leadId: nil, limit: 50).count == 1)

            // Other leads under one new key: one is scored, every other one is refused, whatever the timing.
            headers["Idempotency-Key"] = "flow-run-mixed"
            let mixed = try await Self.concurrently(20) { [headers] index in
                var other = fixture.lead(30 + index)
                other["Id"] = nil
                let body = String(buffer: fixture.scoreBody(other))
                return RawHTTP.parse(try await RawHTTP.exchange(RawHTTP.post("/v1/score", body: body, headers: headers), port: port))
            }
            #expect(mixed.filter { $0.status == 200 }.count == 1)
            #expect(mixed.filter { $0.status == 409 && $0.body.contains("idempotency_key_reused") }.count == 19)
            #expect(try await store.auditEvents(leadId: nil, limit: 50).count == 2)

            // A key is bound to its endpoint: the batch endpoint does not replay the single-lead answer.
            let batch = String(buffer: ServiceFixture.body(["leads": .array([.object(fixture.typed(lead))])]))
            headers["Idempotency-Key"] = "flow-run-concurrent"
            let other = RawHTTP.parse(try await RawHTTP.exchange(RawHTTP.post("/v1/score/batch", body: batch, headers: headers), port: port))
            #expect(other.status == 409 && other.body.contains("idempotency_key_reused"))

            // Without a header, copies of one lead with the same inputs are one request too.
            headers["Idempotency-Key"] = nil
            let identified = fixture.lead(21)
            let leadBody = String(buffer: fixture.scoreBody(identified))
            let automatic = try await Self.concurrently(20) { [headers] _ in
                RawHTTP.parse(try await RawHTTP.exchange(RawHTTP.post("/v1/score", body: leadBody, headers: headers), port: port))
            }
            #expect(automatic.map(\.status) == Array(repeating: 200, count: 20))
            #expect(Set(automatic.map(\.body)).count == 1)
            #expect(try await store.auditEvents(leadId: identified["Id"], limit: 50).count == 1)
        }
    }

    @Test(arguments: StoreKind.available)
    func serversSharingAStoreAnswerAKeyOnce(kind: StoreKind) async throws {
        let fixture = try ServiceFixture.get()
        try await kind.withFreshURL { url in
            let stores = [try await StoreOpener.open(url: url), try await StoreOpener.open(url: url)]
            let policy = TestServer.config().validation
            let servers = [
                await TestServer.server(store: stores[0], models: .bundle(ServingModel(bundle: try ModelBundle.load(from: fixture.bundleA), policy: policy))),
                await TestServer.server(store: stores[1], models: .bundle(ServingModel(bundle: try ModelBundle.load(from: fixture.bundleA), policy: policy))),
            ]
            let headers = ["Authorization": "Bearer \(TestServer.staticKey)", "Content-Type": "application/json",
                           "Idempotency-Key": "flow-run-shared"]
            var lead = fixture.lead(22)
            lead["Id"] = nil
            let body = String(buffer: fixture.scoreBody(lead))
            try await servers[0].application().test(.live) { first in
                try await servers[1].application().test(.live) { second in
                    let ports = [try #require(first.port), try #require(second.port)]
                    let copies = try await Self.concurrently(20) { index in
                        RawHTTP.parse(try await RawHTTP.exchange(RawHTTP.post("/v1/score", body: body, headers: headers),
                                                                 port: ports[index % 2]))
                    }
                    // Each copy gets the answer or, while the other server is still on it, 409 request_in_progress.
                    let answered = copies.filter { $0.status == 200 }
                    #expect(!answered.isEmpty && Set(answered.map(\.body)).count == 1)
                    #expect(copies.allSatisfy { $0.status == 200 || ($0.status == 409 && $0.body.contains("request_in_progress")) })
                    #expect(try await stores[0].auditEvents(leadId: nil, limit: 50).count == 1)
                    for port in ports {
                        let retry = RawHTTP.parse(try await RawHTTP.exchange(RawHTTP.post("/v1/score", body: body, headers: headers), port: port))
                        #expect(retry.status == 200 && retry.body == answered.first?.body)
                    }
                }
            }
            for store in stores { try await store.close() }
        }
    }

    @Test func sameLeadSameInputsSameModelIsAnsweredOnce() async throws {
        try await TestServer.withBundleServer { client, fixture, store in
            let lead = fixture.lead(11)
            let headers = TestServer.bearer(TestServer.staticKey)
            let first = try await client.execute(uri: "/v1/score", method: .post, headers: headers, body: fixture.scoreBody(lead))
            let again = try await client.execute(uri: "/v1/score", method: .post, headers: headers, body: fixture.scoreBody(lead))
            #expect(first.body == again.body)
            #expect(try await store.auditEvents(leadId: lead["Id"], limit: 10).count == 1)
            var changed = lead
            changed["Email_Opens__c"] = "37"
            let third = try await client.execute(uri: "/v1/score", method: .post, headers: headers, body: fixture.scoreBody(changed))
            #expect(try TestServer.json(third)["requestId"] as? String != (try TestServer.json(first)["requestId"] as? String))
            #expect(try await store.auditEvents(leadId: lead["Id"], limit: 10).count == 2)
        }
    }

    @Test func auditRowsHoldNoRawPersonalData() async throws {
        try await TestServer.withBundleServer { client, fixture, store in
            let lead = fixture.lead(12)
            let email = try #require(lead["Email"])
            _ = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                         body: fixture.scoreBody(lead))
            let event = try #require(try await store.auditEvents(leadId: lead["Id"], limit: 1).first)
            let encoded = String(decoding: try JSONEncoder().encode(event), as: UTF8.self)
            #expect(!encoded.contains(email))
            #expect(!encoded.contains(lead["Title"] ?? "§"))
        }
    }

    @Test func jobsScoreCSVAndJSONLinesInTheBackground() async throws {
        try await TestServer.withBundleServer { client, fixture, store in
            let fields = ["Id", "CreatedDate", "LeadSource", "Industry", "NumberOfEmployees", "Email"]
            var csv = fields.joined(separator: ",") + "\n"
            for index in 0..<30 {
                let lead = fixture.lead(index)
                csv += fields.map { "\"\(lead[$0] ?? "")\"" }.joined(separator: ",") + "\n"
            }
            // A row that is not a row of this header is refused on its own, with its line; the rest are scored,
            // and the refusals after it name their own place.
            csv += "\"00Q5e0003i0ucYlEAI\",\"Web\"\n"
            csv += "\"00Q5e0003i0ucYlEAI\",\"not a date\",\"Web\",\"\",\"\",\"\"\n"
            var headers = TestServer.bearer(TestServer.staticKey, json: false)
            headers[.contentType] = "text/csv"
            let accepted = try await client.execute(uri: "/v1/jobs?explain=true", method: .post, headers: headers, body: ByteBuffer(string: csv))
            #expect(accepted.status == .accepted)
            let id = try #require(try TestServer.json(accepted)["id"] as? String)
            var status = ""
            for _ in 0..<100 where status != "succeeded" && status != "failed" {
                try await Task.sleep(for: .milliseconds(50))
                let polled = try await client.execute(uri: "/v1/jobs/\(id)", method: .get, headers: TestServer.bearer(TestServer.staticKey))
                status = try TestServer.json(polled)["status"] as? String ?? ""
            }
            #expect(status == "succeeded")
            let results = try await client.execute(uri: "/v1/jobs/\(id)/results", method: .get, headers: TestServer.bearer(TestServer.staticKey))
            let lines = String(buffer: results.body).split(separator: "\n")
            #expect(lines.count == 32)
            let refused = lines.dropFirst(30).map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            let ragged = try #require(refused.first ?? nil)
            let raggedError = ragged["error"] as? [String: Any]
            #expect(ragged["index"] as? Int == 30 && raggedError?["code"] as? String == "malformed_row")
            #expect((raggedError?["message"] as? String)?.contains("CSV line 32: has 2 values but the header has 6 columns") == true,
                    "\(lines[30])")
            #expect(refused.last??["index"] as? Int == 31 && lines[31].contains("CreatedDate") && lines[31].contains("leads[31]"),
                    "\(lines[31])")
            let finished = try TestServer.json(try await client.execute(uri: "/v1/jobs/\(id)", method: .get,
                                                                         headers: TestServer.bearer(TestServer.staticKey)))
            #expect(finished["scored"] as? Int == 30 && finished["rejected"] as? Int == 2)
            let other = APIKeyMaker.make(client: "someone-else", scopes: [.score])
            try await store.insertAPIKey(other.stored)
            #expect(try await client.execute(uri: "/v1/jobs/\(id)", method: .get, headers: TestServer.bearer(other.key)).status == .notFound)
            #expect(try await client.execute(uri: "/v1/jobs/\(id)/results", method: .get, headers: TestServer.bearer(other.key)).status == .notFound)
            #expect(try await client.execute(uri: "/v1/jobs/\(id)", method: .get, headers: TestServer.bearer("nobody")).status == .unauthorized)

            headers[.contentType] = "application/x-ndjson"
            let jsonLines = (0..<3).map { String(buffer: ServiceFixture.body(fixture.typedLead($0))) }
            let ndjson = try await client.execute(uri: "/v1/jobs", method: .post, headers: headers,
                                                  body: ByteBuffer(string: jsonLines.joined(separator: "\n")))
            #expect(ndjson.status == .accepted)
            let broken = try await client.execute(uri: "/v1/jobs", method: .post, headers: headers, body: ByteBuffer(string: "{\"Id\": \n"))
            #expect(broken.status == .badRequest)
            // Lines are strict JSON, as API bodies are: a duplicate key is named, not resolved silently.
            let duplicate = jsonLines[0] + "\n{\"Industry\": \"Retail\", \"Industry\": \"Media\"}"
            let twice = try await client.execute(uri: "/v1/jobs", method: .post, headers: headers, body: ByteBuffer(string: duplicate))
            #expect(twice.status == .badRequest)
            #expect(String(buffer: twice.body).contains("line 2") && String(buffer: twice.body).contains("Industry"))
            headers[.contentType] = "text/csv"
            for csv in ["", "\"abc"] {
                let unreadable = try await client.execute(uri: "/v1/jobs", method: .post, headers: headers, body: ByteBuffer(string: csv))
                #expect(unreadable.status == .badRequest, "CSV \(csv.debugDescription)")
            }
            #expect(try await client.execute(uri: "/v1/jobs/job_missing", method: .get, headers: TestServer.bearer(TestServer.staticKey)).status == .notFound)
        }
    }

    /// `/ready` answers with the readiness body (store unreachable) when the database hangs or refuses.
    /// That it does not wait past its deadline is `theStoreProbeDoesNotWaitForAPingThatNeverEnds`'s job:
    /// here the store's own 5 s ping deadline would also end the wait, so this test alone could not tell.
    @Test(arguments: ["hangs", "refuses connections"])
    func readyAnswersWithinTwoSecondsWhenTheDatabase(_ fault: String) async throws {
        let fixture = try ServiceFixture.get()
        let peer = try await SilentPeer.start()
        let port = peer.port
        if fault == "refuses connections" { try await peer.stop() }
        let store = try PostgresServiceStore(url: "postgres://leadscore:secret@127.0.0.1:\(port)/leadscore")
        let model = ServingModel(bundle: try ModelBundle.load(from: fixture.bundleA), policy: TestServer.config().validation)
        let server = await TestServer.server(store: store, models: .bundle(model), config: TestServer.config {
            $0.requestTimeoutSeconds = 600
            $0.readyTimeoutSeconds = 2
        })
        try await server.application().test(.live) { client in
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(try TestServer.json(ready)["store"] as? String == "unreachable")
        }
        try await store.close()
        if fault == "hangs" { try await peer.stop() }
    }

    /// A ping that never ends and ignores cancellation (what a pool waiting on a dead host can do):
    /// the probe still answers at its deadline instead of waiting with it.
    @Test func theStoreProbeDoesNotWaitForAPingThatNeverEnds() async {
        let never = NIOLockedValueBox<CheckedContinuation<Void, Never>?>(nil)
        let answered = await StoreProbe.answers(within: .milliseconds(50)) {
            await withCheckedContinuation { continuation in never.withLockedValue { $0 = continuation } }
        }
        #expect(!answered)
        #expect(await StoreProbe.answers(within: .seconds(60)) {})
        never.withLockedValue { $0?.resume() }  // let the abandoned ping end with the test
    }

    @Test func probesMetricsAndOpenAPI() async throws {
        try await TestServer.withBundleServer { client, fixture, _ in
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(ready.status == .ok)
            #expect(try TestServer.json(ready)["models"] as? [String] == [fixture.versionA])
            var bad = fixture.lead(13)
            bad["NumberOfEmployees"] = "many"
            _ = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                         body: fixture.scoreBody(fixture.lead(13)))
            _ = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                         body: fixture.scoreBody(bad))
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains("leadscore_http_requests_total{route=\"/v1/score\",status=\"200\"} 1"))
            #expect(metrics.contains("leadscore_http_requests_total{route=\"/v1/score\",status=\"422\"} 1"))
            #expect(metrics.contains("leadscore_validation_failures_total{field=\"NumberOfEmployees\"} 1"))
            #expect(metrics.contains("leadscore_http_request_duration_seconds_bucket"))
            #expect(metrics.contains("leadscore_active_model{version=\"\(fixture.versionA)\",role=\"production\"} 1"))
            #expect(metrics.contains("leadscore_scores_total{tier="))
            let openapi = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(openapi.status == .ok)
            let document = try TestServer.json(openapi)
            #expect(document["openapi"] as? String == "3.0.3")
        }
    }

    /// `count` calls of `body` at once, results in call order.
    static func concurrently<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            for index in 0..<count { group.addTask { (index, try await body(index)) } }
            var results: [(Int, T)] = []
            for try await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}
