/// Checks that a contract's parts fit together: names exist, types suit their use, policies suit
/// their types. Used for contracts read from YAML (with line numbers) and built in code alike.
public enum ContractValidator {
    public static func validate(_ contract: DataContract, source: String = "contract",
                                lines: ContractLines = ContractLines()) -> [InputError] {
        var errors: [InputError] = []
        func fail(_ field: String, line: Int?, _ problem: String, fix: String) {
            errors.append(InputError(source: source, line: line, field: field, problem: problem, fix: fix))
        }
        let names = contract.fields.map(\.name)
        var seen: Set<String> = []
        for field in contract.fields {
            let line = lines.fields[field.name]
            let path = "fields.\(field.name)"
            if !seen.insert(field.name).inserted {
                fail(path, line: line, "is listed twice", fix: "keep one entry per field")
            }
            if field.name.isEmpty || field.name.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
                fail(path, line: line, "'\(field.name)' is not a valid API name",
                     fix: "use letters, digits and underscores, as in Salesforce API names")
            }
            if !field.missing.allows(field.type) {
                let fitting = MissingPolicy.allCases.filter { $0.allows(field.type) }.map(\.rawValue)
                fail("\(path).missing", line: line, "'\(field.missing.rawValue)' does not suit a \(field.type.rawValue) field",
                     fix: "use one of: \(fitting.joined(separator: ", "))")
            }
            if !field.values.isEmpty, field.type != .picklist, field.type != .multipicklist {
                fail("\(path).values", line: line, "allowed values only apply to picklists",
                     fix: "remove 'values' or change the type to picklist")
            }
            if field.minimum != nil || field.maximum != nil, !field.takesRange {
                fail("\(path).min", line: line, "min and max only apply to number, integer, date and datetime fields",
                     fix: "remove them or correct the field's type")
            }
            if let minimum = field.minimum, let maximum = field.maximum, minimum > maximum {
                fail("\(path).min", line: line, "min is above max", fix: "swap them or correct one")
            }
            for derivation in field.derive where !derivation.allows(field.type) {
                fail("\(path).derive", line: line, "'\(derivation.rawValue)' cannot be derived from a \(field.type.rawValue) field",
                     fix: "remove it or correct the field's type")
            }
            if field.pii, field.scoring == .allowed, field.derive.isEmpty, field.piiAction == .hash,
               field.type != .id {
                // A salted hash is an identifier, not a feature: say so rather than silently ignore it.
                fail("\(path).scoring", line: line, "a hashed PII field cannot be a model feature",
                     fix: "set 'scoring: excluded', or add 'derive:' to keep a non-identifying feature")
            }
        }

        let label = contract.label
        let labelLine = lines.top["label"]
        if let spec = contract.field(named: label.field) {
            if spec.type != .boolean {
                fail("label.field", line: labelLine, "'\(label.field)' is a \(spec.type.rawValue) field; the label must be yes/no",
                     fix: "declare \(label.field) as 'type: boolean' (0/1, true/false and Yes/No are all read)")
            }
        } else {
            fail("label.field", line: labelLine, "'\(label.field)' is not among the fields",
                 fix: "add it to 'fields' or name one of: \(names.prefix(8).joined(separator: ", "))")
        }
        if let dateField = label.dateField {
            if let spec = contract.field(named: dateField) {
                if !spec.type.isTemporal {
                    fail("label.date_field", line: labelLine, "'\(dateField)' is not a date field",
                         fix: "name a date or datetime field such as ConvertedDate")
                }
            } else {
                fail("label.date_field", line: labelLine, "'\(dateField)' is not among the fields",
                     fix: "add it to 'fields' or remove 'date_field'")
            }
            if label.windowDays == nil {
                fail("label.window_days", line: labelLine, "is required with date_field",
                     fix: "add 'window_days: 90' (how long after creation a conversion still counts)")
            }
        }
        if let created = contract.createdField {
            if let spec = contract.field(named: created) {
                if !spec.type.isTemporal {
                    fail("created_field", line: lines.top["created_field"], "'\(created)' is not a date field",
                         fix: "name the creation timestamp, usually CreatedDate (type datetime)")
                }
            } else {
                fail("created_field", line: lines.top["created_field"], "'\(created)' is not among the fields",
                     fix: "add it to 'fields' or remove 'created_field' (splits are then random)")
            }
        }
        if let idField = contract.idField {
            if let spec = contract.field(named: idField) {
                if spec.type != .id && spec.type != .string {
                    fail("id_field", line: lines.top["id_field"], "'\(idField)' is a \(spec.type.rawValue) field",
                         fix: "name the record id field, usually Id (type id)")
                }
                if spec.pii, spec.piiAction == .drop {
                    fail("id_field", line: lines.top["id_field"], "'\(idField)' is PII with pii_action: drop",
                         fix: "record ids are not personal data: set 'pii: false'")
                }
            } else {
                fail("id_field", line: lines.top["id_field"], "'\(idField)' is not among the fields",
                     fix: "add it to 'fields' or remove 'id_field'")
            }
        }
        errors += missingValueErrors(contract, source: source, line: lines.top["missing_values"])
        let features = contract.features
        if let sourceField = features.leadSourceField, contract.field(named: sourceField) == nil {
            fail("features.lead_source_field", line: lines.top["features"], "'\(sourceField)' is not among the fields",
                 fix: "name the lead source field, usually LeadSource")
        }
        if !features.leadSourceGroups.isEmpty, features.leadSourceField == nil {
            fail("features.lead_source_groups", line: lines.top["features"], "groups are given but no lead_source_field",
                 fix: "add 'lead_source_field: LeadSource'")
        }
        var grouped: [String: String] = [:]
        for group in features.leadSourceGroups {
            if group.sources.isEmpty {
                fail("features.lead_source_groups.\(group.name)", line: lines.top["features"], "has no sources",
                     fix: "list the LeadSource values that belong to it")
            }
            for source in group.sources {
                if let other = grouped.updateValue(group.name, forKey: source), other != group.name {
                    fail("features.lead_source_groups.\(group.name)", line: lines.top["features"],
                         "'\(source)' is also in group \(other)", fix: "put each source in one group")
                }
            }
        }
        return errors
    }

    /// A placeholder must not be a value the data needs: a yes/no spelling would blank the label
    /// (`1` or `Yes` read as missing is a lost conversion), and an allowed picklist value would
    /// never be seen.
    private static func missingValueErrors(_ contract: DataContract, source: String, line: Int?) -> [InputError] {
        var errors: [InputError] = []
        for placeholder in contract.missingValues.placeholders {
            let text = placeholder.trimmingCharacters(in: .whitespaces)
            if let flag = FieldParser.parseBoolean(text) {
                errors.append(InputError(
                    source: source, line: line, field: "missing_values",
                    problem: "'\(placeholder)' reads as \(flag ? "yes" : "no") in yes/no fields such as \(contract.label.field), "
                        + "so listing it would blank real answers",
                    fix: "remove '\(placeholder)' from missing_values"))
            }
            let folded = MissingValues.fold(text)
            for field in contract.fields where field.values.contains(where: { MissingValues.fold($0) == folded }) {
                errors.append(InputError(
                    source: source, line: line, field: "missing_values",
                    problem: "'\(placeholder)' is also an allowed value of \(field.name), which would never be seen",
                    fix: "remove it from missing_values, or from the values of \(field.name)"))
            }
        }
        return errors
    }
}
