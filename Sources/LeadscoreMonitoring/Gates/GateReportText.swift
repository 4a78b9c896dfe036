import Foundation

/// The terminal form of a gate report: the verdict first, then each gate with the figures behind it.
/// Gates with many per-field checks (inputs, segments) show every failure and, of the checks that
/// passed, the one closest to its limit per kind; the JSON report keeps them all.
public enum GateReportText {
    /// Above this many checks, a gate's passing checks are summarised per kind.
    static let fullListLimit = 12

    public static func render(_ report: GateReport) -> String {
        let against = report.champion.map { "production \($0)" } ?? "no production model"
        var lines = ["Gates for \(report.candidate) against \(against), snapshot \(report.snapshotId), "
            + "\(GateFormat.count(report.comparedLeads)) test leads compared: "
            + (report.passed ? "PASSED" : "FAILED (\(report.failedGates.joined(separator: ", ")))")]
        for gate in report.gates {
            lines.append("  \(gate.passed ? "PASS" : "FAIL") \(gate.gate.rawValue)")
            lines += checkLines(gate)
            lines += gate.notes.map { "      note: \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    private static func checkLines(_ gate: GateResult) -> [String] {
        guard gate.checks.count > fullListLimit else {
            return gate.checks.map { "    \($0.passed ? "ok  " : "FAIL") \($0.message)" }
        }
        var lines = gate.failures.map { "    FAIL \($0.message)" }
        var kinds: [String] = []
        var passing: [String: [GateCheck]] = [:]
        for check in gate.checks where check.passed {
            let kind = check.name.split(separator: ":").first.map(String.init) ?? check.name
            if passing[kind] == nil { kinds.append(kind) }
            passing[kind, default: []].append(check)
        }
        for kind in kinds {
            let checks = passing[kind]!
            guard checks.count > 1 else {
                lines.append("    ok   \(checks[0].message)")
                continue
            }
            let closest = checks.min { margin($0) < margin($1) }!
            lines.append("    ok   \(checks.count) \(kind) checks; closest to its limit: \(closest.message)")
        }
        return lines
    }

    /// How far a passing figure is from its limit (either side); unmeasured figures sort last.
    private static func margin(_ check: GateCheck) -> Double {
        guard let value = check.value, let limit = check.limit else { return .infinity }
        return abs(limit - value)
    }
}
