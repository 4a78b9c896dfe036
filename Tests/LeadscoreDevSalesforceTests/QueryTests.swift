import Foundation
import LeadscoreDevSalesforce
import Testing
import NIOHTTP1
import LeadscoreData

/// REST query: pages and `nextRecordsUrl`, typed values, COUNT(), errors with Salesforce's codes, and
/// cursors that read the org as it was when the query ran.
@Suite struct QueryTests {
    static func query(_ soql: String, resource: String = "query") -> String {
        "/services/data/v62.0/\(resource)?q=\(DevClient.queryEncoded(soql))"
    }

    @Test func resultsComeInPagesLinkedByNextRecordsUrl() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let options = ["Sforce-Query-Options": "batchSize=200"]
            let first = try await client.get(Self.query("SELECT Id, Company FROM Lead"), token: token, headers: options)
            #expect(first.status == 200)
            #expect(first.object["totalSize"] as? Int == 300)
            #expect(first.object["done"] as? Bool == false)
            let next = try #require(first.object["nextRecordsUrl"] as? String)
            #expect(next.range(of: "^/services/data/v62\\.0/query/01g[A-Za-z0-9]{15}-200$", options: .regularExpression) != nil)
            let firstRecords = first.object["records"] as? [[String: Any]] ?? []
            #expect(firstRecords.count == 200)
            let second = try await client.get(next, token: token, headers: options)
            #expect(second.object["done"] as? Bool == true)
            #expect(second.object["nextRecordsUrl"] == nil)
            #expect(second.object["totalSize"] as? Int == 300)
            let secondRecords = second.object["records"] as? [[String: Any]] ?? []
            #expect(secondRecords.count == 100)
            // Without ORDER BY records come in the org's stable order: the export's.
            let ids = (firstRecords + secondRecords).compactMap { $0["Id"] as? String }
            #expect(ids == leads.rows.indices.map { leads.value("Id", row: $0) })
            let attributes = firstRecords.first?["attributes"] as? [String: String]
            #expect(attributes == ["type": "Lead", "url": "/services/data/v62.0/sobjects/Lead/\(ids[0])"])
            // A used-up locator is gone, as in Salesforce.
            #expect(try await client.get(next, token: token).errorCode == "INVALID_QUERY_LOCATOR")
        }
    }

    @Test func plusSignsInTheQueryStringAreSpaces() async throws {
        try await DevServerFixture.withServer { client, _ in
            let token = try await client.token()
            // The REST API Developer Guide: "replace spaces in the query string with a plus sign + or with %20".
            let plus = try await client.get("/services/data/v62.0/query/?q=SELECT+COUNT()+FROM+Lead+WHERE+Company+!%3D+null",
                                            token: token)
            #expect(plus.status == 200, "\(plus.text)")
            #expect(plus.object["totalSize"] as? Int == 300)
            let literal = try await client.get("/services/data/v62.0/query?q=SELECT+COUNT()+FROM+Lead+WHERE+Company+%3D+'A%2BB'",
                                               token: token)
            #expect(literal.object["totalSize"] as? Int == 0)
        }
    }

    @Test func pagesHold2000RecordsUnlessAskedAndAtLeast200() async throws {
        try await DevServerFixture.withServer { client, _ in
            let token = try await client.token()
            let whole = try await client.get(Self.query("SELECT Id FROM Lead"), token: token)
            #expect((whole.object["records"] as? [Any])?.count == 300)
            #expect(whole.object["done"] as? Bool == true)
            let clamped = try await client.get(Self.query("SELECT Id FROM Lead"), token: token,
                                               headers: ["Sforce-Query-Options": "batchSize=50"])
            #expect((clamped.object["records"] as? [Any])?.count == 200)
            let bad = try await client.get(Self.query("SELECT Id FROM Lead"), token: token,
                                           headers: ["Sforce-Query-Options": "batchSize=lots"])
            #expect(bad.status == 400)
        }
    }

    @Test func valuesAreTypedAsSalesforceRendersThem() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let id = leads.value("Id", row: 1)
            let soql = "SELECT Id, Company, Title, NumberOfEmployees, AnnualRevenue, HasOptedOutOfEmail, LastActivityDate, "
                + "CreatedDate FROM Lead WHERE Id = '\(id)'"
            let answer = try await client.get(Self.query(soql), token: token)
            #expect(answer.status == 200)
            let record = try #require((answer.object["records"] as? [[String: Any]])?.first)
            #expect(record["Company"] as? String == leads.value("Company", row: 1))
            #expect(record["Title"] as? String == leads.value("Title", row: 1))
            #expect(answer.text.contains("\"NumberOfEmployees\":\(leads.value("NumberOfEmployees", row: 1))"))
            #expect(answer.text.contains("\"AnnualRevenue\":\(leads.value("AnnualRevenue", row: 1)).0"))
            #expect(answer.text.contains("\"HasOptedOutOfEmail\":\(leads.value("HasOptedOutOfEmail", row: 1))"))
            #expect(answer.text.contains("\"LastActivityDate\":null"))
            #expect(record["CreatedDate"] as? String == leads.value("CreatedDate", row: 1))
            let dated = try await client.get(Self.query("SELECT LastActivityDate FROM Lead WHERE Id = '\(leads.value("Id", row: 0))'"),
                                             token: token)
            #expect(dated.text.contains("\"LastActivityDate\":\"\(leads.value("LastActivityDate", row: 0))\""))
        }
    }

    @Test func countAnswersTotalSizeWithoutRecords() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let converted = leads.rows.indices.filter { leads.value("IsConverted", row: $0) == "true" }.count
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let all = try await client.get(Self.query("SELECT COUNT() FROM Lead"), token: token)
            #expect(all.text == "{\"totalSize\":300,\"done\":true,\"records\":[]}")
            let filtered = try await client.get(Self.query("SELECT COUNT() FROM Lead WHERE IsConverted = true"), token: token)
            #expect(filtered.object["totalSize"] as? Int == converted)
            #expect(converted > 0)
        }
    }

    @Test func invalidQueriesAre400WithSalesforceCodes() async throws {
        try await DevServerFixture.withServer { client, _ in
            let token = try await client.token()
            let cases = [("SELEC Id FROM Lead", "MALFORMED_QUERY"), ("SELECT Nope__c FROM Lead", "INVALID_FIELD"),
                         ("SELECT Id FROM Account", "INVALID_TYPE"), ("SELECT Id FROM Lead GROUP BY Status", "MALFORMED_QUERY")]
            for (soql, code) in cases {
                let answer = try await client.get(Self.query(soql), token: token)
                #expect(answer.status == 400, "\(soql)")
                #expect(answer.errorCode == code, "\(soql): \(answer.text)")
                #expect((answer.array.first?["message"] as? String)?.isEmpty == false)
            }
            let missing = try await client.get("/services/data/v62.0/query", token: token)
            #expect(missing.status == 400)
            #expect(missing.errorCode == "MALFORMED_QUERY")
            let locator = try await client.get("/services/data/v62.0/query/01g5e00000000000AA-2000", token: token)
            #expect(locator.status == 400)
            #expect(locator.errorCode == "INVALID_QUERY_LOCATOR")
        }
    }

    @Test func queryAllAnswersLikeQueryAndLinksItsOwnPages() async throws {
        try await DevServerFixture.withServer { client, _ in
            let token = try await client.token()
            let answer = try await client.get(Self.query("SELECT Id FROM Lead", resource: "queryAll"), token: token,
                                              headers: ["Sforce-Query-Options": "batchSize=250"])
            #expect(answer.object["totalSize"] as? Int == 300)
            let next = try #require(answer.object["nextRecordsUrl"] as? String)
            #expect(next.hasPrefix("/services/data/v62.0/queryAll/01g"))
            #expect(((try await client.get(next, token: token)).object["records"] as? [Any])?.count == 50)
        }
    }

    @Test func aCursorReadsTheOrgAsItWasWhenTheQueryRan() async throws {
        try await DevServerFixture.withServer { client, _ in
            let token = try await client.token()
            let options = ["Sforce-Query-Options": "batchSize=200"]
            let first = try await client.get(Self.query("SELECT Id, Rating FROM Lead ORDER BY Id"), token: token, headers: options)
            let next = try #require(first.object["nextRecordsUrl"] as? String)
            let all = try await client.get(Self.query("SELECT Id, Rating FROM Lead ORDER BY Id"), token: token)
            let target = try #require((all.object["records"] as? [[String: Any]])?[250])
            let id = try #require(target["Id"] as? String)
            let newRating = (target["Rating"] as? String) == "Hot" ? "Cold" : "Hot"
            #expect(try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(id)", token: token,
                                          json: ["Rating": newRating]).status == 204)
            let second = try await client.get(next, token: token, headers: options)
            let seen = (second.object["records"] as? [[String: Any]])?.first { $0["Id"] as? String == id }
            #expect(seen?["Rating"] as? String == target["Rating"] as? String)
            let fresh = try await client.get(Self.query("SELECT Rating FROM Lead WHERE Id = '\(id)'"), token: token)
            #expect((fresh.object["records"] as? [[String: Any]])?.first?["Rating"] as? String == newRating)
        }
    }

    @Test func leadHistoryIsQueryable() async throws {
        let org = try DevServerFixture.makeOrg()
        let history = try CSVRows(url: org.appendingPathComponent("LeadHistory.csv"))
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let leadId = history.value("LeadId", row: 0)
            let expected = history.rows.indices.filter { history.value("LeadId", row: $0) == leadId }
            let answer = try await client.get(Self.query(
                "SELECT Id, LeadId, Field, OldValue, NewValue, CreatedDate FROM LeadHistory WHERE LeadId = '\(leadId)'"), token: token)
            let records = answer.object["records"] as? [[String: Any]] ?? []
            #expect(records.count == expected.count)
            #expect(records.map { $0["Field"] as? String } == expected.map { history.value("Field", row: $0) })
            #expect(records.map { $0["CreatedDate"] as? String } == expected.map { history.value("CreatedDate", row: $0) })
            #expect((records.first?["attributes"] as? [String: String])?["type"] == "LeadHistory")
        }
    }
}
