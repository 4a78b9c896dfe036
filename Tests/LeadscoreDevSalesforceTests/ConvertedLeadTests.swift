import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import NIOHTTP1
import Testing

/// A converted Lead is read-only for every write, and no new record may point at it:
/// CANNOT_UPDATE_CONVERTED_LEAD, "cannot reference converted lead", as a real org answers.
@Suite struct ConvertedLeadTests {
    static let message = "cannot reference converted lead"

    @Test func patchingAConvertedLeadIsRefusedAndChangesNothing() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let row = try #require(leads.rows(where: "IsConverted", is: "true").first)
        let id = leads.value("Id", row: row)
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let answer = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(id)", token: token, json: ["Rating": "Hot"])
            #expect(answer.status == 400)
            #expect(answer.errorCode == "CANNOT_UPDATE_CONVERTED_LEAD")
            #expect(answer.array.first?["message"] as? String == Self.message)
            let record = try await client.get("/services/data/v62.0/sobjects/Lead/\(id)?fields=Rating,SystemModstamp", token: token)
            #expect(record.object["SystemModstamp"] as? String == leads.value("SystemModstamp", row: row))
        }
    }

    @Test func collectionsRefuseOnlyTheConvertedRecords() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let converted = leads.value("Id", row: try #require(leads.rows(where: "IsConverted", is: "true").first))
        let open = leads.value("Id", row: try #require(leads.rows(where: "IsConverted", is: "false").first))
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let records: [[String: Any]] = [open, converted].map { ["attributes": ["type": "Lead"], "id": $0, "Rating": "Warm"] }
            let answer = try await client.send(.PATCH, "/services/data/v62.0/composite/sobjects", token: token,
                                               json: ["allOrNone": false, "records": records])
            #expect(answer.array.map { $0["success"] as? Bool } == [true, false])
            let error = (answer.array[1]["errors"] as? [[String: Any]])?.first
            #expect(error?["statusCode"] as? String == "CANNOT_UPDATE_CONVERTED_LEAD")
            #expect(error?["message"] as? String == Self.message)
            let atomic = try await client.send(.PATCH, "/services/data/v62.0/composite/sobjects", token: token,
                                               json: ["allOrNone": true, "records": records])
            let codes = atomic.array.map { (($0["errors"] as? [[String: Any]])?.first?["statusCode"] as? String) ?? "" }
            #expect(codes == ["ALL_OR_NONE_OPERATION_ROLLED_BACK", "CANNOT_UPDATE_CONVERTED_LEAD"])
        }
    }

    @Test func newRecordsCannotPointAtAConvertedLead() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let converted = leads.value("Id", row: try #require(leads.rows(where: "IsConverted", is: "true").first))
        try await DevServerFixture.withServer(org: org, packages: [try TestPackage.scoring()]) { client, server in
            let token = try await client.token()
            let task = try await client.send(.POST, "/services/data/v62.0/sobjects/Task", token: token,
                                             json: ["Subject": "Call", "WhoId": converted])
            #expect(task.status == 400)
            #expect(task.errorCode == "CANNOT_UPDATE_CONVERTED_LEAD")
            #expect(task.array.first?["fields"] as? [String] == ["WhoId"])
            let event = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead_Scoring_Event__c/Event_Key__c/run-1:\(converted)",
                                              token: token, json: ["Lead__c": converted, "Score__c": 12])
            #expect(event.errorCode == "CANNOT_UPDATE_CONVERTED_LEAD")
            #expect(try await server.store.count(of: "Task") == 0)
            #expect(try await server.store.count(of: "Lead_Scoring_Event__c") == 0)
        }
    }
}
