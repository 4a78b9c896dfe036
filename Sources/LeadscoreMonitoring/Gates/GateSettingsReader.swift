import LeadscoreData
import Yams

/// Reads `monitoring.gates:` for `MonitoringSettingsLoader`, with the same conventions: every mistake
/// collected in the reader with its line, key path and fix; unknown keys refused.
enum GateSettingsReader {
    static func read(_ node: Node, reader: YAMLNodeReader) -> GateSettings {
        var gates = GateSettings()
        guard let section = reader.mapping(node, "monitoring.gates", allowed: GateSettings.keys) else { return gates }
        func share(_ key: String) -> Double? {
            reader.double(section[key], "monitoring.gates.\(key)", range: 0...1)
        }
        func milliseconds(_ key: String) -> Double? {
            guard let value = reader.double(section[key], "monitoring.gates.\(key)", range: 0...600_000) else { return nil }
            guard value > 0 else {
                reader.fail(section[key], "monitoring.gates.\(key)", "a budget of 0 ms can never be met",
                            fix: "give the budget in milliseconds, e.g. \(key): 250")
                return nil
            }
            return value
        }
        gates.maxRejectedShare = share("max_rejected_share") ?? gates.maxRejectedShare
        gates.maxUnexpectedValueShare = share("max_unexpected_value_share") ?? gates.maxUnexpectedValueShare
        gates.maxInputPSI = reader.double(section["max_input_psi"], "monitoring.gates.max_input_psi", range: 0...10)
            ?? gates.maxInputPSI
        gates.maxNullRateIncrease = share("max_null_rate_increase") ?? gates.maxNullRateIncrease
        gates.prAUCTolerance = share("pr_auc_tolerance") ?? gates.prAUCTolerance
        gates.liftTolerance = reader.double(section["lift_tolerance"], "monitoring.gates.lift_tolerance", range: 0...10)
            ?? gates.liftTolerance
        gates.segmentMinimumLeads = reader.int(section["segment_min_leads"], "monitoring.gates.segment_min_leads",
                                               range: 1...10_000_000) ?? gates.segmentMinimumLeads
        gates.segmentAUCTolerance = share("segment_auc_tolerance") ?? gates.segmentAUCTolerance
        gates.latencyP95Milliseconds = milliseconds("latency_p95_ms") ?? gates.latencyP95Milliseconds
        gates.batchLatencyP95Milliseconds = milliseconds("batch_latency_p95_ms") ?? gates.batchLatencyP95Milliseconds
        gates.latencySampleLeads = reader.int(section["latency_sample"], "monitoring.gates.latency_sample", range: 10...100_000)
            ?? gates.latencySampleLeads
        return gates
    }
}
