/// What a client has spent so far: calls, retries, re-authentications, slow-downs, and the org's
/// allowance as of the latest response. The extract prints it at the end of a run and records it in
/// the snapshot manifest, so an admin can see what a run cost the org.
public struct SalesforceUsage: Sendable, Equatable, CustomStringConvertible {
    /// HTTP requests sent to the org's REST and Bulk APIs (each retry counts; token requests do not).
    public var calls = 0
    /// Requests sent again after a retriable failure (REST, Bulk and token endpoint alike).
    public var retries = 0
    /// Requests to the OAuth token endpoint.
    public var tokenRequests = 0
    /// New access tokens fetched because Salesforce refused the old one (`INVALID_SESSION_ID`).
    public var reauthentications = 0
    /// Calls delayed because the org's API usage was above the configured share.
    public var slowdowns = 0
    public var slowdownSeconds = 0.0
    /// `Sforce-Limit-Info` from the latest response that carried one.
    public var latestLimit: SalesforceLimitInfo?

    public init() {}

    public var description: String {
        var parts = ["\(calls) API call\(calls == 1 ? "" : "s")", "\(retries) retr\(retries == 1 ? "y" : "ies")",
                     "\(reauthentications) re-authentication\(reauthentications == 1 ? "" : "s")"]
        if slowdowns > 0 {
            let seconds = (slowdownSeconds * 10).rounded() / 10
            parts.append("slowed down \(slowdowns)× (\(seconds) s)")
        }
        if let latestLimit { parts.append("org usage \(latestLimit)") }
        return parts.joined(separator: ", ")
    }
}
