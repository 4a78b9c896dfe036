import Logging

/// Counts what the client spends and decides the slow-down before each call.
///
/// An actor because pages, chunks and token refreshes may run concurrently and all report here.
actor UsageMeter {
    private var usage = SalesforceUsage()
    private var warnedAboutLimit = false
    private let threshold: Double
    private let logger: Logger

    init(threshold: Double, logger: Logger) {
        self.threshold = threshold
        self.logger = logger
    }

    var snapshot: SalesforceUsage { usage }

    /// One response from the org's API; reads its `Sforce-Limit-Info` when present.
    func recordCall(limitHeader: String?) {
        usage.calls += 1
        if let limitHeader, let limit = SalesforceLimitInfo(header: limitHeader) {
            usage.latestLimit = limit
        }
    }

    /// A request to the org's API that failed before any response (it still may have cost a call).
    func recordUnansweredCall() {
        usage.calls += 1
    }

    func recordRetry() { usage.retries += 1 }
    func recordTokenRequest() { usage.tokenRequests += 1 }
    func recordReauthentication() { usage.reauthentications += 1 }

    /// The pause owed before the next call, given the latest allowance; logs one warning per client
    /// the first time usage crosses the threshold.
    func pauseBeforeCall() -> Duration {
        guard let limit = usage.latestLimit else { return .zero }
        let pause = limit.pause(threshold: threshold)
        guard pause > .zero else { return .zero }
        if !warnedAboutLimit {
            warnedAboutLimit = true
            logger.warning("Salesforce API usage is above the configured share: slowing down", metadata: [
                "usage": "\(limit)", "limit_share": "\(threshold)",
            ])
        }
        usage.slowdowns += 1
        usage.slowdownSeconds += pause.seconds
        return pause
    }
}
