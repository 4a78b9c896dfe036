import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import NIOHTTP1
import Testing

/// sObject Collections: per-record SaveResults, allOrNone rollback, the 200-record limit, creates.
@Suite struct CollectionTests {
    static let path = "/services/data/v62.0/composite/sobjects"

    static func lead(_ id: String?, _ fields: [String: Any]) -> [String: Any] {
        var record = fields
        record["attributes"] = ["type": "Lead"]
        if let id { record["id"] = id }
        return record
    }

    @Test func eachRecordGetsItsOwnResult() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let ids = (0..<4).map { leads.value("Id", row: $0) }
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let answer = try await client.send(.PATCH, Self.path, token: token, json: ["allOrNone": false, "records": [
                Self.lead(ids[0], ["Rating": "Hot"]),
                Self.lead(ids[1], ["IsConverted": true]),
                Self.lead(nil, ["Rating": "Warm"]),
                Self.lead("00Qnotanid", ["Rating": "Warm"]),
                Self.lead(SalesforceId.caseSafe("00Q5e0000000001"), ["Rating": "Warm"]),
                Self.lead(ids[2], ["LastName": NSNull()]),
                Self.lead(ids[3], ["Rating": "Cold"]),
            ]])
            #expect(answer.status == 200)
            let results = answer.array
            #expect(results.count == 7)
            #expect(results.map { $0["success"] as? Bool } == [true, false, false, false, false, false, true])
            #expect(results[0]["id"] as? String == ids[0])
            let codes = results.map { (($0["errors"] as? [[String: Any]])?.first?["statusCode"] as? String) ?? "" }
            #expect(codes == ["", "INVALID_FIELD_FOR_INSERT_UPDATE", "MISSING_ARGUMENT", "MALFORMED_ID", "ENTITY_IS_DELETED",
                              "REQUIRED_FIELD_MISSING", ""])
            #expect((results[1]["errors"] as? [[String: Any]])?.first?["fields"] as? [String] == ["IsConverted"])
            let first = try await client.get("/services/data/v62.0/sobjects/Lead/\(ids[0])?fields=Rating", token: token)
            #expect(first.object["Rating"] as? String == "Hot")
            let last = try await client.get("/services/data/v62.0/sobjects/Lead/\(ids[3])?fields=Rating", token: token)
            #expect(last.object["Rating"] as? String == "Cold")
        }
    }

    @Test func allOrNoneRollsEverythingBackOnOneFailure() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let ids = (0..<2).map { leads.value("Id", row: $0) }
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let answer = try await client.send(.PATCH, Self.path, token: token, json: ["allOrNone": true, "records": [
                Self.lead(ids[0], ["Company": "Changed Inc"]),
                Self.lead(ids[1], ["NumberOfEmployees": 1.5]),
            ]])
            #expect(answer.status == 200)
            let results = answer.array
            #expect(results.map { $0["success"] as? Bool } == [false, false])
            let rolledBack = (results[0]["errors"] as? [[String: Any]])?.first
            #expect(rolledBack?["statusCode"] as? String == "ALL_OR_NONE_OPERATION_ROLLED_BACK")
            #expect(rolledBack?["message"] as? String
                    == "Record rolled back because not all records were valid and the request was using AllOrNone header")
            #expect(results[0]["id"] as? String == ids[0])
            #expect((results[1]["errors"] as? [[String: Any]])?.first?["statusCode"] as? String == "INVALID_TYPE_ON_FIELD_IN_RECORD")
            let record = try await client.get("/services/data/v62.0/sobjects/Lead/\(ids[0])?fields=Company", token: token)
            #expect(record.object["Company"] as? String == leads.value("Company", row: 0))
        }
    }

    @Test func requestsTheBodyCannotCarryFailAsAWhole() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let id = leads.value("Id", row: 0)
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let tooMany = try await client.send(.PATCH, Self.path, token: token,
                                                json: ["records": Array(repeating: Self.lead(id, ["Rating": "Hot"]), count: 201)])
            #expect(tooMany.status == 400)
            #expect(tooMany.errorCode == "EXCEEDED_ID_LIMIT")
            let cases: [([String: Any], String)] = [
                (["records": [["id": id, "Rating": "Hot"]]], "INVALID_TYPE"),
                (["records": [["attributes": ["type": "Opportunity"], "id": id]]], "INVALID_TYPE"),
                (["records": [Self.lead(id, ["Nope__c": 1])]], "INVALID_FIELD"),
                (["records": [Self.lead(id, ["NumberOfEmployees": "many"])]], "JSON_PARSER_ERROR"),
                (["allOrNone": "yes", "records": []], "JSON_PARSER_ERROR"),
                (["record": []], "JSON_PARSER_ERROR"),
            ]
            for (body, code) in cases {
                let answer = try await client.send(.PATCH, Self.path, token: token, json: body)
                #expect(answer.status == 400, "\(body)")
                #expect(answer.errorCode == code, "\(body): \(answer.text)")
            }
            let exactly200 = try await client.send(.PATCH, Self.path, token: token,
                                                   json: ["records": Array(repeating: Self.lead(id, ["Rating": "Hot"]), count: 200)])
            #expect(exactly200.array.count == 200)
        }
    }

    @Test func postCreatesRecordsAndRefusesIds() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        try await DevServerFixture.withServer(org: org) { client, server in
            let token = try await client.token()
            let answer = try await client.send(.POST, Self.path, token: token, json: ["records": [
                Self.lead(nil, ["LastName": "Ngata", "Company": "Kiwi Ltd", "LeadSource": "Web"]),
                Self.lead(nil, ["LastName": "NoCompany"]),
                Self.lead(leads.value("Id", row: 0), ["LastName": "Dup", "Company": "Dup"]),
            ]])
            let results = answer.array
            #expect(results.map { $0["success"] as? Bool } == [true, false, false])
            let id = try #require(results[0]["id"] as? String)
            #expect((results[2]["errors"] as? [[String: Any]])?.first?["statusCode"] as? String == "INVALID_FIELD")
            let created = try await client.get("/services/data/v62.0/sobjects/Lead/\(id)?fields=LastName,LeadSource", token: token)
            #expect(created.object["LastName"] as? String == "Ngata")
            #expect(try await server.store.count(of: "Lead") == 301)
        }
    }
}
