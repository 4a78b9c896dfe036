/// Combines the evidence about a field into a leakage level, because no single statistic separates a
/// rep's judgement from an honest engagement field: time on site can reach a single-feature AUC of 0.76
/// honestly while a rep's rating sits at 0.7.
///
/// Signals and what they decide:
/// - alone `leakage`: the `LeakageRules` reasons (contract, label, AUC ≥ 0.90, filled in mostly for
///   converted leads, dated after conversion, changed after the observation point for ≥ 50% of leads),
///   outcome values whose leads convert far differently from the rest, and leadscore's own output fields;
/// - alone `review`: a name that speaks of outcome or sales work, outcome values, missingness that
///   differs by outcome, a field changed after the observation point for 20–50% of leads;
/// - only alongside another: a single-feature AUC between 0.75 and 0.90.
/// A name or values signal with any second signal is `leakage`.
public enum LeakageReview {
    /// A single-feature AUC from here up to `LeakageRules.aucThreshold` is evidence, not a verdict.
    public static let reviewAUC = 0.75
    /// Missingness that differs by this much (absolute) between converted leads and the others…
    public static let missingnessGap = 0.30
    /// …with a two-proportion z at least this large, so a small sample cannot fake it.
    public static let significantZ = 4.0
    /// Leads holding an outcome value convert this much more or less often than the rest: `leakage`.
    public static let valueConversionGap = 0.30
    /// Outcome values held by at least this share of the leads with a value make the field suspect.
    public static let outcomeValueShare = 0.10
    /// Changed after the observation point for this share of leads (below `LeakageRules`' 50%): `review`.
    public static let reviewHistoryShare = 0.20
    /// A field carrying this share of a model's importance is a question for the model card checklist.
    public static let dominantImportanceShare = 0.50

    /// Snapshot column roles a model may read: only these are judged on names, values, missingness,
    /// history and AUC (the contract already keeps the others out of models).
    static let modelInputRoles: Set<String> = ["feature", "derived"]

    /// Everything measured about one snapshot column.
    struct Findings: Sendable {
        var name: String
        /// The contract's label for the field ("Lead Rating"), read like the name.
        var label: String?
        var role: String
        /// `LeakageRules` reasons: each alone makes the field `leakage`.
        var ruleReasons: [String]
        var auc: Double?
        var missingness: OutcomeContrast
        var values: OutcomeValues?
        var history: FieldProfile.HistoryEvidence?
    }

    /// Ordered most decisive first, the order evidence is listed in.
    private enum Strength: Int, Comparable {
        /// Decides `leakage` alone.
        case strong
        /// What the field is: its name or values.
        case meaning
        /// How the data behaves: missingness, history.
        case behaviour
        /// Counts only next to another signal.
        case supporting

        static func < (lhs: Strength, rhs: Strength) -> Bool {
            lhs.rawValue < rhs.rawValue
        }
    }

    /// One evidence item and how much it weighs.
    private struct Signal {
        var strength: Strength
        var text: String
    }

    /// The level and evidence for one column, or `nil` when nothing points at leakage.
    static func assess(_ findings: Findings) -> LeakageSuspect? {
        var signals = findings.ruleReasons.map { Signal(strength: .strong, text: $0) }
        if modelInputRoles.contains(findings.role) {
            signals += modelInputSignals(findings)
        }
        let evidence = signals.enumerated()
            .sorted { ($0.element.strength, $0.offset) < ($1.element.strength, $1.offset) }
            .map(\.element.text)
        let count = { (strength: Strength) in signals.filter { $0.strength == strength }.count }
        let weak = count(.meaning) + count(.behaviour) + count(.supporting)
        if count(.strong) > 0 || (count(.meaning) > 0 && weak >= 2) {
            return LeakageSuspect(name: findings.name, level: .leakage, evidence: evidence)
        }
        if count(.meaning) + count(.behaviour) > 0 {
            return LeakageSuspect(name: findings.name, level: .review, evidence: evidence)
        }
        return nil
    }

