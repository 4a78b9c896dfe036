import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import NIOHTTP1
import Testing

/// The SQLite org: loaded from the exports once, reused afterwards (writes persist), reloaded by
/// `reset`, refused when the describes changed, and extended by adding a describe and its export.
@Suite struct OrgPersistenceTests {
    static func rating(_ client: DevClient, _ id: String) async throws -> String? {
        let answer = try await client.get("/services/data/v62.0/sobjects/Lead/\(id)?fields=Rating", token: try await client.token())
        return answer.object["Rating"] as? String
    }

    @Test func writesPersistAcrossRestartsUntilReset() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let id = leads.value("Id", row: 9)
        let original = leads.value("Rating", row: 9)
        let changed = original == "Hot" ? "Cold" : "Hot"
        try await DevServerFixture.withServer(org: org) { client, _ in
            let answer = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(id)", token: try await client.token(),
                                               json: ["Rating": changed])
            #expect(answer.status == 204)
        }
        #expect(FileManager.default.fileExists(atPath: org.appendingPathComponent(".dev-salesforce/org.sqlite").path))
        let afterRestart = try await DevServerFixture.withServer(org: org) { client, _ in try await Self.rating(client, id) }
        #expect(afterRestart == changed)
        let historyRows = try CSVRows(url: org.appendingPathComponent("LeadHistory.csv")).rows.count
        let (afterReset, leadCount, historyCount) = try await DevServerFixture.withServer(org: org, reset: true) { client, server in
            (try await Self.rating(client, id), try await server.store.count(of: "Lead"), try await server.store.count(of: "LeadHistory"))
        }
        #expect(afterReset == (original.isEmpty ? nil : original))
        #expect(leadCount == 300)
        #expect(historyCount == historyRows)
    }

    @Test func aChangedDescribeNeedsAReset() async throws {
        let org = try DevServerFixture.makeOrg()
        try await DevServerFixture.withServer(org: org) { _, _ in }
        let describe = org.appendingPathComponent("describe.json")
        var document = try JSONSerialization.jsonObject(with: Data(contentsOf: describe)) as? [String: Any] ?? [:]
        document["label"] = "Prospect"
        try JSONSerialization.data(withJSONObject: document).write(to: describe)
        do {
            _ = try DevSalesforceServer(configuration: .init(orgDirectory: org), logger: DevServerFixture.logger)
            Issue.record("a changed describe should be refused")
        } catch let error as InputError {
            #expect(error.fix.contains("--reset"))
        }
        let status = try await DevServerFixture.withServer(org: org, reset: true) { client, _ in
            try await client.get("/services/data/v62.0/sobjects/Lead", token: try await client.token()).status
        }
        #expect(status == 200)
    }

    @Test func badExportsAreRefusedWithLineAndField() throws {
        let org = try DevServerFixture.makeOrg()
        let file = org.appendingPathComponent("Lead.csv")
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\r\n")
        let header = lines[0].components(separatedBy: ",")
        let column = try #require(header.firstIndex(of: "\"NumberOfEmployees\""))
        var values = lines[3].components(separatedBy: "\",\"")
        values[column] = "lots"
        lines[3] = values.joined(separator: "\",\"")
        try lines.joined(separator: "\r\n").write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try DevSalesforceServer(configuration: .init(orgDirectory: org), logger: DevServerFixture.logger)
            Issue.record("a bad value should be refused")
        } catch let error as InputError {
            #expect(error.source == "Lead.csv")
            #expect(error.line == 4)
            #expect(error.field == "NumberOfEmployees")
        }
        #expect(!FileManager.default.fileExists(atPath: org.appendingPathComponent(".dev-salesforce/org.sqlite").path))
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("not-an-org-\(UUID().uuidString.prefix(6))")
        #expect(throws: InputError.self) {
            _ = try DevSalesforceServer(configuration: .init(orgDirectory: empty), logger: DevServerFixture.logger)
        }
    }

    @Test func anObjectIsAddedByAddingItsDescribeAndExport() async throws {
        let org = try DevServerFixture.makeOrg()
        let describe: [String: Any] = [
            "name": "Region__c", "label": "Region", "keyPrefix": "a01", "custom": true, "queryable": true,
            "urls": ["sobject": "/services/data/v60.0/sobjects/Region__c"],
            "fields": [
                ["name": "Id", "type": "id", "nillable": false, "createable": false, "updateable": false],
                ["name": "Name", "type": "string", "length": 80, "nillable": false],
                ["name": "Quota__c", "type": "currency"],
                ["name": "Active__c", "type": "boolean", "nillable": false],
            ],
        ]
        try JSONSerialization.data(withJSONObject: describe).write(to: org.appendingPathComponent("Region__c.describe.json"))
        let north = SalesforceId.caseSafe("a015e0000000001"), south = SalesforceId.caseSafe("a015e0000000002")
        try "Id,Name,Quota__c\n\(north),North,125000\n\(south),South,\n".write(
            to: org.appendingPathComponent("Region__c.csv"), atomically: true, encoding: .utf8)
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let answer = try await client.get(
                "/services/data/v62.0/query?q=\(DevClient.queryEncoded("SELECT Name, Quota__c, Active__c FROM Region__c ORDER BY Name"))",
                token: token)
            #expect(answer.object["totalSize"] as? Int == 2)
            #expect(answer.text.contains("\"Name\":\"North\",\"Quota__c\":125000.0,\"Active__c\":false"))
            #expect(answer.text.contains("\"Name\":\"South\",\"Quota__c\":null,\"Active__c\":false"))
            let served = try await client.get("/services/data/v62.0/sobjects/Region__c/describe", token: token)
            #expect((served.object["urls"] as? [String: String])?["sobject"] == "/services/data/v62.0/sobjects/Region__c")
        }
    }
}
