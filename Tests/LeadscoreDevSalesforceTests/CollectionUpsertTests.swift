import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import NIOHTTP1
import Testing

/// `PATCH /composite/sobjects/{object}/{externalIdField}`: one UpsertResult per record with `created`,
/// keys repeated within a request (DUPLICATE_VALUE) or across the org (DUPLICATE_EXTERNAL_ID), allOrNone,
/// the 200-record limit, and fields that are not external ids.
@Suite struct CollectionUpsertTests {
    static let path = "/services/data/v62.0/composite/sobjects/Lead_Scoring_Event__c/Event_Key__c"

    static func event(_ key: String?, _ fields: [String: Any] = [:]) -> [String: Any] {
        var record = fields
        record["attributes"] = ["type": "Lead_Scoring_Event__c"]
        if let key { record["Event_Key__c"] = key }
        return record
    }

    static func codes(_ answer: DevClient.Answer) -> [String] {
        answer.array.map { (($0["errors"] as? [[String: Any]])?.first?["statusCode"] as? String) ?? "" }
    }

    @Test func aRerunUpdatesWhatTheFirstRunCreated() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let ids = leads.rows(where: "IsConverted", is: "false").prefix(3).map { leads.value("Id", row: $0) }
        try await DevServerFixture.withServer(org: org, packages: [try TestPackage.scoring()]) { client, server in
            let token = try await client.token()
            let records = ids.map { Self.event("run-1:\($0)", ["Lead__c": $0, "Score__c": 50]) }
            let first = try await client.send(.PATCH, Self.path, token: token, json: ["allOrNone": false, "records": Array(records.prefix(2))])
            #expect(first.status == 200)
            #expect(first.array.map { $0["created"] as? Bool } == [true, true])
            #expect(first.array.allSatisfy { ($0["id"] as? String)?.count == 18 && $0["success"] as? Bool == true })
            let rerun = try await client.send(.PATCH, Self.path, token: token, json: ["records": records])
            #expect(rerun.array.map { $0["created"] as? Bool } == [false, false, true])
            #expect(rerun.array.prefix(2).map { $0["id"] as? String } == first.array.map { $0["id"] as? String })
            #expect(try await server.store.count(of: "Lead_Scoring_Event__c") == 3)
        }
    }

    @Test func recordsThatCannotBeUpsertedFailOneByOne() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let lead = leads.value("Id", row: try #require(leads.rows(where: "IsConverted", is: "false").first))
        try await DevServerFixture.withServer(org: org, packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            let answer = try await client.send(.PATCH, Self.path, token: token, json: ["records": [
                Self.event("same", ["Score__c": 1]),
                Self.event("SAME", ["Score__c": 2]),
                Self.event(nil, ["Score__c": 3]),
                Self.event("with-id", ["Id": lead]),
                Self.event("fine", ["Lead__c": lead]),
                Self.event("dangling", ["Lead__c": SalesforceId.caseSafe("00Q5e0000000001")]),
            ]])
            #expect(answer.status == 200)
            #expect(Self.codes(answer) == ["DUPLICATE_VALUE", "DUPLICATE_VALUE", "MISSING_ARGUMENT", "INVALID_FIELD", "",
                                           "INVALID_CROSS_REFERENCE_KEY"])
            let duplicate = (answer.array[0]["errors"] as? [[String: Any]])?.first
            #expect(duplicate?["message"] as? String == "Duplicate external id specified: same")
            #expect(duplicate?["fields"] as? [String] == ["Event_Key__c"])
            #expect(answer.array[4]["created"] as? Bool == true)

            let atomic = try await client.send(.PATCH, Self.path, token: token, json: ["allOrNone": true, "records": [
                Self.event("fine", ["Score__c": 9]), Self.event("new-one"), Self.event("bad", ["Score__c": 1_000]),
            ]])
            #expect(Self.codes(atomic) == ["ALL_OR_NONE_OPERATION_ROLLED_BACK", "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                                           "NUMBER_OUTSIDE_VALID_RANGE"])
            #expect(atomic.array[0]["id"] as? String != nil, "a rolled-back update names its record")
            let unchanged = try await client.get("/services/data/v62.0/sobjects/Lead_Scoring_Event__c/Event_Key__c/fine", token: token)
            #expect(unchanged.text.contains("\"Score__c\":null"))
            let created = try await client.get("/services/data/v62.0/sobjects/Lead_Scoring_Event__c/Event_Key__c/new-one", token: token)
            #expect(created.status == 404)
        }
    }

    @Test func aKeyTheOrgHasTwiceIsRefusedForThatRecord() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let ids = leads.rows(where: "IsConverted", is: "false").prefix(3).map { leads.value("Id", row: $0) }
        try await DevServerFixture.withServer(org: org, packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            for id in ids.prefix(2) {
                _ = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(id)", token: token, json: ["Legacy_Key__c": "twice"])
            }
            let answer = try await client.send(.PATCH, "/services/data/v62.0/composite/sobjects/Lead/Legacy_Key__c", token: token,
                                               json: ["records": [
                                                   ["attributes": ["type": "Lead"], "Legacy_Key__c": "twice", "Rating": "Hot"],
                                                   ["attributes": ["type": "Lead"], "Legacy_Key__c": "new", "LastName": "Ito", "Company": "Ito KK"],
                                               ]])
            #expect(Self.codes(answer) == ["DUPLICATE_EXTERNAL_ID", ""])
            let message = ((answer.array[0]["errors"] as? [[String: Any]])?.first?["message"] as? String) ?? ""
            #expect(message.contains(ids[0]) && message.contains(ids[1]))
        }
    }

    @Test func theRequestItselfMustBeAnUpsertOfOneObject() async throws {
        try await DevServerFixture.withServer(packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            let cases: [(String, [String: Any], Int, String)] = [
                ("/services/data/v62.0/composite/sobjects/Lead/Company", ["records": []], 400, "INVALID_FIELD"),
                ("/services/data/v62.0/composite/sobjects/Lead_Scoring_Event__c/Name", ["records": []], 400, "INVALID_FIELD"),
                (Self.path, ["records": [["attributes": ["type": "Lead"], "Event_Key__c": "x"]]], 400, "INVALID_TYPE"),
                (Self.path, ["records": [Self.event("x", ["Nope__c": 1])]], 400, "INVALID_FIELD"),
                (Self.path, ["records": Array(repeating: Self.event("x"), count: 201)], 400, "EXCEEDED_ID_LIMIT"),
                ("/services/data/v45.0/composite/sobjects/Lead_Scoring_Event__c/Event_Key__c", ["records": []], 404, "NOT_FOUND"),
            ]
            for (path, body, status, code) in cases {
                let answer = try await client.send(.PATCH, path, token: token, json: body)
                #expect(answer.status == status, "\(path) \(body.keys)")
                #expect(answer.errorCode == code, "\(path): \(answer.text)")
            }
        }
    }
}
