import Foundation
import LeadscoreDevSalesforce
import Testing
import NIOHTTP1
import LeadscoreData

/// sObject Rows: read one record (all readable fields, or `?fields=`), update it with PATCH (204),
/// and the errors a real org answers for unknown records and fields, read-only fields, wrong JSON
/// types and broken field rules.
@Suite struct SObjectTests {
    @Test func aRecordReadsWithAllFieldsOrTheOnesAsked() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let id = leads.value("Id", row: 3)
            let full = try await client.get("/services/data/v62.0/sobjects/Lead/\(id)", token: token)
            #expect(full.status == 200)
            #expect(Set(full.object.keys) == Set(leads.header + ["attributes"]))
            #expect(full.object["Company"] as? String == leads.value("Company", row: 3))
            let some = try await client.get("/services/data/v62.0/sobjects/Lead/\(id)?fields=Company,status", token: token)
            #expect(Set(some.object.keys) == ["attributes", "Company", "Status"])
            #expect(some.text.hasPrefix("{\"attributes\":{\"type\":\"Lead\",\"url\":\"/services/data/v62.0/sobjects/Lead/\(id)\"}"))
            // The 15-character form finds the same record.
            let short = try await client.get("/services/data/v62.0/sobjects/Lead/\(id.prefix(15))?fields=Id", token: token)
            #expect(short.object["Id"] as? String == id)
        }
    }

    @Test func unknownRecordsAndFieldsAreRefused() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let absent = SalesforceId.caseSafe("00Q5e0000000001")
            let missing = try await client.get("/services/data/v62.0/sobjects/Lead/\(absent)", token: token)
            #expect(missing.status == 404)
            #expect(missing.errorCode == "NOT_FOUND")
            #expect(try await client.get("/services/data/v62.0/sobjects/Lead/not-an-id", token: token).status == 404)
            let field = try await client.get("/services/data/v62.0/sobjects/Lead/\(leads.value("Id", row: 0))?fields=Nope__c", token: token)
            #expect(field.status == 400)
            #expect(field.errorCode == "INVALID_FIELD")
        }
    }

    @Test func patchUpdatesTheRecordAndItsSystemModstamp() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let clockStart = try #require(ISO8601DateFormatter().date(from: "2025-07-01T00:00:00Z"))
        try await DevServerFixture.withServer(org: org, now: clockStart) { client, _ in
            let token = try await client.token()
            let id = leads.value("Id", row: 5)
            let answer = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(id)", token: token,
                                               json: ["Rating": "Hot", "NumberOfEmployees": 42, "Email_Opens__c": 7.5,
                                                      "Demo_Requested__c": true, "Title": NSNull()])
            #expect(answer.status == 204)
            #expect(answer.text.isEmpty)
            let record = try await client.get(
                "/services/data/v62.0/sobjects/Lead/\(id)?fields=Rating,NumberOfEmployees,Email_Opens__c,Demo_Requested__c,Title,SystemModstamp",
                token: token)
            #expect(record.object["Rating"] as? String == "Hot")
            #expect(record.text.contains("\"NumberOfEmployees\":42"))
            #expect(record.text.contains("\"Email_Opens__c\":7.5"))
            #expect(record.text.contains("\"Demo_Requested__c\":true"))
            #expect(record.text.contains("\"Title\":null"))
            let stamp = try #require(record.object["SystemModstamp"] as? String)
            #expect(stamp.hasPrefix("2025-07-01T00:0"), "the org clock started at --now: \(stamp)")
            #expect(stamp != leads.value("SystemModstamp", row: 5))
        }
    }

    @Test func patchValidatesEachFieldAgainstTheDescribe() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let id = leads.value("Id", row: 7)
            let cases: [([String: Any], String, [String]?)] = [
                (["Nope__c": 1], "INVALID_FIELD", nil),
                (["IsConverted": true], "INVALID_FIELD_FOR_INSERT_UPDATE", ["IsConverted"]),
                (["CreatedDate": "2025-01-01T00:00:00.000+0000"], "INVALID_FIELD_FOR_INSERT_UPDATE", ["CreatedDate"]),
                (["NumberOfEmployees": "many"], "JSON_PARSER_ERROR", nil),
                (["HasOptedOutOfEmail": 3], "JSON_PARSER_ERROR", nil),
                (["Rating": ["Hot"]], "JSON_PARSER_ERROR", nil),
                (["LastActivityDate": "next week"], "JSON_PARSER_ERROR", nil),
                (["NumberOfEmployees": 2.5], "INVALID_TYPE_ON_FIELD_IN_RECORD", ["NumberOfEmployees"]),
                (["LastName": NSNull()], "REQUIRED_FIELD_MISSING", ["LastName"]),
                (["Company": String(repeating: "x", count: 256)], "STRING_TOO_LONG", ["Company"]),
                (["OwnerId": "someone"], "MALFORMED_ID", ["OwnerId"]),
                (["Email": "not an email"], "INVALID_EMAIL_ADDRESS", ["Email"]),
            ]
            for (body, code, fields) in cases {
                let answer = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(id)", token: token, json: body)
                #expect(answer.status == 400, "\(body)")
                #expect(answer.errorCode == code, "\(body): \(answer.text)")
                #expect(answer.array.first?["fields"] as? [String] == fields, "\(body)")
            }
            let notJSON = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(id)", token: token,
                                                headers: ["Content-Type": "application/json"])
            #expect(notJSON.errorCode == "JSON_PARSER_ERROR")
            // Nothing above was saved.
            let record = try await client.get("/services/data/v62.0/sobjects/Lead/\(id)?fields=Company,SystemModstamp", token: token)
            #expect(record.object["Company"] as? String == leads.value("Company", row: 7))
            #expect(record.object["SystemModstamp"] as? String == leads.value("SystemModstamp", row: 7))
            let unknown = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(SalesforceId.caseSafe("00Q5e0000000001"))",
                                                token: token, json: ["Rating": "Hot"])
            #expect(unknown.status == 404)
        }
    }

    @Test func postCreatesARecordWithDefaults() async throws {
        try await DevServerFixture.withServer { client, _ in
            let token = try await client.token()
            let created = try await client.send(.POST, "/services/data/v62.0/sobjects/Lead", token: token,
                                                json: ["LastName": "Okafor", "Company": "Acme"])
            #expect(created.status == 201)
            let id = try #require(created.object["id"] as? String)
            #expect(id.hasPrefix("00Q") && id.count == 18)
            let record = try await client.get("/services/data/v62.0/sobjects/Lead/\(id)", token: token)
            #expect(record.object["Status"] as? String == "Open - Not Contacted")
            #expect(record.text.contains("\"IsConverted\":false"))
            #expect(record.object["CreatedDate"] is String)
            let refused = try await client.send(.POST, "/services/data/v62.0/sobjects/Lead", token: token, json: ["LastName": "Only"])
            #expect(refused.errorCode == "REQUIRED_FIELD_MISSING")
        }
    }
}
