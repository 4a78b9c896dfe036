import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import NIOHTTP1
import Testing

/// Bulk API 2.0 query jobs: create → InProgress → JobComplete, CSV results paged with `Sforce-Locator`,
/// abort and delete, and the queries Bulk API 2.0 refuses.
@Suite struct BulkQueryTests {
    static let jobs = "/services/data/v62.0/jobs/query"

    /// Polls the job until it leaves UploadComplete/InProgress (bounded: 10 seconds).
    static func finished(_ client: DevClient, token: String, job: String) async throws -> [String: Any] {
        for _ in 0..<200 {
            let info = try await client.get("\(jobs)/\(job)", token: token).object
            if let state = info["state"] as? String, !["UploadComplete", "InProgress"].contains(state) { return info }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw FixtureError("job \(job) did not finish in 10 seconds")
    }

    @Test func aJobRunsAndItsResultsPageByLocator() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            let created = try await client.send(.POST, Self.jobs, token: token, json: [
                "operation": "query", "query": "SELECT Id, Company, CreatedDate, IsConverted, AnnualRevenue FROM Lead",
                "contentType": "CSV", "columnDelimiter": "COMMA", "lineEnding": "LF",
            ])
            #expect(created.status == 200)
            let job = try #require(created.object["id"] as? String)
            #expect(job.hasPrefix("750"))
            #expect(created.object["state"] as? String == "UploadComplete")
            #expect(created.object["object"] as? String == "Lead")
            #expect(created.object["operation"] as? String == "query")
            #expect(created.text.contains("\"apiVersion\":62.0"))
            let info = try await Self.finished(client, token: token, job: job)
            #expect(info["state"] as? String == "JobComplete")
            #expect(info["numberRecordsProcessed"] as? Int == 300)
            #expect(info["jobType"] as? String == "V2Query")

            var locator: String?
            var lines: [String] = []
            var pages = 0
            repeat {
                let query = "maxRecords=120" + (locator.map { "&locator=\($0)" } ?? "")
                let page = try await client.get("\(Self.jobs)/\(job)/results?\(query)", token: token)
                #expect(page.status == 200)
                #expect(page.headers["content-type"]?.hasPrefix("text/csv") == true)
                let pageLines = page.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                #expect(pageLines.first == "\"Id\",\"Company\",\"CreatedDate\",\"IsConverted\",\"AnnualRevenue\"")
                #expect(pageLines.last == "")
                let records = pageLines.dropFirst().dropLast()
                #expect(page.headers["sforce-numberofrecords"] == String(records.count))
                lines += records
                locator = page.headers["sforce-locator"]
                pages += 1
            } while locator != "null" && pages < 10
            #expect(pages == 3)
            #expect(lines.count == 300)
            // Every value quoted, null empty, datetimes in UTC with Z, booleans as words.
            let reader = try CSVReader(text: "Id,Company,CreatedDate,IsConverted,AnnualRevenue\n" + lines.joined(separator: "\n"))
            var row = 0
            while let record = try reader.next() {
                guard case let .row(values) = record else { Issue.record("malformed row"); break }
                #expect(values.values[0] == leads.value("Id", row: row))
                #expect(values.values[1] == leads.value("Company", row: row))
                #expect(values.values[2] == leads.value("CreatedDate", row: row).replacingOccurrences(of: "+0000", with: "Z"))
                #expect(values.values[3] == leads.value("IsConverted", row: row))
                let revenue = leads.value("AnnualRevenue", row: row)
                #expect(values.values[4] == (revenue.isEmpty ? "" : revenue + ".0"))
                row += 1
            }
            #expect(row == 300)
            #expect(lines.allSatisfy { $0.hasPrefix("\"") && $0.hasSuffix("\"") })

            #expect(try await client.send(.DELETE, "\(Self.jobs)/\(job)", token: token).status == 204)
            #expect(try await client.get("\(Self.jobs)/\(job)", token: token).status == 404)
        }
    }

    @Test func delimiterAndLineEndingFollowTheJob() async throws {
        try await DevServerFixture.withServer { client, _ in
            let token = try await client.token()
            let created = try await client.send(.POST, Self.jobs, token: token, json: [
                "operation": "queryAll", "query": "SELECT Id, Status FROM Lead LIMIT 2", "columnDelimiter": "PIPE", "lineEnding": "CRLF",
            ])
            let job = try #require(created.object["id"] as? String)
            _ = try await Self.finished(client, token: token, job: job)
            let page = try await client.get("\(Self.jobs)/\(job)/results", token: token)
            #expect(page.text.hasPrefix("\"Id\"|\"Status\"\r\n"))
            #expect(page.text.components(separatedBy: "\r\n").count == 4)
            #expect(page.headers["sforce-locator"] == "null")
            #expect(page.headers["sforce-numberofrecords"] == "2")
        }
    }

    @Test func queriesBulkCannotRunAreRefusedAtCreation() async throws {
        try await DevServerFixture.withServer { client, _ in
            let token = try await client.token()
            let cases: [([String: Any], String)] = [
                (["operation": "query", "query": "SELECT COUNT() FROM Lead"], "INVALIDJOB"),
                (["operation": "query", "query": "SELECT Id FROM Lead LIMIT 5 OFFSET 5"], "INVALIDJOB"),
                (["operation": "query", "query": "SELECT Nope__c FROM Lead"], "INVALID_FIELD"),
                (["operation": "query", "query": "SELECT Id FROM Account"], "INVALID_TYPE"),
                (["operation": "insert", "query": "SELECT Id FROM Lead"], "INVALIDJOB"),
                (["operation": "query"], "INVALIDJOB"),
                (["operation": "query", "query": "SELECT Id FROM Lead", "columnDelimiter": "SPACE"], "INVALIDJOB"),
                (["operation": "query", "query": "SELECT Id FROM Lead", "colour": "red"], "JSON_PARSER_ERROR"),
            ]
            for (body, code) in cases {
                let answer = try await client.send(.POST, Self.jobs, token: token, json: body)
                #expect(answer.status == 400, "\(body)")
                #expect(answer.errorCode == code, "\(body): \(answer.text)")
            }
        }
    }

    @Test func jobsCanBeAbortedAndUnfinishedJobsHaveNoResults() async throws {
        try await DevServerFixture.withServer { client, _ in
            let token = try await client.token()
            let created = try await client.send(.POST, Self.jobs, token: token,
                                                json: ["operation": "query", "query": "SELECT Id FROM Lead"])
            let job = try #require(created.object["id"] as? String)
            let aborted = try await client.send(.PATCH, "\(Self.jobs)/\(job)", token: token, json: ["state": "Aborted"])
            let state = aborted.object["state"] as? String
            if aborted.status == 200 {
                #expect(state == "Aborted")
                let results = try await client.get("\(Self.jobs)/\(job)/results", token: token)
                #expect(results.status == 400)
                #expect(results.errorCode == "JOB_NOT_COMPLETE")
            } else {
                // The job had already finished: a completed job cannot be aborted.
                #expect(aborted.status == 400)
            }
            #expect(try await client.send(.DELETE, "\(Self.jobs)/\(job)", token: token).status == 204)
            let unknown = try await client.get("\(Self.jobs)/7505e0000000001AAA/results", token: token)
            #expect(unknown.status == 404)
            let badLocator = try await client.send(.POST, Self.jobs, token: token,
                                                   json: ["operation": "query", "query": "SELECT Id FROM Lead"])
            let other = try #require(badLocator.object["id"] as? String)
            _ = try await Self.finished(client, token: token, job: other)
            #expect(try await client.get("\(Self.jobs)/\(other)/results?locator=%%%", token: token).status == 400)
            #expect(try await client.get("\(Self.jobs)/\(other)/results?maxRecords=0", token: token).status == 400)
        }
    }
}
