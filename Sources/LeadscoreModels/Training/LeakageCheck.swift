import LeadscoreData

/// The leakage review as training sees it: the profile's suspects among the inputs the contract still
/// allows (a field already marked `scoring: leakage` is not read, so it is no longer a question), named
/// before fitting and kept in the evaluation with the model's own evidence — a field that dominates the
/// importance — for the model card's checklist.
enum LeakageCheck {
    static func suspectsInUse(_ snapshot: Snapshot) -> [LeakageSuspect] {
        let allowed = Set(snapshot.contract.fields.filter { $0.scoring == .allowed }.map(\.name))
        let labels = snapshot.contract.labelFieldNames
        return DatasetProfiler.leakageSuspects(snapshot).filter { suspect in
            let field = suspect.name.split(separator: ".").first.map(String.init) ?? suspect.name
            return allowed.contains(field) && !labels.contains(field)
        }
    }

    /// `suspects` with the dominance evidence of the champion's importance (a field's share of the total).
    static func withDominance(_ suspects: [LeakageSuspect], importance: [FieldImportance]) -> [LeakageSuspect] {
        LeakageReview.addingDominance(
            to: suspects, importance: Dictionary(importance.map { ($0.field, $0.meanAbsoluteImpact) }, uniquingKeysWith: +))
    }

    /// How `train` names a suspect it is about to use.
    static func line(_ suspect: LeakageSuspect) -> String {
        "Leakage \(suspect.level.rawValue): \(suspect.name) is an input (\(suspect.evidence.joined(separator: "; "))); "
            + suspect.level.suggestedAction
    }
}
