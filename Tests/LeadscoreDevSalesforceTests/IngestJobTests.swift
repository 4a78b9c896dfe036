import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import NIOHTTP1
import Testing

/// Bulk API 2.0 ingest jobs, start to end: create (Open, `contentUrl`), one CSV upload, UploadComplete,
/// processing in the background to JobComplete, the three result files, and the job's state rules.
@Suite struct IngestJobTests {
    static let jobs = "/services/data/v62.0/jobs/ingest"

    /// Polls the job until processing is over (bounded: 10 seconds).
    static func finished(_ client: DevClient, token: String, job: String) async throws -> [String: Any] {
        for _ in 0..<200 {
            let info = try await client.get("\(jobs)/\(job)", token: token).object
            if let state = info["state"] as? String, ["JobComplete", "Failed", "Aborted"].contains(state) { return info }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw FixtureError("job \(job) did not finish in 10 seconds")
    }

    /// Creates a job, uploads `csv`, closes it and waits for the outcome; returns the job id and its info.
    static func run(_ client: DevClient, token: String, _ create: [String: Any], csv: String) async throws -> (String, [String: Any]) {
        let created = try await client.send(.POST, jobs, token: token, json: create)
        guard created.status == 200, let id = created.object["id"] as? String else {
            throw FixtureError("create answered \(created.status): \(created.text)")
        }
        let upload = try await client.send(.PUT, "\(jobs)/\(id)/batches", token: token, csv: csv)
        guard upload.status == 201 else { throw FixtureError("upload answered \(upload.status): \(upload.text)") }
        let closed = try await client.send(.PATCH, "\(jobs)/\(id)", token: token, json: ["state": "UploadComplete"])
        guard closed.status == 200 else { throw FixtureError("close answered \(closed.status): \(closed.text)") }
        return (id, try await finished(client, token: token, job: id))
    }

    /// A result file as rows of values (header first), read with LeadscoreData's CSV reader.
    static func results(_ client: DevClient, token: String, job: String, _ name: String) async throws -> [[String]] {
        let answer = try await client.get("\(jobs)/\(job)/\(name)/", token: token)
        guard answer.status == 200 else { throw FixtureError("\(name) answered \(answer.status): \(answer.text)") }
        let reader = try CSVReader(text: answer.text)
        var rows = [reader.header]
        while let record = try reader.next() { if case let .row(row) = record { rows.append(row.values) } }
        return rows
    }

    @Test func anUpdateJobRunsAndReportsEachRecord() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let open = leads.rows(where: "IsConverted", is: "false").prefix(3).map { leads.value("Id", row: $0) }
        let converted = leads.value("Id", row: try #require(leads.rows(where: "IsConverted", is: "true").first))
        try await DevServerFixture.withServer(org: org, packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            let created = try await client.send(.POST, Self.jobs, token: token, json: [
                "object": "Lead", "operation": "update", "contentType": "CSV", "lineEnding": "LF", "columnDelimiter": "COMMA",
            ])
            #expect(created.status == 200)
            let id = try #require(created.object["id"] as? String)
            #expect(id.hasPrefix("750"))
            #expect(created.object["state"] as? String == "Open")
            #expect(created.object["contentUrl"] as? String == "services/data/v62.0/jobs/ingest/\(id)/batches")
            let csv = "Id,AI_Score__c,AI_Tier__c,AI_Scored_At__c,AI_Review_Needed__c\n"
                + "\(open[0]),91,A,2025-07-01T10:00:00.000Z,true\n"
                + "\(converted),55,B,2025-07-01T10:00:00.000Z,false\n"
                + "\(open[1]),\"12\",C,,0\n"
                + "\(open[2]),lots,C,,\n"
            #expect(try await client.send(.PUT, "\(Self.jobs)/\(id)/batches", token: token, csv: csv).status == 201)
            let closed = try await client.send(.PATCH, "\(Self.jobs)/\(id)", token: token, json: ["state": "UploadComplete"])
            #expect(closed.object["state"] as? String == "UploadComplete")
            let info = try await Self.finished(client, token: token, job: id)
            #expect(info["state"] as? String == "JobComplete")
            #expect(info["numberRecordsProcessed"] as? Int == 4)
            #expect(info["numberRecordsFailed"] as? Int == 2)
            #expect(info["jobType"] as? String == "V2Ingest")

            let successful = try await Self.results(client, token: token, job: id, "successfulResults")
            #expect(successful[0] == ["sf__Id", "sf__Created", "Id", "AI_Score__c", "AI_Tier__c", "AI_Scored_At__c", "AI_Review_Needed__c"])
            #expect(successful.dropFirst().map { [$0[0], $0[1], $0[3]] } == [[open[0], "false", "91"], [open[1], "false", "12"]])
            let failed = try await Self.results(client, token: token, job: id, "failedResults")
            #expect(failed[0].prefix(2) == ["sf__Id", "sf__Error"])
            #expect(failed.dropFirst().map(\.[0]) == [converted, open[2]])
            #expect(failed[1][1] == "CANNOT_UPDATE_CONVERTED_LEAD:cannot reference converted lead: --")
            #expect(failed[2][1].hasPrefix("INVALID_TYPE_ON_FIELD_IN_RECORD:") && failed[2][1].hasSuffix(":AI_Score__c --"))
            #expect(try await Self.results(client, token: token, job: id, "unprocessedrecords").count == 1)

            let record = try await client.get("/services/data/v62.0/sobjects/Lead/\(open[0])?fields=AI_Score__c,AI_Tier__c,AI_Review_Needed__c",
                                              token: token)
            #expect(record.text.contains("\"AI_Score__c\":91.0") && record.text.contains("\"AI_Review_Needed__c\":true"))
        }
    }

    @Test func insertAndUpsertJobsSayWhatTheyCreated() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let open = leads.rows(where: "IsConverted", is: "false").prefix(3).map { leads.value("Id", row: $0) }
        try await DevServerFixture.withServer(org: org, packages: [try TestPackage.scoring()]) { client, server in
            let token = try await client.token()
            let (insert, inserted) = try await Self.run(client, token: token, ["object": "Task", "operation": "insert"],
                                                        csv: "Subject,WhoId,ActivityDate\nCall,\(open[0]),2025-07-02\n\"Say \"\"hi\"\", then call\",,\n")
            #expect(inserted["numberRecordsFailed"] as? Int == 0)
            let tasks = try await Self.results(client, token: token, job: insert, "successfulResults")
            #expect(tasks.dropFirst().map { $0[1] } == ["true", "true"])
            #expect(tasks[2][2] == "Say \"hi\", then call")
            #expect(tasks.dropFirst().allSatisfy { $0[0].hasPrefix("00T") })

            let csv = "Event_Key__c,Lead__c,Score__c\nk-1,\(open[0]),10\nk-2,\(open[1]),20\nk-1,\(open[0]),11\n"
            let (first, firstInfo) = try await Self.run(client, token: token, [
                "object": "Lead_Scoring_Event__c", "operation": "upsert", "externalIdFieldName": "Event_Key__c",
            ], csv: csv)
            #expect(firstInfo["externalIdFieldName"] as? String == "Event_Key__c")
            #expect(firstInfo["numberRecordsFailed"] as? Int == 2, "both rows sharing k-1 fail")
            let duplicates = try await Self.results(client, token: token, job: first, "failedResults")
            #expect(duplicates.dropFirst().allSatisfy { $0[1].hasPrefix("DUPLICATE_VALUE:Duplicate external id specified: k-1") })

            let (second, _) = try await Self.run(client, token: token, [
                "object": "Lead_Scoring_Event__c", "operation": "upsert", "externalIdFieldName": "event_key__c",
            ], csv: "Event_Key__c,Score__c\nK-2,21\nk-3,30\n")
            let upserted = try await Self.results(client, token: token, job: second, "successfulResults")
            #expect(upserted.dropFirst().map { [$0[1], $0[2]] } == [["false", "K-2"], ["true", "k-3"]])
            #expect(try await server.store.count(of: "Lead_Scoring_Event__c") == 2)
            let listed = try await client.get(Self.jobs, token: token)
            #expect((listed.object["records"] as? [[String: Any]])?.count == 3)
        }
    }

