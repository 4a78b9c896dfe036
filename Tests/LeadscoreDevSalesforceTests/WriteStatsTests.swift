import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import NIOHTTP1
import Testing

/// `/__dev/stats` counts the records each object's writes created, updated, upserted and refused, so a
/// test can prove that running a sync twice wrote nothing twice.
@Suite struct WriteStatsTests {
    static func writes(_ client: DevClient) async throws -> [String: [String: Int]] {
        try await client.get("/__dev/stats", token: nil).object["writes"] as? [String: [String: Int]] ?? [:]
    }

    @Test func everyWritePathIsCounted() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let open = leads.rows(where: "IsConverted", is: "false").prefix(3).map { leads.value("Id", row: $0) }
        let converted = leads.value("Id", row: try #require(leads.rows(where: "IsConverted", is: "true").first))
        try await DevServerFixture.withServer(org: org, packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            #expect(try await Self.writes(client).isEmpty)
            _ = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(open[0])", token: token, json: ["AI_Score__c": 40])
            _ = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(converted)", token: token, json: ["AI_Score__c": 40])
            _ = try await client.send(.PATCH, "/services/data/v62.0/composite/sobjects", token: token, json: ["records": [
                ["attributes": ["type": "Lead"], "id": open[1], "AI_Tier__c": "B"],
                ["attributes": ["type": "Lead"], "id": open[2], "AI_Tier__c": "Z"],
            ]])
            _ = try await client.send(.POST, "/services/data/v62.0/sobjects/Task", token: token, json: ["Subject": "Call", "WhoId": open[0]])
            _ = try await client.send(.POST, "/services/data/v62.0/sobjects/Hot_Lead__e", token: token, json: ["Score__c": 90])
            let counts = try await Self.writes(client)
            #expect(counts["Lead"] == ["created": 0, "updated": 2, "upserted": 0, "refused": 2])
            #expect(counts["Task"] == ["created": 1, "updated": 0, "upserted": 0, "refused": 0])
            #expect(counts["Hot_Lead__e"] == nil, "published events are counted under events")
        }
    }

    @Test func aRerunOfTheSameUpsertsCreatesNothing() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let open = leads.rows(where: "IsConverted", is: "false").prefix(5).map { leads.value("Id", row: $0) }
        try await DevServerFixture.withServer(org: org, packages: [try TestPackage.scoring()]) { client, server in
            let token = try await client.token()
            let records = open.map {
                ["attributes": ["type": "Lead_Scoring_Event__c"], "Event_Key__c": "run-3:\($0)", "Lead__c": $0, "Score__c": 71] as [String: Any]
            }
            for _ in 0..<2 {
                let answer = try await client.send(.PATCH, "/services/data/v62.0/composite/sobjects/Lead_Scoring_Event__c/Event_Key__c",
                                                   token: token, json: ["records": records])
                #expect(answer.array.allSatisfy { $0["success"] as? Bool == true })
            }
            let single = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead_Scoring_Event__c/Event_Key__c/run-3:\(open[0])",
                                               token: token, json: ["Score__c": 72])
            #expect(single.status == 200)
            #expect(try await Self.writes(client)["Lead_Scoring_Event__c"] == ["created": 5, "updated": 6, "upserted": 11, "refused": 0])
            #expect(try await server.store.count(of: "Lead_Scoring_Event__c") == 5)
        }
    }
}
