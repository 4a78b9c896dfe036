import Foundation
import Hummingbird
import HummingbirdTesting
import LeadscoreModels
import Testing
@testable import LeadscoreService

/// `POST /v1/score` over real HTTP on loopback: the response contract, validation errors, body limits.
@Suite struct ScoreEndpointTests {
    @Test func scoresALeadWithReasonsAndAuditsIt() async throws {
        try await TestServer.withBundleServer { client, fixture, store in
            let lead = fixture.lead(0)
            let response = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                                    body: fixture.scoreBody(lead))
            #expect(response.status == .ok)
            let body = try TestServer.json(response)
            let score = try #require(body["score"] as? Int)
            #expect((0...100).contains(score))
            let probability = try #require(body["probability"] as? Double)
            #expect(abs(Double(score) - probability * 100) <= 0.5)
            #expect(body["leadId"] as? String == lead["Id"])
            #expect(body["modelVersion"] as? String == fixture.versionA)
            #expect((body["dataVersion"] as? String)?.isEmpty == false)
            #expect(["High", "Medium", "Low"].contains(body["confidence"] as? String ?? ""))
            #expect(!(body["reasons"] as? [Any] ?? []).isEmpty)
            #expect((body["reasonText"] as? String)?.count ?? 999 <= 255)
            let requestId = try #require(body["requestId"] as? String)
            #expect(response.headers[.init("X-Request-Id")!] == requestId)
            let events = try await store.auditEvents(leadId: lead["Id"], limit: 10)
            #expect(events.count == 1)
            #expect(events.first?.requestId == requestId)
            #expect(events.first?.score == score)
            #expect(events.first?.outcome == .scored)
            #expect(events.first?.inputHash?.count == 32)
            #expect(events.first?.reasonCodes.isEmpty == false)
        }
    }

    @Test func sameResultAsBatchScoringTheBundle() async throws {
        try await TestServer.withBundleServer { client, fixture, _ in
            let lead = fixture.lead(5)
            let response = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                                    body: fixture.scoreBody(lead, explain: false))
            let served = try #require(try TestServer.json(response)["probability"] as? Double)
            let bundle = try ModelBundle.load(from: fixture.bundleA)
            let validator = LeadValidator(contract: bundle.contract, policy: ValidationPolicy())
            let record = try validator.validate(lead.mapValues { .string($0) }).get().record
            let inputs = ScoringInputs(records: [record], pipeline: bundle.pipeline, dataAsOf: Date().timeIntervalSince1970)
            let direct = try LeadScorer(bundle: bundle).probabilities(inputs)[0]
            #expect(abs(served - direct) < 1e-5)
        }
    }

    @Test func acceptsWhatFlowAndApexSend() async throws {
        try await TestServer.withBundleServer { client, fixture, _ in
            var lead = fixture.typedLead(1)
            lead["NumberOfEmployees"] = .number(250)
            lead["AnnualRevenue"] = .null
            lead["Webinar_Attended__c"] = .bool(true)
            lead["CreatedDate"] = .string("2023-07-01T12:42:32.000+0000")
            let response = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                                    body: ServiceFixture.body(["lead": .object(lead)]))
            #expect(response.status == .ok, "\(String(buffer: response.body))")
        }
    }

    @Test func refusesWrongTypesNamingTheField() async throws {
        try await TestServer.withBundleServer { client, fixture, store in
            var lead = fixture.typedLead(2)
            lead["NumberOfEmployees"] = .string("lots")
            lead["Webinar_Attended__c"] = .number(3)
            let response = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                                    body: ServiceFixture.body(["lead": .object(lead)]))
            #expect(response.status == .unprocessableContent)
            let error = try #require(try TestServer.json(response)["error"] as? [String: Any])
            #expect(error["code"] as? String == "validation_failed")
            let fields = (error["details"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["lead.NumberOfEmployees", "lead.Webinar_Attended__c"])
            let audit = try await store.auditEvents(leadId: nil, limit: 5)
            #expect(audit.first?.outcome == .rejected)
        }
    }

    @Test func missingRequiredFieldIsRefused() async throws {
        try await TestServer.withBundleServer { client, fixture, _ in
            var lead = fixture.lead(3)
            lead["CreatedDate"] = nil
            let response = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                                    body: fixture.scoreBody(lead))
            #expect(response.status == .unprocessableContent)
            let details = try #require((try TestServer.json(response)["error"] as? [String: Any])?["details"] as? [[String: Any]])
            #expect(details.first?["field"] as? String == "lead.CreatedDate")
            #expect(details.first?["code"] as? String == "required")
        }
    }

    @Test func unknownPicklistValuesAndFieldsFollowThePolicy() async throws {
        try await TestServer.withBundleServer { client, fixture, _ in
            var lead = fixture.lead(4)
            lead["LeadSource"] = "Carrier Pigeon"
            lead["Favourite_Colour__c"] = "green"
            let response = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                                    body: fixture.scoreBody(lead))
            #expect(response.status == .ok)
            let warnings = try TestServer.json(response)["warnings"] as? [String] ?? []
            #expect(warnings.contains { $0.contains("LeadSource") && $0.contains("Other") })
            #expect(warnings.contains { $0.contains("Favourite_Colour__c") })
        }
        let strict = TestServer.config { $0.validation = ValidationPolicy(unknownPicklistValues: .refuse, unknownFields: .refuse) }
        try await TestServer.withBundleServer(strict) { client, fixture, _ in
            var lead = fixture.lead(4)
            lead["LeadSource"] = "Carrier Pigeon"
            lead["Favourite_Colour__c"] = "green"
            let response = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                                    body: fixture.scoreBody(lead))
            #expect(response.status == .unprocessableContent)
            let details = (try TestServer.json(response)["error"] as? [String: Any])?["details"] as? [[String: Any]] ?? []
            #expect(Set(details.compactMap { $0["code"] as? String }) == ["unknown_value", "unknown_field"])
        }
    }

    @Test func malformedBodiesGetClearErrors() async throws {
        let config = TestServer.config { $0.maxBodyBytes = 4_096 }
        try await TestServer.withBundleServer(config) { client, fixture, _ in
            let headers = TestServer.bearer(TestServer.staticKey)
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("{\"lead\": ", .badRequest, "malformed_json"),
                ("", .badRequest, "malformed_json"),
                ("{\"explain\": true}", .unprocessableContent, "validation_failed"),
                ("{\"lead\": [1, 2]}", .unprocessableContent, "validation_failed"),
                ("{\"lead\": {}, \"explain\": \"yes\"}", .unprocessableContent, "validation_failed"),
                ("{\"lead\": {\"Industry\": \"" + String(repeating: "x", count: 5_000) + "\"}}", .contentTooLarge, "body_too_large"),
                // What Foundation's decoder lets through: the duplicate was scored as whichever lead it kept.
                ("{\"lead\": {\"Industry\": \"Retail\"}, \"lead\": {}}", .badRequest, "malformed_json"),
                ("{\"lead\": {\"Industry\": \"Retail\",}}", .badRequest, "malformed_json"),
            ]
            for (body, status, code) in cases {
                let response = try await client.execute(uri: "/v1/score", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == status, "\(body.prefix(40))")
                let error = try TestServer.json(response)["error"] as? [String: Any]
                #expect(error?["code"] as? String == code, "\(body.prefix(40))")
            }
            var formHeaders = headers
            formHeaders[.contentType] = "text/plain"
            let wrongType = try await client.execute(uri: "/v1/score", method: .post, headers: formHeaders, body: fixture.scoreBody(fixture.lead(0)))
            #expect(wrongType.status == .unsupportedMediaType)
            // No Content-Type is not JSON either; the refusal names the header. A JSON type with a charset is.
            formHeaders[.contentType] = nil
            let untyped = try await client.execute(uri: "/v1/score", method: .post, headers: formHeaders, body: fixture.scoreBody(fixture.lead(0)))
            #expect(untyped.status == .unsupportedMediaType)
            let untypedError = try TestServer.json(untyped)["error"] as? [String: Any]
            #expect((untypedError?["details"] as? [[String: Any]])?.first?["field"] as? String == "Content-Type")
            formHeaders[.contentType] = "Application/JSON; charset=utf-8"
            #expect(try await client.execute(uri: "/v1/score", method: .post, headers: formHeaders,
                                             body: fixture.scoreBody(fixture.lead(0))).status == .ok)
            let tooLarge = try await client.execute(uri: "/v1/score", method: .post, headers: headers,
                                                    body: ByteBuffer(string: String(repeating: " ", count: 5_000)))
            let tooLargeError = try TestServer.json(tooLarge)["error"] as? [String: Any]
            #expect((tooLargeError?["details"] as? [[String: Any]])?.first?["message"] as? String == "at most 4096 bytes")
            let missing = try await client.execute(uri: "/v1/nothing", method: .get, headers: headers)
            #expect(missing.status == .notFound)
            #expect((try TestServer.json(missing)["error"] as? [String: Any])?["code"] as? String == "not_found")
        }
    }

    /// The drafted contract bounds NumberOfEmployees below by 0 and dates by Salesforce's 1700–4000:
    /// such values are a 422 naming the field, not a silent score.
    @Test func valuesNoLeadCanHaveAre422() async throws {
        try await TestServer.withBundleServer { client, fixture, _ in
            for (field, value) in [("NumberOfEmployees", "-5"), ("CreatedDate", "9999-01-01T00:00:00.000+0000")] {
                var lead = fixture.lead(3)
                lead[field] = value
                let response = try await client.execute(uri: "/v1/score", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                                        body: fixture.scoreBody(lead))
                #expect(response.status == .unprocessableContent, "\(field)")
                let details = (try TestServer.json(response)["error"] as? [String: Any])?["details"] as? [[String: Any]] ?? []
                #expect(details.contains { $0["field"] as? String == "lead.\(field)" && $0["code"] as? String == "out_of_range" }, "\(field)")
            }
        }
    }

    /// Hummingbird's router answers a wrong method on a known path as not found; RFC 9110 §15.5.6 and
    /// the OpenAPI document say 405 with `Allow`. Every documented path, every other method, QUERY included.
    @Test func otherMethodsOnKnownPathsAre405WithAllow() async throws {
        try await TestServer.withBundleServer { client, _, _ in
            let headers = TestServer.bearer(TestServer.staticKey)
            for (template, allowed) in OpenAPIDocument.methods {
                let path = template.replacingOccurrences(of: "{jobId}", with: "job_x").replacingOccurrences(of: "{version}", with: "v1")
                let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options, .trace, .init("QUERY")!]
                for method in methods where !allowed.contains(method.rawValue) {
                    let response = try await client.execute(uri: path, method: method, headers: headers)
                    #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(response.headers[.allow] == allowed.joined(separator: ", "), "\(method) \(path)")
                }
                for method in allowed {
                    let response = try await client.execute(uri: path, method: .init(rawValue: method)!, headers: headers)
                    #expect(response.status != .methodNotAllowed && response.status != .notFound || path.contains("job_x"),
                            "\(method) \(path) answered \(response.status)")
                }
            }
            #expect(try await client.execute(uri: "/v1/score", method: .delete, headers: headers).headers[.allow] == "POST")
        }
    }

    /// A body sent chunked (no Content-Length) is only found too large while it is read: that is a 413
    /// naming the limit, never a 500, on the scoring endpoints and, unauthenticated, on /oauth/token.
    @Test func chunkedBodiesOverTheLimitAre413() async throws {
        let config = TestServer.config { $0.maxBodyBytes = 4_096 }
        try await TestServer.withBundleServer(config) { client, _, _ in
            let port = try #require(client.port)
            let large = "{\"lead\": {\"Industry\": \"" + String(repeating: "x", count: 20_000) + "\"}}"
            let json = ["Authorization": "Bearer \(TestServer.staticKey)", "Content-Type": "application/json"]
            for (path, headers) in [("/v1/score", json), ("/v1/score/batch", json),
                                    ("/oauth/token", ["Content-Type": "application/x-www-form-urlencoded"])] {
                let answer = try await RawHTTP.exchange(RawHTTP.chunkedPost(path, body: large, headers: headers), port: port)
                #expect(answer.hasPrefix("HTTP/1.1 413"), "\(path): \(answer.prefix(80))")
                #expect(answer.contains("body_too_large") && answer.contains("larger than"), "\(path): \(answer.suffix(300))")
            }
            let small = try await RawHTTP.exchange(RawHTTP.chunkedPost("/oauth/token", body: "grant_type=password",
                                                                        headers: ["Content-Type": "application/x-www-form-urlencoded"]),
                                                   port: port)
            #expect(small.hasPrefix("HTTP/1.1 400"), "a chunked body within the limit is read: \(small.prefix(80))")
        }
    }

    @Test func batchScoresEachLeadOnItsOwn() async throws {
        let config = TestServer.config { $0.maxBatchLeads = 3 }
        try await TestServer.withBundleServer(config) { client, fixture, store in
            var bad = fixture.typedLead(7)
            bad["AnnualRevenue"] = .number(1e39)
            let body = ServiceFixture.body(["leads": .array([.object(fixture.typedLead(6)), .object(bad), .object(fixture.typedLead(8))]),
                                            "explain": .bool(true)])
            let response = try await client.execute(uri: "/v1/score/batch", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                                    body: body)
            #expect(response.status == .ok)
            let json = try TestServer.json(response)
            #expect(json["scored"] as? Int == 2)
            #expect(json["rejected"] as? Int == 1)
            let results = try #require(json["results"] as? [[String: Any]])
            #expect(results.map { $0["index"] as? Int } == [0, 1, 2])
            #expect(results[1]["result"] == nil)
            let details = (results[1]["error"] as? [String: Any])?["details"] as? [[String: Any]]
            #expect(details?.first?["field"] as? String == "leads[1].AnnualRevenue")
            #expect((details?.first?["message"] as? String)?.contains("beyond the ±9007199254740991") == true)
            #expect((results[2]["result"] as? [String: Any])?["leadId"] as? String == fixture.lead(8)["Id"])
            #expect(try await store.auditEvents(leadId: nil, limit: 10).count == 3)
            // Nothing scorable is a refusal, not a 200; the details name each lead and field.
            var worse = bad
            worse["NumberOfEmployees"] = .string("many")
            let refusedAll = try await client.execute(uri: "/v1/score/batch", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                                      body: ServiceFixture.body(["leads": .array([.object(bad), .object(worse)])]))
            #expect(refusedAll.status == .unprocessableContent)
            let allDetails = ((try TestServer.json(refusedAll)["error"] as? [String: Any])?["details"] as? [[String: Any]] ?? [])
                .compactMap { $0["field"] as? String }
            #expect(Set(allDetails) == ["leads[0].AnnualRevenue", "leads[1].AnnualRevenue", "leads[1].NumberOfEmployees"])
            #expect(try await store.auditEvents(leadId: nil, limit: 10).count == 5)
            let tooMany = ServiceFixture.body(["leads": .array((0..<4).map { .object(fixture.typedLead($0)) })])
            let refused = try await client.execute(uri: "/v1/score/batch", method: .post, headers: TestServer.bearer(TestServer.staticKey),
                                                   body: tooMany)
            #expect(refused.status == .unprocessableContent)  // the document's maxItems, not the byte limit
        }
    }
}
