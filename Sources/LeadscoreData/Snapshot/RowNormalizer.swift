import Foundation

/// Turns one source row into its snapshot form: typed, validated, canonically formatted, with
/// personal data dropped, hashed or reduced to derived values as the contract says. `normalize` changes
/// nothing, so rows can be normalised on all cores; the caller counts unexpected values with `count`.
struct RowNormalizer: Sendable {
    /// What a good row yields.
    struct Normalized: Sendable {
        var values: [String?]
        var created: Double?
        var labelFlag: Bool
        var labelEventTime: Double?
        var leadId: String?
    }

    /// Why a row was refused.
    struct Rejection: Error, Sendable {
        var field: String?
        var reason: String
    }

    let contract: DataContract
    let mapping: HeaderMapping
    let salt: PIISalt?
    /// Snapshot column names, in order.
    let outputColumns: [String]
    /// Unexpected picklist values per field (non-PII only), for the manifest's warnings.
    private(set) var unexpectedValues: [String: [String: Int]] = [:]
    /// Per contract field, in order.
    private let rules: [FieldRule]
    private let missingValues: MissingValues

    /// What `normalize` needs of one field, worked out once: a class, so reading it for every field of
    /// every row copies nothing (a `FieldSpec` copy retained each of its strings and lists).
    private final class FieldRule: Sendable {
        let field: FieldSpec
        let type: FieldType
        let personal: Bool
        let hashed: Bool
        let required: Bool
        let derive: [Derivation]
        /// Picklist values the contract lists, when unexpected ones are counted (non-personal picklists).
        let allowed: Set<String>?
        let isCreated: Bool, isLabel: Bool, isLabelDate: Bool, isId: Bool

        init(_ field: FieldSpec, contract: DataContract) {
            self.field = field
            type = field.type
            personal = field.pii
            hashed = field.piiAction == .hash
            required = field.required
            derive = field.derive
            allowed = field.type == .picklist && !field.pii && !field.values.isEmpty ? Set(field.values) : nil
            isCreated = field.name == contract.createdField
            isLabel = field.name == contract.label.field
            isLabelDate = field.name == contract.label.dateField
            isId = field.name == contract.idField
        }
    }

    init(contract: DataContract, mapping: HeaderMapping, salt: PIISalt?) {
        self.contract = contract
        self.mapping = mapping
        self.salt = salt
        outputColumns = contract.fields.flatMap(\.snapshotColumns)
        rules = contract.fields.map { FieldRule($0, contract: contract) }
        missingValues = contract.missingValues
    }

    /// A row's outcome, with the picklist values outside the contract's lists met before any rejection
    /// (field index, value).
    struct Outcome: Sendable {
        var result: Result<Normalized, Rejection>
        var unexpected: [(field: Int, value: String)] = []
    }

    /// Counts an outcome's unexpected values into ``unexpectedValues``.
    mutating func count(_ outcome: Outcome) {
        for (field, value) in outcome.unexpected {
            unexpectedValues[contract.fields[field].name, default: [:]][value, default: 0] += 1
        }
    }

    func normalize(_ row: [String]) -> Outcome {
        var unexpected: [(field: Int, value: String)] = []
        var output: [String?] = []
        output.reserveCapacity(outputColumns.count)
        var result = Normalized(values: [], created: nil, labelFlag: false, labelEventTime: nil, leadId: nil)
        for (fieldIndex, rule) in rules.enumerated() {
            let raw = mapping.columnIndex[fieldIndex].map { row[$0] } ?? ""
            let value: FieldValue
            switch FieldParser.parse(raw, as: rule.type, missingValues: missingValues) {
            case let .success(parsed):
                value = parsed
            case let .failure(problem):
                let reason = rule.personal
                    ? "is not a valid \(rule.type.rawValue) (value withheld: personal data); \(problem.fix)"
                    : "\(problem.problem); \(problem.fix)"
                return Outcome(result: .failure(Rejection(field: rule.field.name, reason: reason)), unexpected: unexpected)
            }
            if value.isMissing, rule.required {
                return Outcome(result: .failure(Rejection(field: rule.field.name, reason: emptyRequiredReason(raw))),
                               unexpected: unexpected)
            }
            if rule.isCreated { result.created = value.numeric }
            if rule.isLabel { result.labelFlag = value == .bool(true) }
            if rule.isLabelDate { result.labelEventTime = value.numeric }
            if rule.isId, case let .text(id) = value { result.leadId = id }
            if case let .text(text) = value, let allowed = rule.allowed, !allowed.contains(text) {
                unexpected.append((fieldIndex, text))
            }
            appendSnapshotValues(of: rule, value: value, to: &output)
        }
        if result.labelFlag, contract.label.dateField != nil, result.labelEventTime == nil {
            return Outcome(result: .failure(Rejection(
                field: contract.label.dateField,
                reason: "\(contract.label.field) is true but the date is empty, so the conversion cannot be placed in the label window; fill in the date")),
                unexpected: unexpected)
        }
        result.values = output
        return Outcome(result: .success(result), unexpected: unexpected)
    }

    /// Why a required value counts as empty; a placeholder is named, since the cell is not blank.
    private func emptyRequiredReason(_ raw: String) -> String {
        guard let placeholder = contract.missingValues.matchingPlaceholder(raw) else {
            return "is empty but required by the contract"
        }
        return "holds '\(placeholder)', a placeholder the contract's missing_values read as empty, "
            + "but the field is required; fill it in, or remove '\(placeholder)' from missing_values if it is a real value"
    }

    private func appendSnapshotValues(of rule: FieldRule, value: FieldValue, to output: inout [String?]) {
        if !rule.personal {
            output.append(Self.canonicalText(value, type: rule.type))
        } else if rule.hashed {
            if case let .text(text) = value, let salt { output.append(salt.hash(text)) } else { output.append(nil) }
        }
        for derivation in rule.derive {
            if case let .text(text) = value { output.append(derivation.derive(from: text)) } else { output.append(nil) }
        }
    }

    /// The one text form each value takes in a snapshot, so equal data always hashes equal.
    static func canonicalText(_ value: FieldValue, type: FieldType) -> String? {
        switch value {
        case .missing:
            return nil
        case let .text(text):
            return type == .multipicklist ? MultiSelect.canonical(text) : text
        case let .number(number):
            return formatNumber(number)
        case let .bool(flag):
            return flag ? "true" : "false"
        case let .time(seconds):
            return type == .date ? SalesforceDate.formatDate(seconds) : SalesforceDate.formatDateTime(seconds)
        }
    }

    /// Whole numbers without a trailing `.0`; others in Swift's shortest round-trip form.
    static func formatNumber(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}

