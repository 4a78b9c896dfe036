import Foundation
import LeadscoreDevSalesforce
import Testing

/// Describe Global, sObject Basic Information and sObject Describe, served from the org's describe
/// files with this server's version in every url.
@Suite struct DescribeTests {
    @Test func leadDescribeIsTheOrgsDescribeWithThisVersionsUrls() async throws {
        let org = try DevServerFixture.makeOrg()
        let original = try JSONSerialization.jsonObject(with: Data(contentsOf: org.appendingPathComponent("describe.json")))
            as? [String: Any] ?? [:]
        try await DevServerFixture.withServer(org: org) { client, _ in
            let answer = try await client.get("/services/data/v61.0/sobjects/Lead/describe", token: try await client.token())
            #expect(answer.status == 200)
            #expect(answer.headers["content-type"]?.hasPrefix("application/json") == true)
            let served = answer.object
            #expect(served["name"] as? String == "Lead")
            let names = { (document: [String: Any]) in ((document["fields"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String } }
            #expect(names(served) == names(original))
            #expect(names(served).count > 20)
            let urls = served["urls"] as? [String: String] ?? [:]
            #expect(urls["describe"] == "/services/data/v61.0/sobjects/Lead/describe")
            #expect(urls["rowTemplate"] == "/services/data/v61.0/sobjects/Lead/{ID}")
        }
    }

    @Test func leadHistoryHasItsBuiltInDescribe() async throws {
        try await DevServerFixture.withServer { client, _ in
            let answer = try await client.get("/services/data/v62.0/sobjects/LeadHistory/describe", token: try await client.token())
            #expect(answer.status == 200)
            let fields = answer.object["fields"] as? [[String: Any]] ?? []
            let types = Dictionary(uniqueKeysWithValues: fields.compactMap { field in
                (field["name"] as? String).map { ($0, field["type"] as? String ?? "") }
            })
            #expect(types == ["Id": "id", "IsDeleted": "boolean", "LeadId": "reference", "CreatedById": "reference",
                              "CreatedDate": "datetime", "Field": "picklist", "OldValue": "anyType", "NewValue": "anyType"])
            #expect(answer.object["keyPrefix"] as? String == "017")
            let picklist = (fields.first { $0["name"] as? String == "Field" }?["picklistValues"] as? [[String: Any]] ?? [])
                .compactMap { $0["value"] as? String }
            #expect(picklist.contains("created") && picklist.contains("Status") && picklist.contains("Rating"))
        }
    }

    @Test func describeGlobalAndBasicInformationListTheOrgsObjects() async throws {
        try await DevServerFixture.withServer { client, _ in
            let token = try await client.token()
            let global = try await client.get("/services/data/v62.0/sobjects", token: token)
            let objects = global.object["sobjects"] as? [[String: Any]] ?? []
            #expect(objects.compactMap { $0["name"] as? String } == ["Lead", "LeadHistory", "Task"], "Task is built in")
            #expect(global.object["maxBatchSize"] as? Int == 200)
            let basic = try await client.get("/services/data/v62.0/sobjects/lead", token: token)
            let described = basic.object["objectDescribe"] as? [String: Any]
            #expect(described?["name"] as? String == "Lead")
            #expect((described?["urls"] as? [String: String])?["sobject"] == "/services/data/v62.0/sobjects/Lead")
            let unknown = try await client.get("/services/data/v62.0/sobjects/Opportunity/describe", token: token)
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "NOT_FOUND")
        }
    }
}
