/// The two levels a measured value is compared with: reaching `ticket` files a ticket, reaching `page`
/// wakes someone. Most figures are worse when higher (drift, error rate, latency); coverage is worse
/// when lower, so its page level sits below its ticket level.
public struct Threshold: Sendable, Equatable {
    /// Which way a value gets worse.
    public enum Direction: String, Sendable, Equatable {
        /// Worse when higher: a value at or above a level reaches it (PSI's 0.25 is already "significant").
        case higherIsWorse
        /// Worse when lower: a value below a level reaches it (98 % coverage meets a 0.98 target).
        case lowerIsWorse
    }

    public var ticket: Double
    public var page: Double
    public var direction: Direction

    public init(ticket: Double, page: Double, direction: Direction = .higherIsWorse) {
        self.ticket = ticket
        self.page = page
        self.direction = direction
    }

    /// `page` is at least as bad as `ticket`, so a worsening value files a ticket before it pages
    /// (or pages at once when the two are equal).
    public var isOrdered: Bool {
        switch direction {
        case .higherIsWorse: return page >= ticket
        case .lowerIsWorse: return page <= ticket
        }
    }

    /// The severity `value` reaches. A value that is not a number (nothing was measured, such as an
    /// error rate over no requests) is `info`: there is nothing to alert on.
    public func severity(for value: Double) -> Severity {
        guard !value.isNaN else { return .info }
        if reaches(page, value) { return .page }
        if reaches(ticket, value) { return .ticket }
        return .info
    }

    /// The level `value` is reported against in a ``MonitorFinding``: the one it reached, else `ticket`
    /// (the first a worsening value would meet).
    public func level(for value: Double) -> Double {
        severity(for: value) == .page ? page : ticket
    }

    private func reaches(_ level: Double, _ value: Double) -> Bool {
        switch direction {
        case .higherIsWorse: return value >= level
        case .lowerIsWorse: return value < level
        }
    }
}
