/// The four gates a retrained candidate passes before it may be promoted.
public enum GateName: String, Sendable, Codable, CaseIterable {
    /// The snapshot's rejected rows and contract violations; its inputs against the champion's baseline.
    case data
    /// PR AUC and top-decile lift against the champion on the same test leads.
    case offline
    /// ROC AUC per value of the configured segment fields against the champion on the same leads.
    case segments
    /// Scoring latency within budget, and an API schema callers can keep sending.
    case operational
}

/// One gate's verdict: passed when every check passed. Notes carry what was not judged and why
/// (no champion, a segment too small, leads the champion's contract cannot read).
public struct GateResult: Sendable, Codable, Equatable {
    public var gate: GateName
    public var passed: Bool
    public var checks: [GateCheck]
    public var notes: [String]

    public init(gate: GateName, checks: [GateCheck], notes: [String] = []) {
        self.gate = gate
        self.checks = checks
        self.notes = notes
        passed = checks.allSatisfy(\.passed)
    }

    /// The checks that failed, in report order.
    public var failures: [GateCheck] { checks.filter { !$0.passed } }

    public func check(named name: String) -> GateCheck? {
        checks.first { $0.name == name }
    }
}
