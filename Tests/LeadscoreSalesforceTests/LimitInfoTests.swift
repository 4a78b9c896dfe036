import LeadscoreSalesforce
import Testing

/// `Sforce-Limit-Info` parsing and the slow-down rule. Header values are the examples of the REST API
/// Developer Guide, "Limit Info Header" (developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm).
@Suite struct LimitInfoTests {
    @Test func readsTheDocumentedForms() {
        #expect(SalesforceLimitInfo(header: "api-usage=18/5000") == SalesforceLimitInfo(used: 18, max: 5000))
        #expect(SalesforceLimitInfo(header: "api-usage=25/5000; per-app-api-usage=17/250(appName=sample-connected-app)")
            == SalesforceLimitInfo(used: 25, max: 5000))
        #expect(SalesforceLimitInfo(header: "api-usage=110018/100000; api-bursts=1/750") == SalesforceLimitInfo(used: 110_018, max: 100_000))
        #expect(SalesforceLimitInfo(header: " api-usage = 10018/100000 ")?.used == 10_018)
    }

    @Test(arguments: ["", "api-usage=", "api-usage=12", "api-usage=a/b", "api-usage=5/0", "per-app-api-usage=17/250"])
    func ignoresMalformedHeaders(_ header: String) {
        #expect(SalesforceLimitInfo(header: header) == nil)
    }

    @Test func noPauseBelowTheShare() {
        #expect(SalesforceLimitInfo(used: 3_999, max: 5_000).pause(threshold: 0.8) == .zero)
        #expect(SalesforceLimitInfo(used: 0, max: 5_000).pause(threshold: 0.8) == .zero)
    }

    @Test func pausesGrowAsUsageApproachesTheAllowance() {
        let shares = [4_000, 4_250, 4_500, 4_750, 4_999, 5_000]
        let pauses = shares.map { SalesforceLimitInfo(used: $0, max: 5_000).pause(threshold: 0.8) }
        #expect(pauses.first == SalesforceLimitInfo.shortestPause)
        #expect(pauses.last == SalesforceLimitInfo.longestPause)
        #expect(zip(pauses, pauses.dropFirst()).allSatisfy { $0 < $1 })
        // Beyond the allowance (bursting), the pause stays at the longest.
        #expect(SalesforceLimitInfo(used: 7_000, max: 5_000).pause(threshold: 0.8) == SalesforceLimitInfo.longestPause)
        // Halfway between the share and the allowance, halfway between the shortest and longest pause.
        #expect(pauses[2] == .milliseconds(5_250))
    }

    @Test func describesItselfForLogs() {
        #expect(SalesforceLimitInfo(used: 4_500, max: 5_000).description == "4500/5000 API calls in 24 h (90.0%)")
        var usage = SalesforceUsage()
        usage.calls = 3
        usage.retries = 1
        usage.latestLimit = SalesforceLimitInfo(used: 18, max: 5_000)
        #expect(usage.description == "3 API calls, 1 retry, 0 re-authentications, org usage 18/5000 API calls in 24 h (0.4%)")
    }
}
