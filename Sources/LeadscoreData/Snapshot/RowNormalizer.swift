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
    private let allowedValues: [Set<String>]

    init(contract: DataContract, mapping: HeaderMapping, salt: PIISalt?) {
        self.contract = contract
        self.mapping = mapping
        self.salt = salt
        outputColumns = contract.fields.flatMap(\.snapshotColumns)
        allowedValues = contract.fields.map { Set($0.values) }
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
        for (fieldIndex, field) in contract.fields.enumerated() {
            let raw = mapping.columnIndex[fieldIndex].map { row[$0] } ?? ""
            let value: FieldValue
            switch FieldParser.parse(raw, as: field.type, missingValues: contract.missingValues) {
            case let .success(parsed):
                value = parsed
            case let .failure(problem):
                let reason = field.pii
                    ? "is not a valid \(field.type.rawValue) (value withheld: personal data); \(problem.fix)"
                    : "\(problem.problem); \(problem.fix)"
                return Outcome(result: .failure(Rejection(field: field.name, reason: reason)), unexpected: unexpected)
            }
            if value.isMissing, field.required {
                return Outcome(result: .failure(Rejection(field: field.name, reason: emptyRequiredReason(raw))),
                               unexpected: unexpected)
            }
            if field.name == contract.createdField { result.created = value.numeric }
            if field.name == contract.label.field { result.labelFlag = value == .bool(true) }
            if field.name == contract.label.dateField { result.labelEventTime = value.numeric }
            if field.name == contract.idField, case let .text(id) = value { result.leadId = id }
            if case let .text(text) = value, field.type == .picklist, !allowedValues[fieldIndex].isEmpty,
               !allowedValues[fieldIndex].contains(text), !field.pii {
                unexpected.append((fieldIndex, text))
            }
            appendSnapshotValues(of: field, value: value, to: &output)
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

    private func appendSnapshotValues(of field: FieldSpec, value: FieldValue, to output: inout [String?]) {
        if !field.pii {
            output.append(Self.canonicalText(value, type: field.type))
        } else if field.piiAction == .hash {
            if case let .text(text) = value, let salt { output.append(salt.hash(text)) } else { output.append(nil) }
        }
        for derivation in field.derive {
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

