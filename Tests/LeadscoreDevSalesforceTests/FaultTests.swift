import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import NIOHTTP1
import Testing

/// Each fault of the plan, injected on `/services/data` calls and counted in `GET /__dev/stats`.
@Suite struct FaultTests {
    static func plan(_ change: (inout FaultPlan) -> Void) -> FaultPlan {
        var plan = FaultPlan()
        change(&plan)
        return plan
    }

    static func stats(_ client: DevClient) async throws -> [String: Int] {
        let answer = try await client.get("/__dev/stats", token: nil)
        return answer.object["faults"] as? [String: Int] ?? [:]
    }

    @Test func serverUnavailableIs503AndSparesTheTokenEndpoint() async throws {
        try await DevServerFixture.withServer(faults: Self.plan { $0.serverUnavailableRate = 1 }) { client, _ in
            let token = try await client.token()
            let answer = try await client.get("/services/data/v62.0/limits", token: token)
            #expect(answer.status == 503)
            #expect(answer.errorCode == "SERVER_UNAVAILABLE")
            #expect(try await Self.stats(client)["server_unavailable"] == 1)
        }
        try await DevServerFixture.withServer(faults: Self.plan { $0.serverUnavailableRate = 1; $0.includesTokenEndpoint = true }) { client, _ in
            let answer = try await client.send(.POST, "/services/oauth2/token", form: [
                "grant_type": "client_credentials", "client_id": client.info.clientId, "client_secret": client.info.clientSecret,
            ])
            #expect(answer.status == 503)
        }
    }

    @Test func requestLimitExceededIs403WithTheLimitHeader() async throws {
        try await DevServerFixture.withServer(faults: Self.plan { $0.requestLimitExceededRate = 1 }) { client, _ in
            let answer = try await client.get("/services/data/v62.0/limits", token: try await client.token())
            #expect(answer.status == 403)
            #expect(answer.errorCode == "REQUEST_LIMIT_EXCEEDED")
            #expect(answer.headers["sforce-limit-info"] == "api-usage=1/100000")
            #expect(try await Self.stats(client)["request_limit_exceeded"] == 1)
        }
    }

    @Test func unableToLockRowFailsWritesWholeOrPerRecord() async throws {
        let org = try DevServerFixture.makeOrg()
        let leads = try CSVRows.leads(org: org)
        // Leads a write may change: a converted one would fail for its own reason, not an injected lock.
        let writable = Array(leads.rows(where: "IsConverted", is: "false").prefix(40))
        let ids = writable.map { leads.value("Id", row: $0) }
        let records = ids.map { ["attributes": ["type": "Lead"], "id": $0, "Rating": "Hot"] as [String: Any] }
        try await DevServerFixture.withServer(org: org, faults: Self.plan { $0.unableToLockRowRate = 1 }) { client, _ in
            let token = try await client.token()
            let single = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(ids[0])", token: token, json: ["Rating": "Hot"])
            #expect(single.status == 400)
            #expect(single.errorCode == "UNABLE_TO_LOCK_ROW")
            let reads = try await client.get("/services/data/v62.0/sobjects/Lead/\(ids[0])?fields=Id", token: token)
            #expect(reads.status == 200)
        }
        try await DevServerFixture.withServer(org: org, faults: Self.plan { $0.unableToLockRowRate = 1; $0.unableToLockRowScope = .request }) { client, _ in
            let answer = try await client.send(.PATCH, "/services/data/v62.0/composite/sobjects", token: try await client.token(),
                                               json: ["records": Array(records.prefix(3))])
            let codes = answer.array.map { (($0["errors"] as? [[String: Any]])?.first?["statusCode"] as? String) }
            #expect(codes == Array(repeating: "UNABLE_TO_LOCK_ROW", count: 3))
            #expect(try await Self.stats(client)["unable_to_lock_row"] == 1)
        }
        try await DevServerFixture.withServer(org: org, faults: Self.plan { $0.unableToLockRowRate = 0.5; $0.seed = 11 }) { client, _ in
            let token = try await client.token()
            let answer = try await client.send(.PATCH, "/services/data/v62.0/composite/sobjects", token: token, json: ["records": records])
            let outcomes = answer.array.map { $0["success"] as? Bool ?? false }
            #expect(outcomes.contains(true) && outcomes.contains(false))
            #expect(try await Self.stats(client)["unable_to_lock_row"] == outcomes.filter { !$0 }.count)
            let locked = try #require(zip(ids, outcomes).first { !$0.1 }?.0)
            let untouched = try await client.get("/services/data/v62.0/sobjects/Lead/\(locked)?fields=Rating", token: token)
            let row = writable[try #require(ids.firstIndex(of: locked))]
            #expect(untouched.object["Rating"] as? String ?? "" == leads.value("Rating", row: row))
        }
    }

    @Test func slowResponsesArriveAfterTheDelay() async throws {
        try await DevServerFixture.withServer(faults: Self.plan { $0.slowRate = 1; $0.slowDelaySeconds = 0.3 }) { client, _ in
            let token = try await client.token()
            let start = ContinuousClock.now
            let answer = try await client.get("/services/data/v62.0/limits", token: token)
            #expect(answer.status == 200)
            #expect(ContinuousClock.now - start >= .milliseconds(300))
            #expect(try await Self.stats(client)["slow"] == 1)
        }
    }

    @Test func droppedConnectionsEndWithoutAnAnswer() async throws {
        try await DevServerFixture.withServer(faults: Self.plan { $0.droppedConnectionRate = 1 }) { client, _ in
            let token = try await client.token()
            await #expect(throws: (any Error).self) {
                _ = try await client.get("/services/data/v62.0/limits", token: token)
            }
            #expect(try await Self.stats(client)["dropped_connections"] == 1)
        }
    }

