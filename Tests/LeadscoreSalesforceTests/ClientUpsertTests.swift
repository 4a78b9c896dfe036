import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Testing

/// sObject Collections upserts against a scripted peer: chunks of 200 to the external id URL, UpsertResults
/// mapped back with `created`, and retries that a create would never get (an upsert is safe to resend).
@Suite struct ClientUpsertTests {
    static let path = "/services/data/v62.0/composite/sobjects/Lead_Scoring_Event__c/Event_Key__c"

    static func key(_ index: Int) -> String { "run-42:\(ClientCollectionsTests.leadId(index))" }

    static func events(_ count: Int) -> [SalesforceRecord] {
        (0..<count).map { index in
            SalesforceRecord(fields: ["Event_Key__c": .string(key(index)), "Score__c": SalesforceValue(index % 100),
                                      "Tier__c": .string(index == 7 ? "Bad" : "A")])
        }
    }

    /// The record Id the peer gives the event with `key`.
    static func eventId(_ key: String) -> String {
        "a0B" + key.suffix(12)
    }

    /// Answers each record like the REST API guide's upsert example: `created` false for events that exist
    /// already (those with an even score), true for the others, a validation failure for tier "Bad", and a
    /// row lock the first time it sees a key in `locked`.
    static func script(locked: Set<String> = [], before: [Int: ScriptedPeer.Reply] = [:]) -> ScriptedPeer.Script {
        let sent = Counters()
        return salesforcePeer { request, index, _ in
            if let reply = before[index] { return reply }
            guard let records = (request.json as? [String: Any])?["records"] as? [[String: Any]] else {
                return .json(#"[{"message":"no records","errorCode":"JSON_PARSER_ERROR"}]"#, status: 400)
            }
            let results = records.map { record -> String in
                let key = record["Event_Key__c"] as? String ?? ""
                if locked.contains(key), sent.next(key) == 1 {
                    return #"{"id":null,"success":false,"errors":[{"statusCode":"UNABLE_TO_LOCK_ROW","message":"unable to obtain exclusive access to this record","fields":[]}]}"#
                }
                if record["Tier__c"] as? String == "Bad" {
                    return #"{"id":null,"success":false,"errors":[{"statusCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","message":"Tier must be A-D","fields":["Tier__c"]}],"created":false}"#
                }
                let exists = (record["Score__c"] as? Int ?? 0) % 2 == 0
                return #"{"id":"\#(eventId(key))","success":true,"errors":[],"created":\#(!exists)}"#
            }
            return .json("[\(results.joined(separator: ","))]")
        }
    }

    @Test func splitsIntoChunksOf200AndMapsEachUpsertResult() async throws {
        try await ScriptedPeer.run(Self.script()) { peer in
            let input = Self.events(450)
            let results = try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                try await client.upsert("Lead_Scoring_Event__c", externalIdField: "Event_Key__c", records: input)
            }
            #expect(results.map(\.index) == Array(0..<450))
            #expect(results.filter { !$0.success }.map(\.index) == [7])
            #expect(results[7].problems == [.init(statusCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION", message: "Tier must be A-D",
                                                  fields: ["Tier__c"])])
            for (index, result) in results.enumerated() where index != 7 {
                #expect(result.id == Self.eventId(Self.key(index)))
                #expect(result.created == (index % 2 == 1))
            }
            #expect(Set(results.compactMap(\.created)).count == 2)

            let requests = peer.apiRequests
            #expect(requests.map(\.method) == ["PATCH", "PATCH", "PATCH"])
            #expect(requests.allSatisfy { $0.path == Self.path })
            let bodies = requests.compactMap { $0.json as? [String: Any] }
            #expect(bodies.compactMap { ($0["records"] as? [Any])?.count } == [200, 200, 50])
            #expect(bodies.allSatisfy { $0["allOrNone"] as? Bool == false })
            let first = try #require((bodies.first?["records"] as? [[String: Any]])?.first)
            #expect((first["attributes"] as? [String: Any])?["type"] as? String == "Lead_Scoring_Event__c")
            #expect(first["Event_Key__c"] as? String == Self.key(0))
            #expect(first["Id"] == nil)
        }
    }

    @Test func retriesServerFaultsRowLocksAndACutAnswer() async throws {
        let locked = [Self.key(1)]
        let before: [Int: ScriptedPeer.Reply] = [
            0: .json(#"[{"message":"Server unavailable","errorCode":"SERVER_UNAVAILABLE"}]"#, status: 503),
            1: .json(#"[{"message":"unable to obtain exclusive access to this record","errorCode":"UNABLE_TO_LOCK_ROW","fields":[]}]"#, status: 400),
            // The answer breaks off: Salesforce may have written the records, and sending them again is harmless.
            2: ScriptedPeer.Reply(status: 200, headers: ["Content-Type": "application/json"],
                                  body: Data(#"[{"id":"a0B000000000001","success":true,"errors":[],"created":true}]"#.utf8), cutAfter: 20),
        ]
        try await ScriptedPeer.run(Self.script(locked: Set(locked), before: before)) { peer in
            let clock = RecordingClock()
            let (results, usage) = try await TestClients.with(TestClients.config(base: peer.base, retries: 5), clock: clock) { client in
                (try await client.upsert("Lead_Scoring_Event__c", externalIdField: "Event_Key__c", records: Self.events(3)),
                 await client.usage())
            }
            #expect(results.map(\.success) == [true, true, true])
            #expect(results[1].id == Self.eventId(Self.key(1)))
            let sizes = peer.apiRequests.compactMap { (($0.json as? [String: Any])?["records"] as? [Any])?.count }
            // Three whole-request retries, then the one locked record again.
            #expect(sizes == [3, 3, 3, 3, 1])
            #expect(usage.retries == 3)
            #expect(clock.recorded.count == 4)
        }
    }

    @Test func refusesRecordsThatCannotBeUpserted() async throws {
        try await ScriptedPeer.run(Self.script()) { peer in
            try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                let keyed = SalesforceRecord(fields: ["Event_Key__c": .string("k1")])
                let withId = SalesforceRecord(fields: ["Event_Key__c": .string("k2"), "Id": .string(ClientCollectionsTests.leadId(1))])
                let withoutKey = SalesforceRecord(fields: ["Score__c": SalesforceValue(1)])
                let emptyKey = SalesforceRecord(fields: ["Event_Key__c": .string("")])
                for records in [[keyed, withId], [keyed, withoutKey], [emptyKey]] {
                    await #expect(throws: SalesforceClientError.self) {
                        try await client.upsert("Lead_Scoring_Event__c", externalIdField: "Event_Key__c", records: records)
                    }
                }
                await #expect(throws: SalesforceClientError.self) {
                    try await client.upsert("Lead", externalIdField: "Id", records: [keyed])
                }
                await #expect(throws: SalesforceClientError.self) {
                    try await client.upsert("Lead_Scoring_Event__c", externalIdField: "Event_Key__c/x", records: [keyed])
                }
                let nothing = try await client.upsert("Lead_Scoring_Event__c", externalIdField: "Event_Key__c", records: [])
                #expect(nothing.isEmpty)
            }
            #expect(peer.apiRequests.isEmpty)
        }
    }
}