    @Test func aJobTakesOneUploadAndFollowsItsStates() async throws {
        try await DevServerFixture.withServer(packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            let created = try await client.send(.POST, Self.jobs, token: token, json: ["object": "Task", "operation": "insert"])
            let id = try #require(created.object["id"] as? String)
            #expect(try await client.get("\(Self.jobs)/\(id)/successfulResults/", token: token).errorCode == "INVALIDJOBSTATE")
            #expect(try await client.send(.DELETE, "\(Self.jobs)/\(id)", token: token).errorCode == "INVALIDJOBSTATE")
            #expect(try await client.send(.PUT, "\(Self.jobs)/\(id)/batches", token: token, csv: "Subject\nOne\n").status == 201)
            let second = try await client.send(.PUT, "\(Self.jobs)/\(id)/batches", token: token, csv: "Subject\nTwo\n")
            #expect(second.status == 400)
            #expect(second.errorCode == "INVALIDJOBSTATE")
            #expect((second.array.first?["message"] as? String)?.hasPrefix("Found multiple contents for job") == true)
            let aborted = try await client.send(.PATCH, "\(Self.jobs)/\(id)", token: token, json: ["state": "Aborted"])
            #expect(aborted.object["state"] as? String == "Aborted")
            #expect(try await client.send(.PATCH, "\(Self.jobs)/\(id)", token: token, json: ["state": "UploadComplete"]).errorCode
                    == "INVALIDJOBSTATE")
            let unprocessed = try await client.get("\(Self.jobs)/\(id)/unprocessedrecords/", token: token)
            #expect(unprocessed.text == "Subject\nOne\n", "an aborted job's data is all unprocessed")
            #expect(try await client.send(.DELETE, "\(Self.jobs)/\(id)", token: token).status == 204)
            #expect(try await client.get("\(Self.jobs)/\(id)", token: token).status == 404)
            let bad = try await client.send(.PATCH, "\(Self.jobs)/7505e0000000001AAA", token: token, json: ["state": "UploadComplete"])
            #expect(bad.status == 404)
        }
    }
}
