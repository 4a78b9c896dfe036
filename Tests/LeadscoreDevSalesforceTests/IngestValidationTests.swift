import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import NIOHTTP1
import Testing

/// What an ingest job refuses: jobs Salesforce would not create (400 INVALIDJOB), data it cannot read
/// (the job fails with an `errorMessage`, every record unprocessed), and values `#N/A` clears or the
/// fields refuse; UNABLE_TO_LOCK_ROW faults hit records one by one.
@Suite struct IngestValidationTests {
    static let jobs = IngestJobTests.jobs

    @Test func jobsSalesforceWouldNotCreateAreRefused() async throws {
        try await DevServerFixture.withServer(packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            let cases: [([String: Any], String, String)] = [
                (["object": "Opportunity", "operation": "insert"], "INVALIDJOB", "Unable to find object: Opportunity"),
                (["object": "Lead", "operation": "delete"], "INVALIDJOB", "insert, update or upsert"),
                (["object": "Lead", "operation": "upsert"], "INVALIDJOB", "External ID was blank for Lead"),
                (["object": "Lead", "operation": "upsert", "externalIdFieldName": "Company"], "INVALIDJOB",
                 "Field name provided, Company does not match an External ID"),
                (["object": "Lead", "operation": "update", "externalIdFieldName": "Legacy_Key__c"], "INVALIDJOB", "only for upsert"),
                (["object": "Lead", "operation": "update", "contentType": "JSON"], "INVALIDJOB", "contentType must be CSV"),
                (["object": "Lead", "operation": "update", "columnDelimiter": "TAB"], "INVALIDJOB", "COMMA"),
                (["object": "Lead", "operation": "update", "lineEnding": "CR"], "INVALIDJOB", "LF or CRLF"),
                (["object": "Hot_Lead__e", "operation": "update"], "INVALIDJOB", "platform event"),
                (["object": "Lead", "operation": "update", "colour": "red"], "JSON_PARSER_ERROR", "Unrecognized field"),
            ]
            for (body, code, message) in cases {
                let answer = try await client.send(.POST, Self.jobs, token: token, json: body)
                #expect(answer.status == 400, "\(body)")
                #expect(answer.errorCode == code, "\(body): \(answer.text)")
                #expect((answer.array.first?["message"] as? String)?.contains(message) == true, "\(body): \(answer.text)")
            }
        }
    }

    @Test func unreadableDataFailsTheJobAndLeavesItUnprocessed() async throws {
        let org = try DevServerFixture.makeOrg()
        let id = try CSVRows.leads(org: org).value("Id", row: 0)
        try await DevServerFixture.withServer(org: org, packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            let cases: [([String: Any], String, String)] = [
                (["object": "Lead", "operation": "update"], "Id,Nope__c\n\(id),1\n", "InvalidBatch : Field name not found : Nope__c"),
                (["object": "Lead", "operation": "update"], "Id,Rating\r\n\(id),Hot\r\n",
                 "LineEnding is invalid on user data. Current LineEnding setting is LF"),
                (["object": "Lead", "operation": "update", "lineEnding": "CRLF"], "Id,Rating\n\(id),Hot\n", "Current LineEnding setting is CRLF"),
                (["object": "Lead", "operation": "update"], "Rating\nHot\n", "needs an Id column"),
                (["object": "Lead", "operation": "update"], "Id,Rating,Rating\n\(id),Hot,Hot\n", "Duplicate field name: Rating"),
                (["object": "Lead", "operation": "update"], "Id,Rating\n\(id),\"Hot\n", "ClientInputError : line 2"),
                (["object": "Lead", "operation": "upsert", "externalIdFieldName": "Legacy_Key__c"], "Rating\nHot\n",
                 "Legacy_Key__c is not a column"),
            ]
            for (create, csv, message) in cases {
                let (job, info) = try await IngestJobTests.run(client, token: token, create, csv: csv)
                #expect(info["state"] as? String == "Failed", "\(csv)")
                #expect((info["errorMessage"] as? String)?.contains(message) == true, "\(csv): \(info["errorMessage"] ?? "none")")
                #expect(info["numberRecordsProcessed"] as? Int == 0)
                let unprocessed = try await client.get("\(Self.jobs)/\(job)/unprocessedrecords/", token: token)
                #expect(unprocessed.text == csv, "every record is unprocessed, as sent")
            }
            let record = try await client.get("/services/data/v62.0/sobjects/Lead/\(id)?fields=SystemModstamp", token: token)
            #expect(record.object["SystemModstamp"] as? String == (try CSVRows.leads(org: org)).value("SystemModstamp", row: 0))
        }
    }

