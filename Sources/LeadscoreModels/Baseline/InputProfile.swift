import LeadscoreData

/// A scored lead's monitored inputs as the audit log keeps them: one token per baseline field, in the
/// baseline's order, comma-separated — the field's bin, with `!` when the value was never seen in
/// training (categorical) or outside training's range (numeric). `"3,0,12!,5"`.
///
/// Bins, not values: the audit log must hold no raw personal data, and monitoring needs only the
/// distribution over the baseline's bins, which the profile gives exactly. A few bytes per lead.
public enum InputProfile {
    /// The profile of validated inputs under `baseline`.
    public static func encode(_ record: LeadRecord, baseline: MonitoringBaseline) -> String {
        baseline.fields.map { field in
            let value = record[field.name] ?? .missing
            let flagged = field.isUnseen(value) || field.isOutOfRange(value)
            return "\(field.bin(value))\(flagged ? "!" : "")"
        }.joined(separator: ",")
    }

    /// The bins of a stored profile; nil when it does not fit `baseline` (another field count, or a
    /// bin the field does not have): such a row is counted as unprofiled, never guessed.
    public static func decode(_ profile: String, baseline: MonitoringBaseline) -> [(bin: Int, flagged: Bool)]? {
        let tokens = profile.split(separator: ",", omittingEmptySubsequences: false)
        guard tokens.count == baseline.fields.count else { return nil }
        var bins: [(bin: Int, flagged: Bool)] = []
        bins.reserveCapacity(tokens.count)
        for (token, field) in zip(tokens, baseline.fields) {
            let flagged = token.hasSuffix("!")
            guard let bin = Int(flagged ? token.dropLast() : token), bin >= 0, bin < field.binCount else { return nil }
            bins.append((bin, flagged))
        }
        return bins
    }
}
