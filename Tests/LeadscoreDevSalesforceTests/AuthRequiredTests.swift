import Foundation
import LeadscoreDevSalesforce
import Testing

/// Every `/services/data/vXX.X` call needs a session; the version list does not (REST API Developer
/// Guide, "Versions": "Authentication: none"); unknown versions and resources are 404 NOT_FOUND.
@Suite struct AuthRequiredTests {
    @Test func callsWithoutAValidSessionAre401InvalidSessionId() async throws {
        try await DevServerFixture.withServer { client, _ in
            for token in [nil, "00D000000000000!notatoken"] {
                for path in ["/services/data/v62.0", "/services/data/v62.0/limits", "/services/data/v62.0/sobjects/Lead/describe",
                             "/services/data/v62.0/query?q=SELECT+Id+FROM+Lead", "/services/data/v62.0/jobs/query/750000000000000"] {
                    let answer = try await client.get(path, token: token)
                    #expect(answer.status == 401, "\(path)")
                    #expect(answer.array.first?["message"] as? String == "Session expired or invalid")
                    #expect(answer.errorCode == "INVALID_SESSION_ID")
                    #expect(answer.headers["sforce-limit-info"] == nil)
                }
            }
        }
    }

    @Test func theVersionListNeedsNoSession() async throws {
        try await DevServerFixture.withServer { client, _ in
            for path in ["/services/data", "/services/data/"] {
                let answer = try await client.get(path, token: nil)
                #expect(answer.status == 200)
                let versions = answer.array
                #expect(versions.first?["version"] as? String == "31.0")
                #expect(versions.first?["label"] as? String == "Summer '14")
                #expect(versions.last?["version"] as? String == DevSalesforce.latestAPIVersion)
                #expect(versions.last?["label"] as? String == "Winter '25")
                #expect(versions.last?["url"] as? String == "/services/data/v62.0")
            }
        }
    }

    @Test func aServedVersionListsItsResourcesAndUnknownOnesAre404() async throws {
        try await DevServerFixture.withServer { client, _ in
            let token = try await client.token()
            let resources = try await client.get("/services/data/v58.0", token: token)
            #expect(resources.status == 200)
            #expect(resources.object["query"] as? String == "/services/data/v58.0/query")
            #expect(resources.object["sobjects"] as? String == "/services/data/v58.0/sobjects")
            for path in ["/services/data/v99.0/limits", "/services/data/v30.0", "/services/data/62.0/limits",
                         "/services/data/v62.0/tooling/query", "/services/data/v62.0/sobjects/Account/describe"] {
                let answer = try await client.get(path, token: token)
                #expect(answer.status == 404, "\(path)")
                #expect(answer.errorCode == "NOT_FOUND")
                #expect(answer.array.first?["message"] as? String == "The requested resource does not exist")
            }
        }
    }
}
