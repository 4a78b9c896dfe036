import Foundation
import LeadscoreSalesforce
import Testing

/// REST reads against a scripted peer: paging through nextRecordsUrl, queryAll, COUNT(), describe, one record.
@Suite struct ClientQueryTests {
    /// A page shaped like the REST API guide's "Execute a SOQL Query" example.
    static func page(ids: ClosedRange<Int>, total: Int, next: String?) -> ScriptedPeer.Reply {
        let records = ids.map { index in
            """
            {"attributes":{"type":"Lead","url":"/services/data/v62.0/sobjects/Lead/00Q5e00000Ab\(String(format: "%03d", index))"},
             "Id":"00Q5e00000Ab\(String(format: "%03d", index))","AnnualRevenue":\(index % 2 == 0 ? "12" : "12.5"),
             "Owner":{"attributes":{"type":"User"},"Name":"Owner \(index)"},"Email":null}
            """
        }
        let nextPart = next.map { "\"nextRecordsUrl\":\"\($0)\"," } ?? ""
        return .json("{\"totalSize\":\(total),\"done\":\(next == nil),\(nextPart)\"records\":[\(records.joined(separator: ","))]}",
                     headers: ["Sforce-Limit-Info": "api-usage=18/5000"])
    }

    @Test func followsNextRecordsUrlPageByPage() async throws {
        let script = salesforcePeer { request, index, _ in
            switch index {
            case 0: return Self.page(ids: 1...3, total: 7, next: "/services/data/v62.0/query/01gD0000002HU6KIAW-3")
            case 1: return Self.page(ids: 4...6, total: 7, next: "/services/data/v62.0/query/01gD0000002HU6KIAW-6")
            default: return Self.page(ids: 7...7, total: 7, next: nil)
            }
        }
        try await ScriptedPeer.run(script) { peer in
            let clock = RecordingClock()
            let pages = try await TestClients.with(TestClients.config(base: peer.base), clock: clock) { client in
                var pages: [SalesforceQueryPage] = []
                let delivered = try await client.query("SELECT Id, AnnualRevenue, Owner.Name FROM Lead WHERE Company = 'A&B'") {
                    pages.append($0)
                }
                #expect(delivered == 7)
                let usage = await client.usage()
                #expect(usage.calls == 3)
                #expect(usage.latestLimit == SalesforceLimitInfo(used: 18, max: 5000))
                return pages
            }
            #expect(pages.map(\.index) == [0, 1, 2])
            #expect(pages.map(\.records.count) == [3, 3, 1])
            #expect(pages.map(\.isLast) == [false, false, true])
            #expect(pages.allSatisfy { $0.totalSize == 7 })
            let first = try #require(pages.first?.records.first)
            #expect(first.type == "Lead")
            #expect(first.id == "00Q5e00000Ab001")
            #expect(first["AnnualRevenue"]?.text == "12.5")
            #expect(pages[0].records[1]["AnnualRevenue"]?.text == "12")
            #expect(first["Owner.Name"]?.text == "Owner 1")
            #expect(first["Email"] == .null)

            let requests = peer.apiRequests
            #expect(requests.map(\.path) == ["/services/data/v62.0/query", "/services/data/v62.0/query/01gD0000002HU6KIAW-3",
                                             "/services/data/v62.0/query/01gD0000002HU6KIAW-6"])
            #expect(requests[0].query["q"] == "SELECT Id, AnnualRevenue, Owner.Name FROM Lead WHERE Company = 'A&B'")
            #expect(requests.allSatisfy { $0.authorization == "Bearer token-1" })
            #expect(peer.tokenRequests.count == 1)
            #expect(peer.tokenRequests[0].form["grant_type"] == "refresh_token")
            #expect(peer.tokenRequests[0].form["refresh_token"] == TestClients.refreshToken)
            #expect(peer.tokenRequests[0].form["client_id"] == "3MVG9test.consumer.key")
        }
    }

    @Test func includeDeletedUsesQueryAll() async throws {
        let script = salesforcePeer { _, _, _ in Self.page(ids: 1...1, total: 1, next: nil) }
        try await ScriptedPeer.run(script) { peer in
            _ = try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                try await client.query("SELECT Id FROM Lead", includeDeleted: true) { _ in }
            }
            #expect(peer.apiRequests.map(\.path) == ["/services/data/v62.0/queryAll"])
        }
    }

    @Test func refusesANextRecordsUrlOnAnotherHost() async throws {
        let script = salesforcePeer { _, _, _ in Self.page(ids: 1...2, total: 4, next: "https://evil.example.com/steal") }
        try await ScriptedPeer.run(script) { peer in
            await #expect(throws: SalesforceClientError.self) {
                try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                    try await client.query("SELECT Id FROM Lead") { _ in }
                }
            }
            #expect(peer.apiRequests.count == 1)
        }
    }

    @Test func countDescribeAndOneRecord() async throws {
        let describe = #"{"name":"Lead","fields":[{"name":"Id","type":"id"}]}"#
        let script = salesforcePeer { request, _, _ in
            switch request.path {
            case "/services/data/v62.0/query": return .json(#"{"totalSize":42,"done":true,"records":[]}"#)
            case "/services/data/v62.0/sobjects/Lead/describe": return .json(describe)
            default:
                return .json(#"{"attributes":{"type":"Lead","url":"/x"},"Id":"00Q5e00000AbCdEEAV","Company":"Acme","NumberOfEmployees":250}"#)
            }
        }
        try await ScriptedPeer.run(script) { peer in
            try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                let total = try await client.count("SELECT COUNT() FROM Lead")
                #expect(total == 42)
                let described = try await client.describe("Lead")
                #expect(described == Data(describe.utf8))
                let record = try await client.record("Lead", id: "00Q5e00000AbCdEEAV", fields: ["Company", "NumberOfEmployees"])
                #expect(record["company"]?.text == "Acme")
                #expect(record["NumberOfEmployees"]?.intValue == 250)
                await #expect(throws: SalesforceClientError.self) { try await client.describe("Lead/../../x") }
                await #expect(throws: SalesforceClientError.self) { _ = try await client.record("Lead", id: "nope", fields: []) }
            }
            let last = try #require(peer.apiRequests.last)
            #expect(last.path == "/services/data/v62.0/sobjects/Lead/00Q5e00000AbCdEEAV")
            #expect(last.query["fields"] == "Company,NumberOfEmployees")
            #expect(peer.apiRequests.count == 3)
        }
    }
}
