import Foundation
import Yams

/// Reads `contract.yaml` into a `DataContract`, reporting every problem with its line and a fix.
public enum ContractLoader {
    /// Loads and validates the contract at `url`. Throws `InputErrors` listing all problems found.
    public static func load(from url: URL) throws -> DataContract {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw InputError(source: url.path, problem: "the contract cannot be read as UTF-8 text",
                             fix: "check the path; draft one with `leadscore contract draft`")
        }
        return try parse(text, source: url.lastPathComponent)
    }

    /// Parses and validates contract YAML text.
    public static func parse(_ text: String, source: String = "contract.yaml") throws -> DataContract {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (line, problem) = describe(error)
            throw InputError(source: source, line: line, problem: "the YAML is malformed: \(problem)",
                             fix: "check indentation and quoting around that line")
        }
        let reader = YAMLNodeReader(source: source)
        var lines = ContractLines()
        let contract = read(root, reader: reader, lines: &lines)
        var errors = reader.errors
        if let contract, errors.isEmpty {
            errors += ContractValidator.validate(contract, source: source, lines: lines)
        }
        guard errors.isEmpty, let contract else {
            throw InputErrors(errors.isEmpty
                ? [InputError(source: source, problem: "the contract is empty", fix: "draft one with `leadscore contract draft`")]
                : errors)
        }
        return contract
    }

    private static func describe(_ error: YamlError) -> (line: Int?, problem: String) {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return (mark.line, problem)
        case let .duplicatedKeysInMapping(duplicates, _):
            return (nil, "duplicated keys \(duplicates.joined(separator: ", "))")
        default:
            return (nil, String(describing: error))
        }
    }

    private static let topKeys = ["version", "name", "revision", "object", "id_field", "created_field",
                                  "label", "fields", "features", "missing_values", "split"]
    private static let fieldKeys = ["name", "label", "type", "required", "values", "missing", "pii",
                                    "pii_action", "derive", "scoring", "explain", "note", "min", "max"]

    private static func read(_ root: Node?, reader: YAMLNodeReader, lines: inout ContractLines) -> DataContract? {
        guard let top = reader.mapping(root, "", allowed: topKeys) else { return nil }
        let version = reader.int(top["version"], "version", range: 1...1_000) ?? DataContract.formatVersion
        if top["version"] == nil {
            reader.fail(root, "version", "is required", fix: "add 'version: \(DataContract.formatVersion)' at the top")
        } else if version != DataContract.formatVersion {
            reader.fail(top["version"], "version", "contract format \(version) is not supported by this leadscore",
                        fix: "use 'version: \(DataContract.formatVersion)' or upgrade leadscore")
        }
        let name = reader.string(top["name"], "name", required: true) ?? ""
        let label = readLabel(top["label"], reader: reader, lines: &lines)
        var fields: [FieldSpec] = []
        if let items = reader.sequence(top["fields"], "fields") {
            for (index, item) in items.enumerated() {
                if let field = readField(item, index: index, reader: reader) {
                    lines.fields[field.name] = item.mark?.line
                    fields.append(field)
                }
            }
        } else {
            reader.fail(root, "fields", "is required", fix: "list the Lead fields under 'fields:'")
        }
        lines.top["id_field"] = top["id_field"]?.mark?.line
        lines.top["created_field"] = top["created_field"]?.mark?.line
        lines.top["features"] = top["features"]?.mark?.line
        lines.top["missing_values"] = top["missing_values"]?.mark?.line
        lines.top["split"] = top["split"]?.mark?.line
        guard let label else { return nil }
        var contract = DataContract(
            name: name,
            revision: reader.string(top["revision"], "revision") ?? "1",
            object: reader.string(top["object"], "object") ?? "Lead",
            idField: reader.string(top["id_field"], "id_field"),
            createdField: reader.string(top["created_field"], "created_field"),
            label: label,
            fields: fields)
        contract.version = version
        contract.features = readFeatures(top["features"], reader: reader)
        contract.missingValues = readMissingValues(top["missing_values"], reader: reader)
        contract.split = readSplit(top["split"], reader: reader)
        return contract
    }

    /// `split:` says what the row order means when rows have no creation time; without it, `random`.
    private static func readSplit(_ node: Node?, reader: YAMLNodeReader) -> SplitOrder {
        guard let text = reader.string(node, "split") else { return .random }
        guard let order = SplitOrder(rawValue: text) else {
            reader.fail(node, "split", "'\(text)' is not a split order; allowed: "
                            + SplitOrder.allCases.map(\.rawValue).joined(separator: ", "),
                        fix: "write 'split: row_order' when the export is sorted by time, oldest first, "
                            + "or 'split: random' (the default) when row order means nothing")
            return .random
        }
        return order
    }

    /// `missing_values:` replaces the default placeholders; without it the defaults apply. An unquoted
    /// `null` or `~` is YAML's own empty value, not the text, so it is refused with the quoting fix.
    private static func readMissingValues(_ node: Node?, reader: YAMLNodeReader) -> MissingValues {
        guard let node else { return .standard }
        let example = "missing_values: [\"--None--\", \"N/A\", \"-\"] (or [] to count only empty values as missing)"
        guard case let .sequence(items) = node else {
            reader.fail(node, "missing_values", "expected a list of texts", fix: "write e.g. \(example)")
            return .standard
        }
        var placeholders: [String] = []
        var seen: [String: String] = [:]
        for (index, item) in items.enumerated() {
            let path = "missing_values[\(index)]"
            guard case let .scalar(scalar) = item else {
                reader.fail(item, path, "expected a text", fix: "write each placeholder in quotes, e.g. \(example)")
                continue
            }
            if item.null != nil {
                let shown = scalar.string.isEmpty ? "an empty entry" : "unquoted '\(scalar.string)'"
                reader.fail(item, path, "\(shown) is YAML's empty value, not a text",
                            fix: scalar.string.isEmpty ? "remove it (empty values are always missing)"
                                : "write it in quotes: \"\(scalar.string)\"")
                continue
            }
            let text = scalar.string
            let key = MissingValues.fold(text)
            if key.isEmpty {
                reader.fail(item, path, "an empty or blank text is always missing", fix: "remove this entry")
            } else if let earlier = seen[key] {
                reader.fail(item, path, "'\(text)' repeats '\(earlier)' (case and surrounding spaces are ignored)",
                            fix: "keep one of them")
            } else {
                seen[key] = text
                placeholders.append(text)
            }
        }
        return MissingValues(placeholders)
    }

    private static func readLabel(_ node: Node?, reader: YAMLNodeReader, lines: inout ContractLines) -> LabelDefinition? {
        guard node != nil else {
            reader.fail(nil, "label", "is required",
                        fix: "add 'label:' with 'field: IsConverted', 'date_field: ConvertedDate', 'window_days: 90'")
            return nil
        }
        guard let map = reader.mapping(node, "label", allowed: ["field", "date_field", "window_days"]) else { return nil }
        lines.top["label"] = node?.mark?.line
        guard let field = reader.string(map["field"], "label.field", required: true) else { return nil }
        return LabelDefinition(
            field: field,
            dateField: reader.string(map["date_field"], "label.date_field"),
            windowDays: map["window_days"] == nil ? nil : reader.int(map["window_days"], "label.window_days", range: 1...3_650))
    }

    private static func readField(_ node: Node, index: Int, reader: YAMLNodeReader) -> FieldSpec? {
        let path = "fields[\(index)]"
        guard let map = reader.mapping(node, path, allowed: fieldKeys) else { return nil }
        guard let name = reader.string(map["name"], "\(path).name", required: true) else { return nil }
        let fieldPath = "fields.\(name)"
        guard let type = reader.enumeration(map["type"], "\(fieldPath).type", as: FieldType.self) else {
            if map["type"] == nil { reader.fail(node, "\(fieldPath).type", "is required", fix: "add 'type:' (e.g. picklist, number)") }
            return nil
        }
        var field = FieldSpec(name: name, type: type)
        field.label = reader.string(map["label"], "\(fieldPath).label")
        field.required = reader.bool(map["required"], "\(fieldPath).required") ?? false
        field.values = reader.strings(map["values"], "\(fieldPath).values") ?? []
        field.missing = reader.enumeration(map["missing"], "\(fieldPath).missing", as: MissingPolicy.self)
            ?? MissingPolicy.defaultPolicy(for: type)
        field.pii = reader.bool(map["pii"], "\(fieldPath).pii") ?? false
        field.piiAction = reader.enumeration(map["pii_action"], "\(fieldPath).pii_action", as: PIIAction.self) ?? .drop
        if let items = reader.sequence(map["derive"], "\(fieldPath).derive") {
            field.derive = items.enumerated().compactMap {
                reader.enumeration($1, "\(fieldPath).derive[\($0)]", as: Derivation.self)
            }
        }
        field.scoring = reader.enumeration(map["scoring"], "\(fieldPath).scoring", as: ScoringUse.self) ?? .allowed
        field.explain = reader.bool(map["explain"], "\(fieldPath).explain") ?? true
        field.note = reader.string(map["note"], "\(fieldPath).note")
        field.minimum = readBound(map["min"], "\(fieldPath).min", type: type, reader: reader)
        field.maximum = readBound(map["max"], "\(fieldPath).max", type: type, reader: reader)
        return field
    }

    /// `min:`/`max:`: a number for number and integer fields, a date or datetime for temporal ones.
    private static func readBound(_ node: Node?, _ path: String, type: FieldType, reader: YAMLNodeReader) -> Double? {
        guard let node else { return nil }
        if type.isTemporal {
            guard let text = reader.string(node, path) else { return nil }
            guard let time = SalesforceDate.parse(text) else {
                reader.fail(node, path, "'\(text)' is not a date", fix: "write a date such as 1700-01-01")
                return nil
            }
            return time
        }
        guard type == .number || type == .integer else {
            reader.fail(node, path, "min and max only apply to number, integer, date and datetime fields", fix: "remove it")
            return nil
        }
        return reader.double(node, path, range: -1e300...1e300)
    }

    private static func readFeatures(_ node: Node?, reader: YAMLNodeReader) -> FeatureOptions {
        var options = FeatureOptions()
        guard let map = reader.mapping(node, "features", allowed: [
            "min_category_count", "max_categories", "observation_days", "lead_source_field", "lead_source_groups",
        ]) else { return options }
        options.minCategoryCount = reader.int(map["min_category_count"], "features.min_category_count", range: 1...1_000_000)
            ?? options.minCategoryCount
        options.maxCategories = reader.int(map["max_categories"], "features.max_categories", range: 1...1_000)
            ?? options.maxCategories
        options.observationDays = reader.int(map["observation_days"], "features.observation_days", range: 0...365)
            ?? options.observationDays
        options.leadSourceField = reader.string(map["lead_source_field"], "features.lead_source_field")
        if let groupsNode = map["lead_source_groups"] {
            guard case let .mapping(groups) = groupsNode else {
                reader.fail(groupsNode, "features.lead_source_groups", "expected a mapping of group name to sources",
                            fix: "write e.g. 'Referral: [Partner Referral, Employee Referral]'")
                return options
            }
            for (key, value) in groups {
                guard let name = key.string else { continue }
                let sources = reader.strings(value, "features.lead_source_groups.\(name)") ?? []
                options.leadSourceGroups.append(SourceGroup(name: name, sources: sources))
            }
        }
        return options
    }
}

/// Line numbers of contract parts, so semantic checks can point at the right line.
public struct ContractLines: Sendable {
    public var top: [String: Int] = [:]
    public var fields: [String: Int] = [:]

    public init() {}
}
