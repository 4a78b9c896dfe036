import Foundation
import LeadscoreData

/// The org's daily API allowance: every authenticated `/services/data` call counts once against it
/// (REST API Developer Guide, "API Request Limits and Allocations"), per UTC day, in the org file.
/// Clients see the count in `Sforce-Limit-Info: api-usage=N/M` and in `/limits` (`DailyApiRequests`).
struct APIUsage: Sendable {
    let store: OrgStore
    /// `M`: 100,000 by default, or the fault plan's `daily_api_limit`.
    let limit: Int

    /// Counts a call: the day's count including it, or `nil` when the allowance is spent.
    func count() async throws -> Int? {
        try await store.countAPICall(day: Self.today(), limit: limit)
    }

    /// The calls counted today.
    func used() async throws -> Int {
        try await store.apiCalls(day: Self.today())
    }

    /// The header value Salesforce sends on every REST response: `api-usage=18/5000`.
    func header(used: Int) -> String {
        "api-usage=\(used)/\(limit)"
    }

    private static func today() -> String {
        SalesforceDate.formatDate(Date().timeIntervalSince1970)
    }
}
