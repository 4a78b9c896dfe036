/// How urgent a finding is: `page` wakes someone now, `ticket` goes to the team's queue, `info` is
/// only logged. Ordered, so "at least ticket" is a comparison.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, ticket, page

    private var rank: Int {
        switch self {
        case .info: return 0
        case .ticket: return 1
        case .page: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One thing a monitor pass measured against its threshold: a field's drift, a null rate, the score
/// distribution, the service's error rate… Carries figures and field names only, never a lead's values.
public struct MonitorFinding: Sendable, Codable, Equatable {
    /// What was checked, e.g. `drift`, `null_rate`, `unseen_values`, `out_of_range`, `score_shift`,
    /// `tier_mix`, `error_rate`, `latency_p95`, `validation_failures`, `coverage`.
    public var check: String
    /// What it was checked on: a field's name, `score`, or `service`.
    public var subject: String
    /// The measured value and the threshold it was compared with (the one it crossed, or the lowest).
    public var value: Double
    public var threshold: Double
    public var severity: Severity
    /// One line a person can act on: what moved, by how much, against what.
    public var message: String

    public init(check: String, subject: String, value: Double, threshold: Double, severity: Severity, message: String) {
        self.check = check
        self.subject = subject
        self.value = value
        self.threshold = threshold
        self.severity = severity
        self.message = message
    }

    /// Identifies "the same alert" across passes, for de-duplication and acknowledgements.
    public var key: String { "\(check):\(subject)" }
}
