import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Testing

/// Bulk API 2.0 ingest against a scripted peer: the whole job lifecycle, results matched back to the input
/// rows although Salesforce returns them in another order, a failed job, the time limit, and large files
/// cut into one job per upload.
@Suite struct ClientIngestTests {
    static let columns = ["Id", "AI_Score__c", "AI_Tier__c", "AI_Top_Reasons__c"]
    static let tierError = "FIELD_CUSTOM_VALIDATION_EXCEPTION:Tier must be A-D:AI_Tier__c --"

    /// Lead score updates: row 1 has a reason text that needs quoting, row 2 a tier the org's validation
    /// rule refuses, row 3 clears its tier.
    static func leads(_ count: Int) -> [SalesforceRecord] {
        (0..<count).map { index in
            var fields: [String: SalesforceValue] = [
                "Id": .string(ClientCollectionsTests.leadId(index)),
                "AI_Score__c": SalesforceValue(50 + index),
                "AI_Tier__c": .string(index == 2 ? "Bad" : "A"),
            ]
            if index == 1 { fields["AI_Top_Reasons__c"] = .string("Title: \"VP\", Sales\nSource: Web") }
            if index == 3 { fields["AI_Tier__c"] = .null }
            return SalesforceRecord(fields: fields)
        }
    }

