/// What the audit log says about the service over a window: scoring decisions (one per lead, so a batch
/// counts its leads) made and refused, latency,
/// and which fields validation refused most. Accumulated row by row while the log streams past.
public struct ServiceHealth: Sendable, Equatable {
    public internal(set) var decisions = 0
    public internal(set) var rejected = 0
    /// Refused leads per field at fault (from the refusal's detail, `Field:code`).
    public internal(set) var validationFailuresByField: [String: Int] = [:]
    private var latency = LatencyHistogram()

    public static func == (lhs: ServiceHealth, rhs: ServiceHealth) -> Bool {
        lhs.decisions == rhs.decisions && lhs.rejected == rhs.rejected
            && lhs.validationFailuresByField == rhs.validationFailuresByField && lhs.latency.counts == rhs.latency.counts
    }

    mutating func add(outcome: AuditOutcomeSummary) {
        decisions += 1
        latency.add(microseconds: outcome.latencyMicroseconds)
        guard outcome.rejected else { return }
        rejected += 1
        for field in outcome.fieldsAtFault { validationFailuresByField[field, default: 0] += 1 }
    }

    /// Share of decisions refused (validation or otherwise); 0 without decisions.
    public var errorRate: Double { decisions > 0 ? Double(rejected) / Double(decisions) : 0 }

    /// 95th-percentile latency in milliseconds (bucketed, see ``LatencyHistogram``); nil without decisions.
    public var latencyP95Milliseconds: Double? { latency.percentile(0.95).map { $0 / 1_000 } }
    public var latencyP50Milliseconds: Double? { latency.percentile(0.50).map { $0 / 1_000 } }
}

/// The part of an audit event service health reads.
struct AuditOutcomeSummary {
    var latencyMicroseconds: Int
    var rejected: Bool
    /// From a refusal's detail: `validation_failed Industry:not_allowed NumberOfEmployees:wrong_type`.
    var fieldsAtFault: [String]

    init(latencyMicroseconds: Int, rejected: Bool, detail: String?) {
        self.latencyMicroseconds = latencyMicroseconds
        self.rejected = rejected
        fieldsAtFault = (detail ?? "").split(separator: " ").dropFirst().compactMap { part in
            part.split(separator: ":", maxSplits: 1).first.map(String.init)
        }
    }
}