    @Test func sessionsExpireAfterTheConfiguredCalls() async throws {
        try await DevServerFixture.withServer(faults: Self.plan { $0.sessionExpiresAfterCalls = 2 }) { client, _ in
            let token = try await client.token()
            #expect(try await client.get("/services/data/v62.0", token: token).status == 200)
            #expect(try await client.get("/services/data/v62.0", token: token).status == 200)
            let expired = try await client.get("/services/data/v62.0", token: token)
            #expect(expired.status == 401)
            #expect(expired.errorCode == "INVALID_SESSION_ID")
            #expect(try await client.get("/services/data/v62.0", token: token).status == 401)
            #expect(try await client.get("/services/data/v62.0", token: try await client.token()).status == 200)
            #expect(try await Self.stats(client)["session_expires_after_calls"] == 1)
        }
    }

    @Test func hiddenFieldsAreInvisibleEverywhere() async throws {
        let org = try DevServerFixture.makeOrg()
        let id = try CSVRows.leads(org: org).value("Id", row: 0)
        try await DevServerFixture.withServer(org: org, faults: Self.plan { $0.hiddenFields = ["AnnualRevenue", "email"] }) { client, _ in
            let token = try await client.token()
            let describe = try await client.get("/services/data/v62.0/sobjects/Lead/describe", token: token)
            let names = (describe.object["fields"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(!names.contains("AnnualRevenue") && !names.contains("Email") && names.contains("Company"))
            let query = try await client.get("/services/data/v62.0/query?q=\(DevClient.queryEncoded("SELECT Id, AnnualRevenue FROM Lead"))",
                                             token: token)
            #expect(query.status == 400)
            #expect(query.errorCode == "INVALID_FIELD")
            let filtered = try await client.get("/services/data/v62.0/query?q=\(DevClient.queryEncoded("SELECT Id FROM Lead WHERE Email != null"))",
                                                token: token)
            #expect(filtered.errorCode == "INVALID_FIELD")
            let record = try await client.get("/services/data/v62.0/sobjects/Lead/\(id)", token: token)
            #expect(record.object["AnnualRevenue"] == nil && record.object["Company"] != nil)
            #expect(try await client.get("/services/data/v62.0/sobjects/Lead/\(id)?fields=Email", token: token).errorCode == "INVALID_FIELD")
            let patch = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(id)", token: token, json: ["AnnualRevenue": 5])
            #expect(patch.errorCode == "INVALID_FIELD")
            let bulk = try await client.send(.POST, "/services/data/v62.0/jobs/query", token: token,
                                             json: ["operation": "query", "query": "SELECT Id, Email FROM Lead"])
            #expect(bulk.errorCode == "INVALID_FIELD")
        }
    }

    @Test func aSeedReplaysTheSameFaults() async throws {
        let plan = Self.plan { $0.serverUnavailableRate = 0.5; $0.seed = 42 }
        var runs: [[Int]] = []
        for _ in 0..<2 {
            runs.append(try await DevServerFixture.withServer(faults: plan) { client, _ in
                let token = try await client.token()
                var statuses: [Int] = []
                for _ in 0..<20 { statuses.append(try await client.get("/services/data/v62.0", token: token).status) }
                let stats = try await client.get("/__dev/stats", token: nil).object
                #expect(stats["calls"] as? Int == 20)
                #expect((stats["faults"] as? [String: Int])?["server_unavailable"] == statuses.filter { $0 == 503 }.count)
                #expect((stats["apiUsage"] as? [String: Int])?["used"] == statuses.filter { $0 == 200 }.count)
                return statuses
            })
        }
        #expect(runs[0] == runs[1])
        #expect(Set(runs[0]) == [200, 503])
    }
}
