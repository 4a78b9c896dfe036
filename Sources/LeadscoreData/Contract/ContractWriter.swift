/// Writes a contract as commented YAML an admin can read and edit (and `ContractLoader` reads back).
public enum ContractWriter {
    public static func yaml(_ contract: DataContract, remarks: [String] = []) -> String {
        var out: [String] = [
            "# leadscore data contract. Review every field, then run `leadscore contract check` on this file.",
            "# scoring: allowed (a model may use it) | leakage (known only after the outcome) | excluded",
            "# pii: true → never stored raw; pii_action: drop | hash (salted); derive: non-identifying features",
            "# missing: indicator | zero | unknown | false   (how an empty value reaches a model)",
        ]
        out += remarks.map { "# NOTE: \($0)" }
        out += [
            "version: \(contract.version)",
            "name: \(quoted(contract.name))",
            "revision: \(quoted(contract.revision))",
            "object: \(quoted(contract.object))",
        ]
        if let idField = contract.idField { out.append("id_field: \(quoted(idField))") }
        if let created = contract.createdField {
            out.append("created_field: \(quoted(created))")
        } else if contract.split == .random {
            out.append("# no created_field: splits are stratified random and labels have no time window")
        } else {
            out.append("# no created_field: labels have no time window")
        }
        if contract.split == .rowOrder {
            out.append("split: \(contract.split.rawValue)  # rows without a creation time: first train, then validation, last test")
        }
        out.append("label:")
        out.append("  field: \(quoted(contract.label.field))  # yes/no: true/false, 1/0 or Yes/No")
        if let dateField = contract.label.dateField { out.append("  date_field: \(quoted(dateField))") }
        if let window = contract.label.windowDays {
            out.append("  window_days: \(window)  # positive = converted within this many days of creation")
        }
        let features = contract.features
        out += [
            "features:",
            "  min_category_count: \(features.minCategoryCount)",
            "  max_categories: \(features.maxCategories)",
            "  observation_days: \(features.observationDays)  # features as of this many days after creation",
        ]
        if let sourceField = features.leadSourceField {
            out.append("  lead_source_field: \(quoted(sourceField))")
            if !features.leadSourceGroups.isEmpty {
                out.append("  lead_source_groups:")
                for group in features.leadSourceGroups {
                    out.append("    \(quoted(group.name)): [\(group.sources.map(quoted).joined(separator: ", "))]")
                }
            }
        }
        out += [
            "# missing_values: texts read as no value in every field (case and surrounding spaces ignored);",
            "# edit the list to suit your data ([] = only empty values are missing)",
            "missing_values: [\(contract.missingValues.placeholders.map(quoted).joined(separator: ", "))]",
        ]
        out.append("fields:")
        for field in contract.fields {
            out.append("  - name: \(quoted(field.name))")
            if let label = field.label { out.append("    label: \(quoted(label))") }
            out.append("    type: \(field.type.rawValue)")
            if field.required { out.append("    required: true") }
            if !field.values.isEmpty {
                out.append("    values: [\(field.values.map(quoted).joined(separator: ", "))]")
            }
            out.append("    missing: \(field.missing.rawValue)")
            out.append("    pii: \(field.pii)")
            if field.pii { out.append("    pii_action: \(field.piiAction.rawValue)") }
            if !field.derive.isEmpty {
                out.append("    derive: [\(field.derive.map(\.rawValue).joined(separator: ", "))]")
            }
            out.append("    scoring: \(field.scoring.rawValue)")
            out.append("    explain: \(field.explain)")
            if let note = field.note { out.append("    note: \(quoted(note))") }
            if let minimum = field.minimum { out.append("    min: \(FieldSpec.text(of: minimum, type: field.type))") }
            if let maximum = field.maximum { out.append("    max: \(FieldSpec.text(of: maximum, type: field.type))") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Double-quoted YAML scalar: safe for any text (colons, #, leading dashes, Yes/No).
    static func quoted(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 {
                    escaped += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"\(escaped)\""
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
