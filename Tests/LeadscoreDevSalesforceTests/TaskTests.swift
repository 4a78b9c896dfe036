import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import NIOHTTP1
import Testing

/// The built-in standard Task: its describe, creates through sObject rows and Collections with the
/// picklist defaults of a new org, lookups to Leads checked, and SOQL over the tasks created.
@Suite struct TaskTests {
    @Test func taskHasTheStandardDescribe() async throws {
        try await DevServerFixture.withServer { client, _ in
            let answer = try await client.get("/services/data/v62.0/sobjects/Task/describe", token: try await client.token())
            #expect(answer.status == 200)
            #expect(answer.object["keyPrefix"] as? String == "00T")
            var types: [String: String] = [:]
            for field in answer.object["fields"] as? [[String: Any]] ?? [] {
                types[field["name"] as? String ?? ""] = field["type"] as? String
            }
            let expected = ["Id": "id", "Subject": "combobox", "WhoId": "reference", "OwnerId": "reference", "ActivityDate": "date",
                            "Status": "picklist", "Priority": "picklist", "Description": "textarea", "IsReminderSet": "boolean",
                            "ReminderDateTime": "datetime", "CreatedDate": "datetime", "SystemModstamp": "datetime"]
            for (name, type) in expected { #expect(types[name] == type, "\(name)") }
            let who = (answer.object["fields"] as? [[String: Any]])?.first { $0["name"] as? String == "WhoId" }
            #expect(who?["referenceTo"] as? [String] == ["Contact", "Lead"])
        }
    }

    @Test func tasksAreCreatedForLeadsAndQueried() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let open = leads.rows(where: "IsConverted", is: "false").prefix(2).map { leads.value("Id", row: $0) }
        let clockStart = try #require(ISO8601DateFormatter().date(from: "2025-07-01T09:00:00Z"))
        try await DevServerFixture.withServer(org: org, now: clockStart) { client, server in
            let token = try await client.token()
            let single = try await client.send(.POST, "/services/data/v62.0/sobjects/Task", token: token, json: [
                "Subject": "Call hot lead", "WhoId": open[0], "ActivityDate": "2025-07-02", "Priority": "High",
                "IsReminderSet": true, "ReminderDateTime": "2025-07-02T08:00:00.000Z", "Description": "Score 91 (tier A)",
            ])
            #expect(single.status == 201)
            let id = try #require(single.object["id"] as? String)
            #expect(id.hasPrefix("00T"))
            let batch = try await client.send(.POST, "/services/data/v62.0/composite/sobjects", token: token, json: ["records": [
                ["attributes": ["type": "Task"], "Subject": "Follow up", "WhoId": open[1]],
                ["attributes": ["type": "Task"], "Subject": "Nobody", "WhoId": SalesforceId.caseSafe("00Q5e0000000001")],
                ["attributes": ["type": "Task"], "Subject": "Wrong", "WhoId": open[1], "Priority": ["High"]],
            ]])
            #expect(batch.status == 400, "a value that cannot be deserialized fails the whole request")
            let good = try await client.send(.POST, "/services/data/v62.0/composite/sobjects", token: token, json: ["records": [
                ["attributes": ["type": "Task"], "Subject": "Follow up", "WhoId": open[1]],
                ["attributes": ["type": "Task"], "Subject": "Nobody", "WhoId": SalesforceId.caseSafe("00Q5e0000000001")],
            ]])
            #expect(good.array.map { $0["success"] as? Bool } == [true, false])
            #expect((good.array[1]["errors"] as? [[String: Any]])?.first?["statusCode"] as? String == "INVALID_CROSS_REFERENCE_KEY")
            #expect(try await server.store.count(of: "Task") == 2)

            let soql = "SELECT Id, Subject, WhoId, Status, Priority, ActivityDate, IsReminderSet, CreatedDate FROM Task "
                + "WHERE WhoId = '\(open[0])' OR Subject LIKE 'Follow%' ORDER BY Subject"
            let query = try await client.get("/services/data/v62.0/query?q=\(DevClient.queryEncoded(soql))", token: token)
            let records = query.object["records"] as? [[String: Any]] ?? []
            #expect(records.compactMap { $0["Subject"] as? String } == ["Call hot lead", "Follow up"])
            #expect(records.map { $0["Status"] as? String } == ["Not Started", "Not Started"], "the default status")
            #expect(records.map { $0["Priority"] as? String } == ["High", "Normal"], "Normal is the default priority")
            #expect(records.first?["ActivityDate"] as? String == "2025-07-02")
            #expect((records.first?["CreatedDate"] as? String)?.hasPrefix("2025-07-01T09:0") == true)
            #expect(query.text.contains("\"IsReminderSet\":true") && query.text.contains("\"IsReminderSet\":false"))
        }
    }
}