    /// Signals that only matter for a column a model may read.
    private static func modelInputSignals(_ findings: Findings) -> [Signal] {
        let percent = LeakageRules.percent
        var signals: [Signal] = []
        if KnownSalesforceFields.isLeadscoreOutput(findings.name) {
            signals.append(Signal(strength: .strong, text: ownOutputText))
        }
        if let text = nameText(name: findings.name, label: findings.label) {
            signals.append(Signal(strength: .meaning, text: text))
        }
        if let values = findings.values, values.share >= outcomeValueShare {
            let list = values.values.prefix(4).joined(separator: ", ") + (values.values.count > 4 ? ", …" : "")
            signals.append(Signal(strength: .meaning,
                                  text: "values include \(list) (\(percent(values.share)) of the leads with a value)"))
            if let strongest = values.strongest,
               strongest.conversion.differs(minimumGap: valueConversionGap, minimumZ: significantZ) {
                let conversion = strongest.conversion
                signals.append(Signal(strength: .strong, text: "leads with '\(strongest.value)' converted at "
                    + "\(percent(conversion.firstShare)) against \(percent(conversion.secondShare)) of the others: "
                    + "the value records the outcome"))
            }
        }
        let missingness = findings.missingness
        let presenceRuleFired = -missingness.gap >= LeakageRules.presenceGapThreshold
        if !presenceRuleFired, missingness.differs(minimumGap: missingnessGap, minimumZ: significantZ) {
            signals.append(Signal(strength: .behaviour, text: "missing in \(percent(missingness.secondShare)) of "
                + "non-converted leads but \(percent(missingness.firstShare)) of converted ones: likely filled in "
                + "as reps work a lead"))
        }
        if let history = findings.history, history.tracked, let share = history.changedAfterObservationShare,
           let leads = history.leadsWithValue, leads >= LeakageRules.historyMinimumLeads,
           share >= reviewHistoryShare, share < LeakageRules.changedAfterObservationThreshold {
            signals.append(Signal(strength: .behaviour, text: "changed after the observation point "
                + "(day \(history.observationDays)) for \(percent(share)) of the leads with a value (LeadHistory)"))
        }
        if let auc = findings.auc, auc >= reviewAUC, auc < LeakageRules.aucThreshold {
            signals.append(Signal(strength: .supporting, text: "single-feature ROC AUC \(LeakageRules.format(auc))"))
        }
        return signals
    }

    /// Contract fields a model may read whose name or label speaks of the outcome or of sales work, for
    /// `contract check` before any data exists. A name alone is `review`; leadscore's own output is `leakage`.
    public static func nameSuspects(in contract: DataContract) -> [LeakageSuspect] {
        let skipped = contract.labelFieldNames.union([contract.idField, contract.createdField].compactMap { $0 })
        return contract.fields.compactMap { field in
            guard field.scoring == .allowed, !field.pii, !skipped.contains(field.name) else { return nil }
            if KnownSalesforceFields.isLeadscoreOutput(field.name) {
                return LeakageSuspect(name: field.name, level: .leakage, evidence: [ownOutputText])
            }
            return nameText(name: field.name, label: field.label).map {
                LeakageSuspect(name: field.name, level: .review, evidence: [$0])
            }
        }
    }

    /// Adds "carries N% of the model's importance" to the fields a trained model leans on most
    /// (`importance`: any non-negative measure per field, e.g. mean |SHAP|). A dominant field that is not
    /// yet a suspect becomes a `review` one; levels never change, because dominance says where to look
    /// first, not what the field is (an honest input such as a page value can dominate).
    public static func addingDominance(to suspects: [LeakageSuspect], importance: [String: Double]) -> [LeakageSuspect] {
        let total = importance.values.filter { $0 > 0 }.reduce(0, +)
        guard total > 0 else { return suspects }
        var result = suspects
        let dominant = importance.filter { $0.value / total >= dominantImportanceShare }.sorted { $0.value > $1.value }
        for (name, value) in dominant {
            let text = "carries \(LeakageRules.percent(value / total)) of the model's importance: a model leaning this much "
                + "on one field deserves a check that it was known when the lead arrived"
            if let index = result.firstIndex(where: { $0.name == name }) {
                result[index].evidence.append(text)
            } else {
                result.append(LeakageSuspect(name: name, level: .review, evidence: [text]))
            }
        }
        return result
    }

    private static let ownOutputText = "leadscore writes this field itself: a model reading it learns from its own past scores"

    /// "name 'Lead_Rating_By_Rep__c' speaks of a rep's judgement ('rating')", from the name or else the label.
    static func nameText(name: String, label: String?) -> String? {
        if let match = LeakageVocabulary.match(name: name) {
            return "name '\(name)' speaks of \(match.description) ('\(match.words)')"
        }
        if let label, let match = LeakageVocabulary.match(name: label) {
            return "label '\(label)' speaks of \(match.description) ('\(match.words)')"
        }
        return nil
    }
}
