/// The org's daily API allowance as Salesforce reports it on every REST response:
/// `Sforce-Limit-Info: api-usage=18/5000` (sometimes followed by `; per-app-api-usage=17/250(appName=…)`
/// or `; api-bursts=1/750`).
///
/// An extract or a write-back shares the allowance with every other integration in the org, so the
/// client watches it and slows down well before the org runs dry (see ``pause(threshold:)``):
/// a lead-scoring job must never be the reason the org's other integrations get
/// `REQUEST_LIMIT_EXCEEDED`.
public struct SalesforceLimitInfo: Sendable, Equatable, CustomStringConvertible {
    /// API calls counted in the last 24 hours.
    public let used: Int
    /// The org's 24-hour allowance.
    public let max: Int

    /// The pause at the threshold and at (or beyond) the allowance.
    public static let shortestPause = Duration.milliseconds(500)
    public static let longestPause = Duration.seconds(10)

    public init(used: Int, max: Int) {
        self.used = used
        self.max = max
    }

    /// Reads the `api-usage=N/M` entry of a `Sforce-Limit-Info` header; nil when it is absent or malformed.
    public init?(header: String) {
        for entry in header.split(separator: ";") {
            let pair = entry.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == "api-usage" else { continue }
            let numbers = pair[1].trimmingCharacters(in: .whitespaces).split(separator: "/")
            guard numbers.count == 2, let used = Int(numbers[0]), let max = Int(numbers[1]), used >= 0, max > 0 else {
                return nil
            }
            self.init(used: used, max: max)
            return
        }
        return nil
    }

    /// Used divided by allowed; above 1 when the org is bursting past its allowance.
    public var share: Double { Double(used) / Double(max) }

    /// How long to wait before the next call.
    ///
    /// Zero below `threshold`; from the threshold on, it grows linearly from ``shortestPause`` to
    /// ``longestPause`` as usage approaches the allowance, and stays at the longest beyond it.
    /// Spreading calls out gives other integrations room and lets the 24-hour window roll forward.
    public func pause(threshold: Double) -> Duration {
        guard share >= threshold else { return .zero }
        let span = Swift.max(1 - threshold, 1e-9)
        let progress = Swift.min(1, (share - threshold) / span)
        let seconds = Self.shortestPause.seconds + (Self.longestPause - Self.shortestPause).seconds * progress
        return .milliseconds(Int64((seconds * 1_000).rounded()))
    }

    public var description: String {
        let percent = (share * 1_000).rounded() / 10
        return "\(used)/\(max) API calls in 24 h (\(percent)%)"
    }
}
