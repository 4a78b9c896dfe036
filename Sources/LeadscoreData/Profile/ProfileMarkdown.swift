import Foundation

/// Renders a `DatasetProfile` as Markdown for a contract review (readable on GitHub or in a PR).
public enum ProfileMarkdown {
    public static func render(_ profile: DatasetProfile) -> String {
        var lines: [String] = [
            "# Data profile — \(profile.snapshotId)",
            "",
            "- Contract: \(profile.contract)",
            "- Rows: \(profile.rows), positives: \(profile.positives) (base rate \(percent(profile.baseRate)))",
            "- Split: \(profile.splitMethod)",
            "- Window: \(profile.window.field ?? "none") from \(profile.window.from ?? "start") to \(profile.window.to ?? "end"), "
                + "as of \(profile.window.asOf)",
        ]
        if let periods = profile.psiPeriods {
            lines.append("- PSI compares \(periods.baselineFrom)…\(periods.baselineTo) (\(periods.baselineRows) rows) "
                + "with \(periods.recentFrom)…\(periods.recentTo) (\(periods.recentRows) rows)")
        }
        let withHistory = profile.fields.contains { $0.history != nil }
        let tracked = profile.fields.filter { $0.history?.tracked == true }
        if let days = profile.fields.lazy.compactMap(\.history).first?.observationDays {
            let list = tracked.map { "`\($0.name)` (\(historyText($0.history)))" }
            lines.append("- Field history: " + (list.isEmpty ? "no snapshot field is tracked"
                : "tracked fields hold their value as of day \(days) after creation: " + list.joined(separator: ", ")))
        }
        if !profile.warnings.isEmpty {
            lines += ["", "## Warnings", ""] + profile.warnings.map { "- **\($0)**" }
        }
        lines += leakageReview(profile)
        lines += [
            "", "## Fields", "",
            "| field | type | role | null rate | distinct | top values / range | PSI | AUC |"
                + (withHistory ? " history |" : "") + " leakage suspect |",
            "| --- | --- | --- | ---: | ---: | --- | ---: | ---: |" + (withHistory ? " --- |" : "") + " --- |",
        ]
        for field in profile.fields {
            let values: String
            if let summary = field.numericSummary {
                let show = field.type == "date" || field.type == "datetime" ? SalesforceDate.formatDate : number
                values = "\(show(summary.min)) … \(show(summary.median)) … \(show(summary.max))"
            } else {
                values = field.topValues.map { "\(escape($0.value)) (\(percent($0.share)))" }.joined(separator: ", ")
            }
            lines.append("| `\(field.name)` | \(field.type) | \(field.role) | \(percent(field.nullRate)) | \(field.distinct) | "
                + "\(values) | \(field.psi.map { String(format: "%.3f", $0) } ?? "–") | "
                + "\(field.singleFeatureAUC.map { String(format: "%.3f", $0) } ?? "–") | "
                + (withHistory ? "\(historyText(field.history)) | " : "") + "\(levelText(field.leakageLevel)) |")
        }
        lines += [
            "",
            "AUC: single-feature ROC AUC of the field's target-encoded bins (deciles or values; missing is a bin).",
            "PSI: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift; dates compare days after creation.",
        ]
        if withHistory {
            lines.append("History: share of the leads with a value whose value changed (per LeadHistory) after the "
                + "observation point; from \(percent(LeakageReview.reviewHistoryShare)) the field is a `review` suspect, "
                + "from \(percent(LeakageRules.changedAfterObservationThreshold)) a `leakage` one.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ profile: DatasetProfile) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(profile)
    }

    /// The leakage review table: every suspect with its level, evidence and what to do about it.
    private static func leakageReview(_ profile: DatasetProfile) -> [String] {
        let suspects = profile.fields.compactMap { field in field.leakageLevel.map { (field: field, level: $0) } }
        var lines = ["", "## Leakage suspects (\(suspects.count))", ""]
        guard !suspects.isEmpty else { return lines + ["None."] }
        lines += [
            "Leakage review: `leakage` means strong or combined evidence that the field was filled in after the lead "
                + "was worked; `review` means one weaker signal, a question only you can answer.",
            "",
            "| field | level | evidence | suggested action |",
            "| --- | --- | --- | --- |",
        ]
        for (field, level) in suspects {
            let action: String
            switch field.role {
            case "leakage": action = "none: already `scoring: leakage`"
            case "label": action = "none: part of the label"
            case "excluded": action = "none: already `scoring: excluded`"
            default: action = level.suggestedAction
            }
            let evidence = escape(field.leakageEvidence.joined(separator: "; "))
            lines.append("| `\(field.name)` | \(levelText(level)) | \(evidence) | \(action) |")
        }
        return lines
    }

    private static func levelText(_ level: LeakageSuspect.Level?) -> String {
        switch level {
        case .leakage: return "**leakage**"
        case .review: return "review"
        case nil: return "no"
        }
    }

    /// `62.1% changed after day 7`, `not tracked`, or `–` for a column without history evidence.
    private static func historyText(_ history: FieldProfile.HistoryEvidence?) -> String {
        guard let history else { return "–" }
        guard history.tracked else { return "not tracked" }
        let share = history.changedAfterObservationShare.map { "\(percent($0)) changed after day \(history.observationDays)" }
        return (share ?? "tracked") + (history.reconstructed ? "" : ", today's value kept")
    }

    private static func percent(_ share: Double) -> String {
        String(format: "%.1f%%", share * 100)
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e12 ? String(Int64(value)) : String(format: "%.3g", value)
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
