import Foundation

/// The rules that mark a field as a leakage suspect: known only after the outcome, so a model
/// trained on it would look brilliant offline and fail in production.
public enum LeakageRules {
    /// Alone this predictive, a field almost certainly encodes the outcome.
    public static let aucThreshold = 0.90
    /// Filled in this much more often for converted leads than for others.
    public static let presenceGapThreshold = 0.60
    /// Dated after the conversion for at least this share of converted leads.
    public static let afterEventThreshold = 0.50
    /// Changed (per LeadHistory) after the observation point for at least this share of the leads
    /// that have a value: the field is mostly filled in or revised after the scoring moment.
    public static let changedAfterObservationThreshold = 0.50
    /// Field-history shares over fewer leads with a value than this are too noisy to judge.
    public static let historyMinimumLeads = 10

    /// What the profiler measured about one field.
    public struct Evidence: Sendable {
        public var role: String
        public var contractNote: String?
        public var auc: Double?
        public var presentAmongPositives: Double
        public var presentAmongNegatives: Double
        /// For date fields: share of converted leads whose value is after the conversion date.
        public var afterEventShare: Double?
        /// For snapshots built with field history.
        public var history: FieldProfile.HistoryEvidence?
    }

    /// Every reason that applies, most decisive first; empty means not suspect.
    public static func reasons(for evidence: Evidence) -> [String] {
        var reasons: [String] = []
        switch evidence.role {
        case "label":
            reasons.append("part of the label definition")
        case "leakage":
            reasons.append("marked as leakage in the contract" + (evidence.contractNote.map { " (\($0))" } ?? ""))
        default:
            break
        }
        if let auc = evidence.auc, auc >= aucThreshold {
            reasons.append("single-feature AUC \(format(auc)) ≥ \(format(aucThreshold)): too predictive to be known before the outcome")
        }
        let gap = evidence.presentAmongPositives - evidence.presentAmongNegatives
        if gap >= presenceGapThreshold {
            reasons.append("filled in for \(percent(evidence.presentAmongPositives)) of converted leads but "
                + "\(percent(evidence.presentAmongNegatives)) of others: likely set at or after conversion")
        }
        if let after = evidence.afterEventShare, after >= afterEventThreshold {
            reasons.append("dated after the conversion for \(percent(after)) of converted leads: populated mostly after conversion")
        }
        if let history = evidence.history, history.tracked, let share = history.changedAfterObservationShare,
           let leads = history.leadsWithValue, leads >= historyMinimumLeads, share >= changedAfterObservationThreshold {
            let day = "day \(history.observationDays)"
            reasons.append("tracked in LeadHistory: \(percent(share)) of the leads with a value changed it after \(day); "
                + (history.reconstructed
                    ? "the snapshot holds the value as of \(day), but scoring later sees today's value"
                    : "this snapshot holds today's value, which was not known on \(day)"))
        }
        return reasons
    }

    static func format(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    static func percent(_ share: Double) -> String {
        String(format: "%.0f%%", share * 100)
    }
}

