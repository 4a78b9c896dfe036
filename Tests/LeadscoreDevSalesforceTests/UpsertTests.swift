import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import NIOHTTP1
import Testing

/// `PATCH /sobjects/{object}/{externalIdField}/{value}`: created (201, `created: true`), updated (200,
/// `created: false`; 204 before API 46.0), ambiguous (300 with the records' urls), and the fields an
/// upsert may not match on (404).
@Suite struct UpsertTests {
    static func eventPath(_ key: String, version: String = "62.0") -> String {
        "/services/data/v\(version)/sobjects/Lead_Scoring_Event__c/Event_Key__c/\(key)"
    }

    @Test func theSameKeyCreatesOnceThenUpdates() async throws {
        let org = try DevServerFixture.makeOrg()
        let lead = try CSVRows.leads(org: org).value("Id", row: 2)
        try await DevServerFixture.withServer(org: org, packages: [try TestPackage.scoring()]) { client, server in
            let token = try await client.token()
            let first = try await client.send(.PATCH, Self.eventPath("run-7:\(lead)"), token: token,
                                              json: ["Lead__c": lead, "Score__c": 64, "Mode__c": "route"])
            #expect(first.status == 201)
            #expect(first.object["created"] as? Bool == true)
            #expect(first.object["success"] as? Bool == true)
            let id = try #require(first.object["id"] as? String)
            let again = try await client.send(.PATCH, Self.eventPath("RUN-7:\(lead)"), token: token, json: ["Score__c": 65])
            #expect(again.status == 200, "external ids match without regard to case")
            #expect(again.object["created"] as? Bool == false)
            #expect(again.object["id"] as? String == id)
            #expect(try await server.store.count(of: "Lead_Scoring_Event__c") == 1)
            let read = try await client.get(Self.eventPath("run-7:\(lead)"), token: token)
            #expect(read.object["Id"] as? String == id)
            #expect(read.text.contains("\"Score__c\":65.0"))
            #expect(read.object["Event_Key__c"] as? String == "run-7:\(lead)")
            let old = try await client.send(.PATCH, Self.eventPath("run-7:\(lead)", version: "45.0"), token: token, json: ["Score__c": 66])
            #expect(old.status == 204 && old.text.isEmpty, "API 45.0 and older answer an update with 204")
            let bodyRepeatsKey = try await client.send(.PATCH, Self.eventPath("run-7:\(lead)"), token: token,
                                                       json: ["Event_Key__c": "run-8:\(lead)"])
            #expect(bodyRepeatsKey.status == 400)
            #expect(bodyRepeatsKey.errorCode == "INVALID_FIELD")
        }
    }

    @Test func updateOnlyAndRulesOfTheRecord() async throws {
        try await DevServerFixture.withServer(packages: [try TestPackage.scoring()]) { client, server in
            let token = try await client.token()
            let missing = try await client.send(.PATCH, Self.eventPath("nobody") + "?updateOnly=true", token: token, json: ["Score__c": 1])
            #expect(missing.status == 404)
            let badLookup = try await client.send(.PATCH, Self.eventPath("k-1"), token: token,
                                                  json: ["Lead__c": SalesforceId.caseSafe("00Q5e0000000001")])
            #expect(badLookup.errorCode == "INVALID_CROSS_REFERENCE_KEY")
            let wrongObject = try await client.send(.PATCH, Self.eventPath("k-2"), token: token,
                                                    json: ["Lead__c": SalesforceId.caseSafe("00T5e0000000001")])
            #expect(wrongObject.errorCode == "FIELD_INTEGRITY_EXCEPTION")
            let unknownField = try await client.send(.PATCH, Self.eventPath("k-3"), token: token, json: ["Nope__c": 1])
            #expect(unknownField.errorCode == "INVALID_FIELD")
            let tooBig = try await client.send(.PATCH, Self.eventPath("k-4"), token: token, json: ["Score__c": 1_000])
            #expect(tooBig.errorCode == "NUMBER_OUTSIDE_VALID_RANGE")
            #expect(try await server.store.count(of: "Lead_Scoring_Event__c") == 0)
        }
    }

    @Test func aKeySeveralRecordsShareIsAmbiguous() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let ids = leads.rows(where: "IsConverted", is: "false").prefix(2).map { leads.value("Id", row: $0) }
        try await DevServerFixture.withServer(org: org, packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            for id in ids {
                let tagged = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(id)", token: token,
                                                   json: ["Legacy_Key__c": "L-1"])
                #expect(tagged.status == 204)
            }
            let ambiguous = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/Legacy_Key__c/L-1", token: token,
                                                  json: ["Rating": "Hot"])
            #expect(ambiguous.status == 300)
            let urls = (ambiguous.json as? [String] ?? []).sorted()
            #expect(urls == ids.map { "/services/data/v62.0/sobjects/Lead/\($0)" }.sorted())
            let newLead = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/Legacy_Key__c/L-2", token: token,
                                                json: ["Rating": "Hot"])
            #expect(newLead.status == 400 && newLead.errorCode == "REQUIRED_FIELD_MISSING", "a new Lead needs LastName and Company")
        }
    }

    @Test func onlyExternalIdFieldsCanBeMatchedOn() async throws {
        try await DevServerFixture.withServer(packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            for field in ["Company", "AI_Input_Hash__c", "Nope__c", "Id"] {
                let answer = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(field)/x", token: token, json: ["Rating": "Hot"])
                #expect(answer.status == 404, "\(field)")
                #expect(answer.errorCode == "NOT_FOUND")
                #expect(answer.array.first?["message"] as? String == "Provided external ID field does not exist or is not accessible: \(field)")
            }
            let event = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Hot_Lead__e/Lead_Id__c/x", token: token, json: [:])
            #expect(event.status == 404)
        }
    }
}
