import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Testing

/// sObject Collections writes against a scripted peer: chunks of 200, per-record results in input order,
/// row-lock retries of only the locked records, and an interrupted write that reports what was written.
@Suite struct ClientCollectionsTests {
    static func leadId(_ index: Int) -> String {
        SalesforceId.caseSafe("00Q5e0000\(String(format: "%06d", index))")
    }

    static func records(_ count: Int) -> [SalesforceRecord] {
        (0..<count).map { index in
            SalesforceRecord(fields: [
                "Id": .string(leadId(index)),
                "AI_Score__c": SalesforceValue(index % 100),
                "AI_Tier__c": .string(index == 7 ? "Bad" : "A"),
            ])
        }
    }

    /// Answers each record like the REST API guide's SaveResult examples: a validation failure for tier
    /// "Bad", a row lock for the records listed in `locked` the first time they are sent.
    static func script(locked: Set<String>, failChunk: Int? = nil) -> ScriptedPeer.Script {
        let sent = Counters()
        return salesforcePeer { request, index, _ in
            if index == failChunk {
                return .json(#"[{"message":"Unexpected character ('x')","errorCode":"JSON_PARSER_ERROR"}]"#, status: 400)
            }
            guard let body = request.json as? [String: Any], let records = body["records"] as? [[String: Any]] else {
                return .json(#"[{"message":"no records","errorCode":"JSON_PARSER_ERROR"}]"#, status: 400)
            }
            let results = records.map { record -> String in
                let id = record["Id"] as? String ?? ""
                if locked.contains(id), sent.next(id) == 1 {
                    return #"{"id":"\#(id)","success":false,"errors":[{"statusCode":"UNABLE_TO_LOCK_ROW","message":"unable to obtain exclusive access to this record","fields":[]}]}"#
                }
                if record["AI_Tier__c"] as? String == "Bad" {
                    return #"{"id":"\#(id)","success":false,"errors":[{"statusCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","message":"Tier must be A-D","fields":["AI_Tier__c"]}]}"#
                }
                return #"{"id":"\#(id)","success":true,"errors":[]}"#
            }
            return .json("[\(results.joined(separator: ","))]")
        }
    }

    @Test func splitsIntoChunksOf200AndMapsEachRecord() async throws {
        try await ScriptedPeer.run(Self.script(locked: [])) { peer in
            let input = Self.records(450)
            let results = try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                try await client.update("Lead", records: input)
            }
            #expect(results.count == 450)
            #expect(results.map(\.index) == Array(0..<450))
            #expect(results.map(\.id) == input.map(\.id))
            #expect(results.filter { !$0.success }.map(\.index) == [7])
            #expect(results[7].problems == [.init(statusCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION", message: "Tier must be A-D",
                                                  fields: ["AI_Tier__c"])])

            let requests = peer.apiRequests
            #expect(requests.map(\.method) == ["PATCH", "PATCH", "PATCH"])
            #expect(requests.allSatisfy { $0.path == "/services/data/v62.0/composite/sobjects" })
            let bodies = requests.compactMap { $0.json as? [String: Any] }
            #expect(bodies.compactMap { ($0["records"] as? [Any])?.count } == [200, 200, 50])
            #expect(bodies.allSatisfy { $0["allOrNone"] as? Bool == false })
            let first = try #require((bodies.first?["records"] as? [[String: Any]])?.first)
            #expect((first["attributes"] as? [String: Any])?["type"] as? String == "Lead")
            #expect(first["AI_Score__c"] as? Int == 0)
        }
    }

    @Test func resendsOnlyTheLockedRecords() async throws {
        let locked: Set<String> = [Self.leadId(3), Self.leadId(150)]
        try await ScriptedPeer.run(Self.script(locked: locked)) { peer in
            let clock = RecordingClock()
            let results = try await TestClients.with(TestClients.config(base: peer.base), clock: clock) { client in
                try await client.update("Lead", records: Self.records(180))
            }
            #expect(results.count == 180)
            #expect(results[3].success && results[150].success)
            #expect(results.filter { !$0.success }.map(\.index) == [7])
            let sizes = peer.apiRequests.compactMap { (($0.json as? [String: Any])?["records"] as? [Any])?.count }
            #expect(sizes == [180, 2])
            #expect(clock.recorded.count == 1)
        }
    }

    @Test func anInterruptedWriteReportsTheWrittenChunks() async throws {
        try await ScriptedPeer.run(Self.script(locked: [], failChunk: 1)) { peer in
            let error = await #expect(throws: SalesforceWriteInterrupted.self) {
                try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                    try await client.update("Lead", records: Self.records(450))
                }
            }
            #expect(error?.completed.count == 200)
            #expect(error?.remaining == 250)
            #expect((error?.error as? SalesforceAPIError)?.errorCode == "JSON_PARSER_ERROR")
            #expect(peer.apiRequests.count == 2)
        }
    }

    @Test func createsWithPostAndRefusesIds() async throws {
        let script = salesforcePeer { request, _, _ in
            let count = ((request.json as? [String: Any])?["records"] as? [Any])?.count ?? 0
            return .json("[" + (0..<count).map { #"{"id":"a01xx00000\#(String(format: "%05d", $0))","success":true,"errors":[]}"# }
                .joined(separator: ",") + "]", status: 200)
        }
        try await ScriptedPeer.run(script) { peer in
            try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                let events = (0..<3).map { SalesforceRecord(fields: ["Score__c": SalesforceValue($0)]) }
                let results = try await client.create("Lead_Scoring_Event__c", records: events)
                #expect(results.map(\.id) == ["a01xx0000000000", "a01xx0000000001", "a01xx0000000002"])
                await #expect(throws: SalesforceClientError.self) {
                    try await client.create("Lead", records: Self.records(1))
                }
                await #expect(throws: SalesforceClientError.self) {
                    try await client.update("Lead", records: [SalesforceRecord(fields: ["Company": .string("x")])])
                }
            }
            #expect(peer.apiRequests.map(\.method) == ["POST"])
        }
    }

    @Test func aCreateCutMidAnswerIsNotSentAgain() async throws {
        let script = salesforcePeer { _, _, _ in
            ScriptedPeer.Reply(status: 200, headers: ["Content-Type": "application/json"],
                               body: Data(#"[{"id":"a01xx0000000000","success":true,"errors":[]}]"#.utf8), cutAfter: 12)
        }
        try await ScriptedPeer.run(script) { peer in
            let error = await #expect(throws: SalesforceWriteInterrupted.self) {
                try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                    try await client.create("Lead_Scoring_Event__c", records: [SalesforceRecord(fields: ["Score__c": SalesforceValue(1)])])
                }
            }
            // Salesforce may have created the record: sending it again could duplicate it.
            #expect(peer.apiRequests.count == 1)
            guard case .unreachable? = error?.error as? SalesforceClientError else {
                Issue.record("expected unreachable, got \(String(describing: error?.error))")
                return
            }
        }
    }
}
