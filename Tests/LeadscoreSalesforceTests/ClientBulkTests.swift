import Foundation
import LeadscoreSalesforce
import Testing

/// Bulk API 2.0 query jobs against a scripted peer: job creation, polling, locator paging into one file.
@Suite struct ClientBulkTests {
    static let jobId = "750R0000000zlh9IAA"
    static let header = #""Id","Name","Description""#
    /// Three pages; the second holds a quoted value spanning two lines and an escaped quote.
    static let pages = [
        header + "\n" + #""00Q000000000001AAA","Ada","first""# + "\n" + #""00Q000000000002AAA","Bob","""# + "\n",
        header + "\n" + #""00Q000000000003AAA","Cy","line one"# + "\nline two\"\n" + #""00Q000000000004AAA","Di","say ""hi""""# + "\n",
        header + "\n" + #""00Q000000000005AAA","Ed","last""# + "\n",
    ]

    static func jobJSON(state: String, extra: String = "") -> ScriptedPeer.Reply {
        .json(#"{"id":"\#(jobId)","operation":"query","object":"Lead","state":"\#(state)","concurrencyMode":"Parallel","contentType":"CSV","apiVersion":62.0,"lineEnding":"LF","columnDelimiter":"COMMA"\#(extra)}"#)
    }

    /// Answers create → two polls (InProgress) → complete, then pages by locator. `cutFirstTry` cuts the
    /// second page's first download mid-body.
    static func script(cutFirstTry: Bool = false) -> ScriptedPeer.Script {
        let counters = Counters()
        return salesforcePeer { request, _, _ in
            let jobPath = "/services/data/v62.0/jobs/query/\(jobId)"
            switch (request.method, request.path) {
            case ("POST", "/services/data/v62.0/jobs/query"):
                return jobJSON(state: "UploadComplete")
            case ("GET", jobPath):
                return jobJSON(state: counters.next("poll") < 3 ? "InProgress" : "JobComplete")
            case ("GET", jobPath + "/results"):
                let index = ["": 0, "MTAwMDA": 1, "MjAwMDA": 2][request.query["locator"] ?? ""] ?? 0
                let locator = index < 2 ? ["MTAwMDA", "MjAwMDA"][index] : "null"
                let rows = [2, 2, 1][index]
                let headers = ["Sforce-Locator": locator, "Sforce-NumberOfRecords": String(rows)]
                if index == 1, cutFirstTry, counters.next("page1") == 1 {
                    return .csv(pages[index], headers: headers, cutAfter: 40)
                }
                return .csv(pages[index], headers: headers)
            default:
                return .json(#"[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]"#, status: 404)
            }
        }
    }

    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("bulk-\(UUID().uuidString).csv")
    }

    @Test func pagesByLocatorIntoOneFileWithOneHeader() async throws {
        try await ScriptedPeer.run(Self.script()) { peer in
            let file = Self.temporaryFile()
            defer { try? FileManager.default.removeItem(at: file) }
            let clock = RecordingClock()
            let progress = Counters()
            let outcome = try await TestClients.with(TestClients.config(base: peer.base), clock: clock) { client in
                try await client.bulkQuery("SELECT Id, Name, Description FROM Lead", includeDeleted: true, pageRecords: 2,
                                           to: file) { _ in _ = progress.next("pages") }
            }
            #expect(outcome.jobId == Self.jobId)
            #expect(outcome.records == 5)
            #expect(outcome.pages == 3)
            #expect(progress.next("pages") == 4)
            let text = try String(contentsOf: file, encoding: .utf8)
            let expected = Self.pages[0] + Self.pages[1].dropFirst(Self.header.count + 1) + Self.pages[2].dropFirst(Self.header.count + 1)
            #expect(text == expected)
            #expect(outcome.bytes == expected.utf8.count)

            let create = try #require(peer.apiRequests.first?.json as? [String: Any])
            #expect(create["operation"] as? String == "queryAll")
            #expect(create["query"] as? String == "SELECT Id, Name, Description FROM Lead")
            #expect(create["contentType"] as? String == "CSV")
            #expect(create["columnDelimiter"] as? String == "COMMA")
            #expect(create["lineEnding"] as? String == "LF")
            let downloads = peer.apiRequests.filter { $0.path.hasSuffix("/results") }
            #expect(downloads.map { $0.query["locator"] } == [nil, "MTAwMDA", "MjAwMDA"])
            #expect(downloads.allSatisfy { $0.query["maxRecords"] == "2" })
            // Two InProgress answers: two polling pauses, growing.
            #expect(clock.recorded == [.seconds(1), .milliseconds(1_500)])
        }
    }

    @Test func aPageCutMidDownloadIsFetchedAgainWithoutDuplicates() async throws {
        try await ScriptedPeer.run(Self.script(cutFirstTry: true)) { peer in
            let file = Self.temporaryFile()
            defer { try? FileManager.default.removeItem(at: file) }
            let outcome = try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                try await client.bulkQuery("SELECT Id, Name, Description FROM Lead", pageRecords: 2, to: file)
            }
            #expect(outcome.records == 5)
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.components(separatedBy: "00Q000000000003AAA").count == 2)
            #expect(text.components(separatedBy: Self.header).count == 2)
            #expect(peer.apiRequests.filter { $0.query["locator"] == "MTAwMDA" }.count == 2)
        }
    }

    @Test func aFailedJobReportsSalesforcesMessage() async throws {
        let script = salesforcePeer { request, _, _ in
            request.method == "POST" ? Self.jobJSON(state: "UploadComplete")
                : Self.jobJSON(state: "Failed", extra: #","errorMessage":"INVALID_FIELD: No such column 'Foo__c' on entity 'Lead'""#)
        }
        try await ScriptedPeer.run(script) { peer in
            let file = Self.temporaryFile()
            let error = await #expect(throws: SalesforceClientError.self) {
                try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                    try await client.bulkQuery("SELECT Foo__c FROM Lead", to: file)
                }
            }
            #expect(error == .bulkJobFailed(jobId: Self.jobId, state: "Failed",
                                            message: "INVALID_FIELD: No such column 'Foo__c' on entity 'Lead'"))
            #expect(!FileManager.default.fileExists(atPath: file.path))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
                .filter { $0.contains(file.lastPathComponent) }
            #expect(leftovers.isEmpty)
        }
    }
}