    static func csvFile(_ records: [SalesforceRecord], columns: [String] = columns) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString).csv")
        try BulkIngestCSV.write(records, columns: columns, to: file)
        return file
    }

    @Test func runsTheJobLifecycleAndMapsResultsBackToRows() async throws {
        let ingest = IngestScript { row in row["AI_Tier__c"] == "Bad" ? .failure(Self.tierError) : .success(created: false) }
        try await ScriptedPeer.run(ingest.script) { peer in
            let file = try Self.csvFile(Self.leads(6))
            defer { try? FileManager.default.removeItem(at: file) }
            let clock = RecordingClock()
            let progress = Collected<BulkIngestProgress>()
            let outcome = try await TestClients.with(TestClients.config(base: peer.base), clock: clock) { client in
                try await client.bulkIngest("Lead", operation: .update, csv: file) { progress.append($0) }
            }
            let ids = Self.leads(6).map { $0.id ?? "" }
            #expect(outcome.rows == ids.enumerated().map { index, id in
                index == 2 ? .failure(id: id, error: Self.tierError) : .success(id: id, created: false)
            })
            #expect(outcome.succeeded == 5 && outcome.failed == 1 && outcome.unprocessed == 0 && outcome.unknown == 0)
            #expect(outcome.jobIds == ingest.jobIds && outcome.jobIds.count == 1)
            #expect(outcome.unmatchedResults == 0)

            let jobPath = "/services/data/v62.0/jobs/ingest/\(outcome.jobIds[0])"
            let requests = peer.apiRequests
            #expect(requests.map { "\($0.method) \($0.path)" } == [
                "POST /services/data/v62.0/jobs/ingest", "PUT \(jobPath)/batches", "PATCH \(jobPath)",
                "GET \(jobPath)", "GET \(jobPath)", "GET \(jobPath)",
                "GET \(jobPath)/successfulResults", "GET \(jobPath)/failedResults",
            ])
            let create = try #require(requests[0].json as? [String: Any])
            #expect(create["object"] as? String == "Lead")
            #expect(create["operation"] as? String == "update")
            #expect(create["contentType"] as? String == "CSV")
            #expect(create["columnDelimiter"] as? String == "COMMA")
            #expect(create["lineEnding"] as? String == "LF")
            #expect(create["externalIdFieldName"] == nil)
            #expect(requests[1].contentType == "text/csv")
            #expect(requests[1].body == (try Data(contentsOf: file)))
            #expect((requests[2].json as? [String: Any])?["state"] as? String == "UploadComplete")

            #expect(progress.items.map(\.state) == ["InProgress", "InProgress", "JobComplete"])
            #expect(progress.items.last?.recordsProcessed == 6 && progress.items.last?.recordsFailed == 1)
            #expect(clock.recorded == [.seconds(1), .milliseconds(1_500)])
        }
    }

    @Test func aFailedJobReportsItsMessageAndWhatBecameOfEachRow() async throws {
        let message = "InvalidBatch : Field name not found : Score__c"
        let ingest = IngestScript(endState: "Failed", errorMessage: message) { row in
            switch row["Event_Key__c"] {
            case "run-7:0": return .success(created: true)
            case "run-7:1": return .success(created: false)
            case "run-7:2": return .failure("DUPLICATE_VALUE:duplicate value found:Event_Key__c --")
            default: return .unprocessed
            }
        }
        try await ScriptedPeer.run(ingest.script) { peer in
            let events = (0..<5).map { SalesforceRecord(fields: ["Event_Key__c": .string("run-7:\($0)"), "Score__c": SalesforceValue($0 * 10)]) }
            let file = try Self.csvFile(events, columns: ["Event_Key__c", "Score__c"])
            defer { try? FileManager.default.removeItem(at: file) }
            let interrupted = await #expect(throws: BulkIngestInterrupted.self) {
                try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                    try await client.bulkIngest("Lead_Scoring_Event__c", operation: .upsert(externalIdField: "Event_Key__c"), csv: file)
                }
            }
            let jobId = try #require(ingest.jobIds.first)
            #expect(interrupted?.error as? BulkIngestError == .jobFailed(jobId: jobId, state: "Failed", message: message))
            #expect(interrupted?.outcome.rows == [
                .success(id: IngestScript.recordId(row: 0, job: jobId), created: true),
                .success(id: IngestScript.recordId(row: 1, job: jobId), created: false),
                .failure(id: nil, error: "DUPLICATE_VALUE:duplicate value found:Event_Key__c --"),
                .unprocessed, .unprocessed,
            ])
            #expect(interrupted?.outcome.created == 1)
            let create = try #require(peer.apiRequests.first?.json as? [String: Any])
            #expect(create["operation"] as? String == "upsert")
            #expect(create["externalIdFieldName"] as? String == "Event_Key__c")
            #expect(peer.apiRequests.contains { $0.path.hasSuffix("/unprocessedrecords") })
        }
    }

    @Test func aJobStillRunningAtTheTimeLimitIsAborted() async throws {
        let ingest = IngestScript(endState: nil) { _ in .unprocessed }
        try await ScriptedPeer.run(ingest.script) { peer in
            let file = try Self.csvFile(Self.leads(3))
            defer { try? FileManager.default.removeItem(at: file) }
            var config = TestClients.config(base: peer.base)
            config.bulkTimeoutMinutes = 1
            let clock = RecordingClock()
            let interrupted = await #expect(throws: BulkIngestInterrupted.self) {
                try await TestClients.with(config, clock: clock) { client in
                    try await client.bulkIngest("Lead", operation: .update, csv: file)
                }
            }
            let jobId = try #require(ingest.jobIds.first)
            #expect(interrupted?.error as? BulkIngestError == .jobTimedOut(jobId: jobId, state: "InProgress", minutes: 1))
            #expect(interrupted?.outcome.rows == [.unprocessed, .unprocessed, .unprocessed])
            let states = peer.apiRequests.filter { $0.method == "PATCH" }.compactMap { ($0.json as? [String: Any])?["state"] as? String }
            #expect(states == ["UploadComplete", "Aborted"])
            // It waited out the minute (growing pauses capped at 15 s) before giving up, not longer.
            let waited = clock.recorded.reduce(Duration.zero, +)
            #expect(waited >= .seconds(60) && waited < .seconds(60 + 15))
            #expect(clock.recorded.allSatisfy { $0 <= .seconds(15) })
        }
    }

    @Test func aLargeFileIsSentAsOneJobPerPartAndInsertsAreMatchedByTheirValues() async throws {
        let ingest = IngestScript(pollsBeforeEnd: 0) { _ in .success(created: true) }
        try await ScriptedPeer.run(ingest.script) { peer in
            // Twelve inserts; rows i and i + 5 are identical except row 4, whose description spans two lines.
            let columns = ["LastName", "Company", "Description"]
            let contacts = (0..<12).map { index in
                SalesforceRecord(fields: ["LastName": .string("Lee \(index % 5)"), "Company": .string("Acme, Inc."),
                                          "Description": .string(index == 4 ? "line one\nline two" : "x")])
            }
            let file = try Self.csvFile(contacts, columns: columns)
            defer { try? FileManager.default.removeItem(at: file) }
            let outcome = try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                try await client.bulkIngest("Contact", operation: .insert, csv: file, partBytes: 120)
            }
            let uploads = peer.apiRequests.filter { $0.method == "PUT" }
            #expect(uploads.count > 1)
            #expect(outcome.jobIds == ingest.jobIds && outcome.jobIds.count == uploads.count)
            let header = "LastName,Company,Description\n"
            #expect(uploads.allSatisfy { $0.body.count <= 120 && String(decoding: $0.body, as: UTF8.self).hasPrefix(header) })
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(header + uploads.map { String(decoding: $0.body, as: UTF8.self).dropFirst(header.count) }.joined() == text)

            // Every row got the result of an uploaded row with its own values, each result used once.
            var uploaded: [String: [String]] = [:]
            for (jobId, upload) in zip(ingest.jobIds, uploads) {
                let reader = try CSVReader(text: String(decoding: upload.body, as: UTF8.self))
                var index = 0
                while case let .row(row)? = try reader.next() {
                    uploaded[IngestScript.recordId(row: index, job: jobId)] = row.values
                    index += 1
                }
            }
            #expect(outcome.rows.count == 12 && outcome.created == 12)
            var used: Set<String> = []
            for (index, row) in outcome.rows.enumerated() {
                guard case let .success(id, true) = row else {
                    Issue.record("row \(index): \(row)")
                    continue
                }
                #expect(used.insert(id).inserted)
                #expect(uploaded[id] == columns.map { contacts[index].fields[$0]?.text ?? "" })
            }
        }
    }

    @Test func anUploadIsSentAgainAfterAServerFault() async throws {
        let unavailable = ScriptedPeer.Reply.json(#"[{"message":"Server unavailable","errorCode":"SERVER_UNAVAILABLE"}]"#, status: 503)
        let ingest = IngestScript(pollsBeforeEnd: 0, faults: ["PUT 1": unavailable]) { _ in .success(created: false) }
        try await ScriptedPeer.run(ingest.script) { peer in
            let file = try Self.csvFile(Self.leads(2))
            defer { try? FileManager.default.removeItem(at: file) }
            let (outcome, usage) = try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                (try await client.bulkIngest("Lead", operation: .update, csv: file), await client.usage())
            }
            #expect(outcome.succeeded == 2)
            let uploads = peer.apiRequests.filter { $0.method == "PUT" }
            #expect(uploads.count == 2 && uploads[0].body == uploads[1].body)
            #expect(usage.retries == 1)
        }
    }

    @Test func anUploadThatKeepsFailingAbortsTheJobAndNothingIsProcessed() async throws {
        let failure = ScriptedPeer.Reply.json(#"[{"message":"An unexpected error occurred","errorCode":"UNKNOWN_EXCEPTION"}]"#, status: 500)
        let ingest = IngestScript(faults: ["PUT 1": failure, "PUT 2": failure]) { _ in .success(created: false) }
        try await ScriptedPeer.run(ingest.script) { peer in
            let file = try Self.csvFile(Self.leads(3))
            defer { try? FileManager.default.removeItem(at: file) }
            let interrupted = await #expect(throws: BulkIngestInterrupted.self) {
                try await TestClients.with(TestClients.config(base: peer.base, retries: 2), clock: RecordingClock()) { client in
                    try await client.bulkIngest("Lead", operation: .update, csv: file)
                }
            }
            #expect((interrupted?.error as? SalesforceAPIError)?.status == 500)
            #expect(interrupted?.outcome.rows == [.unprocessed, .unprocessed, .unprocessed])
            let states = peer.apiRequests.filter { $0.method == "PATCH" }.compactMap { ($0.json as? [String: Any])?["state"] as? String }
            #expect(states == ["Aborted"])
        }
    }
}

/// Values a `@Sendable` callback hands over, kept in order.
final class Collected<Item: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Item] = []

    var items: [Item] { lock.withLock { stored } }

    func append(_ item: Item) {
        lock.withLock { stored.append(item) }
    }
}
