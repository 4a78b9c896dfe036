import Foundation
import LeadscoreData
import LeadscoreModels

/// The data gate: was the candidate trained on sound data? The snapshot's rows refused by the
/// contract and picklist values outside it (the manifest's counts and the rows themselves), then each
/// input the champion monitors, binned by the champion's training baseline, for the rows the candidate
/// learned from: PSI and null rate against that baseline. What it is meant to catch is a broken
/// extract — a remapped or emptied field — not the ordinary drift that prompted the retrain.
enum DataGate {
    static func evaluate(snapshot: Snapshot, candidate: ModelBundle, champion: ModelBundle?,
                         settings: GateSettings) -> GateResult {
        var checks = [rejectedShare(snapshot, settings: settings)]
        checks += unexpectedValues(snapshot, contract: candidate.contract, settings: settings)
        var notes: [String] = []
        if let baseline = champion?.baseline {
            let (inputs, missing) = inputsAgainstBaseline(snapshot, baseline: baseline, candidate: candidate,
                                                          settings: settings)
            checks += inputs
            if !missing.isEmpty {
                notes.append("not in the candidate's snapshot, so not compared (the operational gate judges removed fields): "
                    + missing.joined(separator: ", "))
            }
        } else {
            notes.append(champion == nil ? "no production model: inputs not compared with a baseline"
                : "the production bundle carries no monitoring baseline (trained before baselines): inputs not compared")
        }
        return GateResult(gate: .data, checks: checks, notes: notes)
    }

    private static func rejectedShare(_ snapshot: Snapshot, settings: GateSettings) -> GateCheck {
        let counts = snapshot.manifest.counts
        let share = counts.sourceRows > 0 ? Double(counts.rejected) / Double(counts.sourceRows) : 0
        let byField = rejectionsByField(snapshot).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let reasons = byField.prefix(5).map { "\($0.key) \(GateFormat.count($0.value))" }.joined(separator: ", ")
        return GateCheck(
            name: "rejected_share", passed: share <= settings.maxRejectedShare, value: share,
            limit: settings.maxRejectedShare,
            message: "\(GateFormat.count(counts.rejected)) of \(GateFormat.count(counts.sourceRows)) source rows refused by "
                + "the contract (\(GateFormat.percent(share)); at most \(GateFormat.percent(settings.maxRejectedShare)))"
                + (reasons.isEmpty ? "" : "; by field: \(reasons)"))
    }

    /// Rejected rows per field from the snapshot's `rejects.csv` (`(row)` for malformed lines).
    private static func rejectionsByField(_ snapshot: Snapshot) -> [String: Int] {
        let url = snapshot.directory.appendingPathComponent(SnapshotManifest.rejectsFile)
        guard snapshot.manifest.counts.rejected > 0, let reader = try? CSVReader(url: url, delimiter: .fixed(.comma)),
              let fieldIndex = reader.header.firstIndex(of: "field") else { return [:] }
        var counts: [String: Int] = [:]
        while let record = try? reader.next() {
            guard case let .row(row) = record else { continue }
            let field = fieldIndex < row.values.count ? row.values[fieldIndex] : ""
            counts[field.isEmpty ? "(row)" : field, default: 0] += 1
        }
        return counts
    }

    /// Per picklist with a list of values: the share of leads holding a value (or, for multi-selects,
    /// a choice) the contract does not list.
    private static func unexpectedValues(_ snapshot: Snapshot, contract: DataContract, settings: GateSettings) -> [GateCheck] {
        contract.fields.compactMap { field in
            guard field.type == .picklist || field.type == .multipicklist, !field.values.isEmpty,
                  case let .categorical(column)? = snapshot.table.column(field.name) else { return nil }
            let allowed = Set(field.values)
            let outside = column.levels.map { level in
                field.type == .multipicklist ? MultiSelect.values(of: level).contains { !allowed.contains($0) }
                    : !allowed.contains(level)
            }
            var present = 0, unexpected = 0
            for code in column.codes where code >= 0 {
                present += 1
                if outside[Int(code)] { unexpected += 1 }
            }
            let share = present > 0 ? Double(unexpected) / Double(present) : 0
            let examples = column.levels.indices.filter { outside[$0] }.prefix(3).map { "'\(column.levels[$0])'" }
            return GateCheck(
                name: "unexpected_values:\(field.name)", passed: share <= settings.maxUnexpectedValueShare, value: share,
                limit: settings.maxUnexpectedValueShare,
                message: "\(field.name): \(GateFormat.count(unexpected)) of \(GateFormat.count(present)) values not in the "
                    + "contract's list (\(GateFormat.percent(share)); at most \(GateFormat.percent(settings.maxUnexpectedValueShare)))"
                    + (examples.isEmpty ? "" : ", e.g. \(examples.joined(separator: ", "))"))
        }
    }

    /// PSI and null-rate checks of every baseline field the snapshot has; the names of those it lacks.
    private static func inputsAgainstBaseline(_ snapshot: Snapshot, baseline: MonitoringBaseline, candidate: ModelBundle,
                                              settings: GateSettings) -> (checks: [GateCheck], missing: [String]) {
        let table = snapshot.table
        // The leads the candidate learned from, as its own baseline was built: train, plus validation after a refit.
        let rows = table.rows(in: .train) + (candidate.metadata.settings.refit ? table.rows(in: .validation) : [])
        var checks: [GateCheck] = [], missing: [String] = []
        for field in baseline.fields {
            guard let column = table.column(field.name) else {
                missing.append(field.name)
                continue
            }
            var counts = BinCounts(for: field)
            for row in rows { counts.add(bin: field.bin(column.value(at: row))) }
            let shares = counts.shares
            let psi = DriftMeasures.psi(expected: field.shares, actual: shares)
            let nullRate = shares[field.missingBin]
            checks.append(GateCheck(
                name: "input_psi:\(field.name)", passed: psi <= settings.maxInputPSI, value: psi, limit: settings.maxInputPSI,
                message: "\(field.name): PSI \(GateFormat.fixed(psi)) against the champion's training baseline over "
                    + "\(GateFormat.count(rows.count)) training leads (at most \(GateFormat.fixed(settings.maxInputPSI)))"))
            let rise = nullRate - field.nullRate
            checks.append(GateCheck(
                name: "null_rate:\(field.name)", passed: rise <= settings.maxNullRateIncrease, value: nullRate,
                reference: field.nullRate, limit: field.nullRate + settings.maxNullRateIncrease,
                message: "\(field.name): \(GateFormat.percent(nullRate)) missing vs \(GateFormat.percent(field.nullRate)) in the "
                    + "champion's baseline (at most \(GateFormat.percent(settings.maxNullRateIncrease)) more)"))
        }
        return (checks, missing)
    }
}
