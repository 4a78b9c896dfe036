import Foundation
import LeadscoreDevSalesforce
import Testing

/// The daily API allowance: `Sforce-Limit-Info: api-usage=N/M` on every authenticated answer (errors
/// included), `/limits`' DailyApiRequests, and 403 REQUEST_LIMIT_EXCEEDED once it is spent.
@Suite struct LimitTests {
    @Test func everyAuthenticatedCallCountsAndSaysSo() async throws {
        try await DevServerFixture.withServer(dailyAPILimit: 5_000) { client, _ in
            let token = try await client.token()
            let first = try await client.get("/services/data/v62.0", token: token)
            #expect(first.headers["sforce-limit-info"] == "api-usage=1/5000")
            let failing = try await client.get("/services/data/v62.0/query?q=SELECT+Nope+FROM+Lead", token: token)
            #expect(failing.status == 400)
            #expect(failing.headers["sforce-limit-info"] == "api-usage=2/5000")
            let limits = try await client.get("/services/data/v62.0/limits", token: token)
            #expect(limits.headers["sforce-limit-info"] == "api-usage=3/5000")
            let daily = limits.object["DailyApiRequests"] as? [String: Any]
            #expect(daily?["Max"] as? Int == 5_000)
            #expect(daily?["Remaining"] as? Int == 4_997)
            // The token endpoint and the version list are not API calls.
            _ = try await client.token()
            _ = try await client.get("/services/data/", token: nil)
            #expect(try await client.get("/services/data/v62.0", token: token).headers["sforce-limit-info"] == "api-usage=4/5000")
        }
    }

    @Test func aSpentAllowanceIs403RequestLimitExceeded() async throws {
        try await DevServerFixture.withServer(dailyAPILimit: 3) { client, server in
            let token = try await client.token()
            for _ in 0..<3 { #expect(try await client.get("/services/data/v62.0", token: token).status == 200) }
            for _ in 0..<2 {
                let refused = try await client.get("/services/data/v62.0/limits", token: token)
                #expect(refused.status == 403)
                #expect(refused.errorCode == "REQUEST_LIMIT_EXCEEDED")
                #expect(refused.array.first?["message"] as? String == "TotalRequests Limit exceeded.")
                #expect(refused.headers["sforce-limit-info"] == "api-usage=3/3")
            }
            #expect(await server.faults.count(of: .dailyLimitExceeded) == 2)
        }
    }

    @Test func theCountIsKeptWithTheOrgAcrossRestarts() async throws {
        let org = try DevServerFixture.makeOrg()
        try await DevServerFixture.withServer(org: org) { client, _ in
            let token = try await client.token()
            for _ in 0..<2 { _ = try await client.get("/services/data/v62.0", token: token) }
        }
        try await DevServerFixture.withServer(org: org) { client, _ in
            let answer = try await client.get("/services/data/v62.0", token: try await client.token())
            #expect(answer.headers["sforce-limit-info"] == "api-usage=3/100000")
        }
    }
}
