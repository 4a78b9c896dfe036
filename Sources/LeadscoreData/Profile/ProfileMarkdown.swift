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
        if !profile.warnings.isEmpty {
            lines += ["", "## Warnings", ""] + profile.warnings.map { "- **\($0)**" }
        }
        let suspects = profile.fields.filter(\.leakageSuspect)
        lines += ["", "## Leakage suspects (\(suspects.count))", ""]
        lines += suspects.isEmpty ? ["None."] : suspects.map { "- `\($0.name)`: \($0.leakageReasons.joined(separator: "; "))" }
        lines += [
            "", "## Fields", "",
            "| field | type | role | null rate | distinct | top values / range | PSI | AUC | leakage suspect |",
            "| --- | --- | --- | ---: | ---: | --- | ---: | ---: | --- |",
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
                + "\(field.singleFeatureAUC.map { String(format: "%.3f", $0) } ?? "–") | \(field.leakageSuspect ? "**yes**" : "no") |")
        }
        lines += [
            "",
            "AUC: single-feature ROC AUC of the field's target-encoded bins (deciles or values; missing is a bin).",
            "PSI: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift; dates compare days after creation.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ profile: DatasetProfile) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(profile)
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
