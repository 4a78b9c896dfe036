import Foundation
import LeadscoreData
import LeadscoreModels

/// The offline gate: on the same test leads, the candidate's PR AUC (average precision) and top-decile
/// lift must reach the champion's, less a small tolerance. Both are ranking figures, so the two
/// models' calibrations do not decide it; ROC AUC is reported beside them.
enum OfflineGate {
    static func evaluate(_ compared: ComparedLeads, candidate: ModelBundle, champion: ModelBundle?,
                         settings: GateSettings) -> GateResult {
        var notes = readingNotes(compared)
        let candidatePR = BinaryMetrics.averagePrecision(probabilities: compared.candidate, labels: compared.labels)
        let candidateLift = topDecileLift(compared.candidate, compared.labels)
        guard let championScores = compared.champion, let champion else {
            notes.append("no production model to compare with; the candidate's own figures on \(GateFormat.count(compared.rows.count)) "
                + "test leads: PR AUC \(GateFormat.fixed(candidatePR)), top-decile lift \(GateFormat.fixed(candidateLift))")
            return GateResult(gate: .offline, checks: [], notes: notes)
        }
        let negatives = compared.rows.count - compared.positives
        guard compared.positives > 0, negatives > 0 else {
            let check = GateCheck(
                name: "compared_leads", passed: false, value: Double(compared.rows.count),
                message: "the \(GateFormat.count(compared.rows.count)) test leads both models could read hold "
                    + "\(GateFormat.count(compared.positives)) conversions and \(GateFormat.count(negatives)) non-conversions: "
                    + "nothing to compare on")
            return GateResult(gate: .offline, checks: [check], notes: notes)
        }
        let championPR = BinaryMetrics.averagePrecision(probabilities: championScores, labels: compared.labels)
        let championLift = topDecileLift(championScores, compared.labels)
        let leads = "\(GateFormat.count(compared.rows.count)) identical test leads (\(GateFormat.count(compared.positives)) converted)"
        let checks = [
            atLeast("pr_auc", "PR AUC", candidatePR, championPR, tolerance: settings.prAUCTolerance, leads: leads),
            atLeast("top_decile_lift", "top-decile lift", candidateLift, championLift, tolerance: settings.liftTolerance,
                    leads: leads),
        ]
        let candidateAUC = ROCAUC.compute(scores: compared.candidate, labels: compared.labels)
        let championAUC = ROCAUC.compute(scores: championScores, labels: compared.labels)
        notes.append("ROC AUC \(GateFormat.fixed(candidateAUC)) vs \(GateFormat.fixed(championAUC)) for the champion (reported, not gated)")
        if let overlap = trainingOverlap(compared, candidate: candidate, champion: champion) { notes.append(overlap) }
        return GateResult(gate: .offline, checks: checks, notes: notes)
    }

    /// Lift of the best-scored tenth, as the model card computes it.
    static func topDecileLift(_ probabilities: [Double], _ labels: [Bool]) -> Double? {
        guard labels.contains(true), !probabilities.isEmpty else { return nil }
        return BinaryMetrics.liftByDecile(probabilities: probabilities, labels: labels).first?.lift
    }

    private static func atLeast(_ name: String, _ title: String, _ candidate: Double?, _ champion: Double?,
                                tolerance: Double, leads: String) -> GateCheck {
        guard let candidate, let champion else {
            return GateCheck(name: name, passed: false, value: candidate, reference: champion,
                             message: "\(title) could not be measured on \(leads)")
        }
        let limit = champion - tolerance
        return GateCheck(
            name: name, passed: candidate >= limit, value: candidate, reference: champion, limit: limit,
            message: "\(title) \(GateFormat.fixed(candidate)) vs \(GateFormat.fixed(champion)) for the champion on \(leads); "
                + "must be at least \(GateFormat.fixed(limit)) (tolerance \(GateFormat.fixed(tolerance)))")
    }

    /// Which test leads were left out, and why.
    static func readingNotes(_ compared: ComparedLeads) -> [String] {
        var notes: [String] = []
        let own = compared.candidateReading
        if own.unreadable > 0 {
            notes.append("the candidate's contract could not read \(GateFormat.count(own.unreadable)) of "
                + "\(GateFormat.count(compared.testLeads)) test leads: \(ComparedLeads.describe(own.problems))")
        }
        if let reading = compared.championReading, reading.unreadable > 0 {
            notes.append("the champion's contract could not read \(GateFormat.count(reading.unreadable)) of "
                + "\(GateFormat.count(compared.testLeads)) test leads (left out of the comparison): "
                + ComparedLeads.describe(reading.problems))
        }
        return notes
    }

    /// A champion trained on leads from the candidate's test period may have seen some of them, which
    /// flatters it; the figures stand, but the reader should know.
    private static func trainingOverlap(_ compared: ComparedLeads, candidate: ModelBundle, champion: ModelBundle) -> String? {
        let window = champion.metadata.trainingWindow
        guard window.count == 2, let lastDay = SalesforceDate.parse(window[1]),
              let createdField = candidate.contract.createdField, let column = compared.table.column(createdField) else {
            return nil
        }
        // The window is written in days: a lead created on its last day is inside it.
        let end = lastDay + 86_400
        let inside = compared.rows.count { (column.value(at: $0).numeric ?? .infinity) < end }
        guard inside > 0 else { return nil }
        return "the champion learned from leads created up to \(window[1]); \(GateFormat.count(inside)) of the compared test "
            + "leads were created by then, so it may have seen them and its figures are flattered"
    }
}