    @Test func valuesAreCheckedLikeRESTWritesAndNAClearsAField() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let open = leads.rows(where: "IsConverted", is: "false").prefix(5).map { leads.value("Id", row: $0) }
        try await DevServerFixture.withServer(org: org, packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            _ = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(open[0])", token: token,
                                      json: ["AI_Score__c": 80, "AI_Top_Reasons__c": "Demo requested"])
            let csv = "Id,AI_Score__c,AI_Top_Reasons__c,AI_Tier__c,LastName\n"
                + "\(open[0]),#N/A,,,\n"
                + "\(open[1]),5,,Q,\n"
                + "\(open[2]),5,,,#N/A\n"
                + "00Qnotanid,5,,,\n"
                + "\(SalesforceId.caseSafe("00Q5e0000000001")),5,,,\n"
            let (job, info) = try await IngestJobTests.run(client, token: token, ["object": "Lead", "operation": "update"], csv: csv)
            #expect(info["numberRecordsFailed"] as? Int == 4)
            let failed = try await IngestJobTests.results(client, token: token, job: job, "failedResults")
            let codes = failed.dropFirst().map { String($0[1].prefix { $0 != ":" }) }
            #expect(codes == ["INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "REQUIRED_FIELD_MISSING", "MALFORMED_ID", "ENTITY_IS_DELETED"])
            let cleared = try await client.get("/services/data/v62.0/sobjects/Lead/\(open[0])?fields=AI_Score__c,AI_Top_Reasons__c",
                                               token: token)
            #expect(cleared.text.contains("\"AI_Score__c\":null"), "#N/A sets the field to null")
            #expect(cleared.object["AI_Top_Reasons__c"] as? String == "Demo requested", "an empty value leaves the field as it is")
        }
    }

    @Test func lockFaultsHitRecordsOneByOne() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        let open = leads.rows(where: "IsConverted", is: "false").prefix(60).map { leads.value("Id", row: $0) }
        var plan = FaultPlan()
        plan.unableToLockRowRate = 0.5
        plan.seed = 5
        try await DevServerFixture.withServer(org: org, faults: plan, packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            let csv = "Id,AI_Score__c\n" + open.map { "\($0),42\n" }.joined()
            let (job, info) = try await IngestJobTests.run(client, token: token, ["object": "Lead", "operation": "update"], csv: csv)
            let failedCount = try #require(info["numberRecordsFailed"] as? Int)
            #expect(info["state"] as? String == "JobComplete")
            #expect(info["numberRecordsProcessed"] as? Int == 60)
            #expect(failedCount > 0 && failedCount < 60)
            let failed = try await IngestJobTests.results(client, token: token, job: job, "failedResults")
            #expect(failed.dropFirst().allSatisfy { $0[1].hasPrefix("UNABLE_TO_LOCK_ROW:") })
            let stats = try await client.get("/__dev/stats", token: nil).object
            #expect((stats["faults"] as? [String: Int])?["unable_to_lock_row"] == failedCount)
            #expect((stats["writes"] as? [String: [String: Int]])?["Lead"]?["updated"] == 60 - failedCount)
        }
    }
}
