import Foundation
import Hummingbird
import HummingbirdTesting
import LeadscoreModels
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
            #expect(lines.count == 31)
            #expect(lines.last?.contains("CreatedDate") == true)
            let other = APIKeyMaker.make(client: "someone-else", scopes: [.score])
            try await store.insertAPIKey(other.stored)
            #expect(try await client.execute(uri: "/v1/jobs/\(id)", method: .get, headers: TestServer.bearer(other.key)).status == .notFound)
            #expect(try await client.execute(uri: "/v1/jobs/\(id)/results", method: .get, headers: TestServer.bearer(other.key)).status == .notFound)
            #expect(try await client.execute(uri: "/v1/jobs/\(id)", method: .get, headers: TestServer.bearer("nobody")).status == .unauthorized)

            headers[.contentType] = "application/x-ndjson"
            let jsonLines = try (0..<3).map { String(decoding: try JSONSerialization.data(withJSONObject: fixture.lead($0)), as: UTF8.self) }
            let ndjson = try await client.execute(uri: "/v1/jobs", method: .post, headers: headers,
                                                  body: ByteBuffer(string: jsonLines.joined(separator: "\n")))
            #expect(ndjson.status == .accepted)
            let broken = try await client.execute(uri: "/v1/jobs", method: .post, headers: headers, body: ByteBuffer(string: "{\"Id\": \n"))
            #expect(broken.status == .badRequest)
            headers[.contentType] = "text/csv"
            for csv in ["", "\"abc"] {
                let unreadable = try await client.execute(uri: "/v1/jobs", method: .post, headers: headers, body: ByteBuffer(string: csv))
                #expect(unreadable.status == .badRequest, "CSV \(csv.debugDescription)")
            }
            #expect(try await client.execute(uri: "/v1/jobs/job_missing", method: .get, headers: TestServer.bearer(TestServer.staticKey)).status == .notFound)
        }
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
}
