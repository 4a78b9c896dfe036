import Crypto
import Foundation
import LeadscoreData

/// Checks one lead from a request against the data contract and turns it into the record the
/// models read. Accepts what Flow and Apex send: JSON numbers or numeric strings, booleans,
/// ISO-8601 and Salesforce datetimes, `null` for an empty field, arrays or `;`-lists for multi-selects.
public struct LeadValidator: Sendable {
    /// A lead that passed: its record, id, input hash and the notes to return as warnings.
    public struct ValidLead: Sendable {
        public var record: LeadRecord
        public var leadId: String?
        /// SHA-256 (hex, 32 chars) of the validated record: equal inputs, equal hash. Holds no raw PII.
        public var inputHash: String
        public var warnings: [String]
    }

    /// Unknown fields named one by one in warnings or details; the rest are counted in one more line,
    /// so a request with 20,000 invented fields does not get a 1 MB answer.
    static let unknownFieldsListed = 20

    public let contract: DataContract
    public let policy: ValidationPolicy
    private let fields: [String: FieldSpec]
    /// Fields a lead must carry to be scored.
    private let requiredFields: [String]
    /// Fields with a `min` or `max`.
    private let rangedFields: [FieldSpec]

    public init(contract: DataContract, policy: ValidationPolicy) {
        self.contract = contract
        self.policy = policy
        fields = Dictionary(contract.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let outcomeFields = contract.labelFieldNames
        requiredFields = contract.fields.filter {
            $0.required && $0.scoring != .leakage && !outcomeFields.contains($0.name) && $0.name != contract.idField
        }.map(\.name)
        rangedFields = contract.fields.filter { $0.takesRange && ($0.minimum != nil || $0.maximum != nil) }
    }

    /// The validated lead, or every problem found (each naming its field and fix).
    public func validate(_ lead: [String: JSONValue]) -> Result<ValidLead, APIError> {
        var raw: [String: String] = [:]
        var details: [APIError.Detail] = []
        var warnings: [String] = []
        var unknownFields = 0
        for (name, value) in lead.sorted(by: { $0.key < $1.key }) {
            guard let field = fields[name] else {
                unknownFields += 1
                guard unknownFields <= Self.unknownFieldsListed else { continue }
                let shown = name.count > 80 ? name.prefix(80) + "…" : Substring(name)
                if policy.unknownFields == .refuse {
                    details.append(.init(field: String(shown), code: "unknown_field",
                                         message: "\(shown) is not in the data contract; remove it from the request"))
                } else {
                    warnings.append("\(shown) is not in the data contract and was ignored")
                }
                continue
            }
            switch text(of: value, field: field) {
            case let .success(text?): raw[name] = text
            case .success(.none): break
            case let .failure(detail): details.append(detail)
            }
        }
        if unknownFields > Self.unknownFieldsListed {
            let more = unknownFields - Self.unknownFieldsListed
            if policy.unknownFields == .refuse {
                details.append(.init(field: "", code: "unknown_fields",
                                     message: "\(more) more fields are not in the data contract; send only the contract's fields (see /openapi.json)"))
            } else {
                warnings.append("\(more) more fields are not in the data contract and were ignored")
            }
        }
        // A form placeholder ("--None--", "N/A"…, the contract's missing_values) is no value, as in snapshots.
        for name in requiredFields where contract.missingValues.isMissing((raw[name] ?? "").trimmingCharacters(in: .whitespaces)) {
            details.append(.init(field: name, code: "required",
                                 message: "\(name) is required by the data contract; send it with a value"))
        }
        for (name, text) in raw where !contract.missingValues.isMissing(text.trimmingCharacters(in: .whitespaces)) {
            guard let field = fields[name], field.type == .picklist, !field.values.isEmpty,
                  !field.values.contains(text.trimmingCharacters(in: .whitespaces)) else { continue }
            let allowed = field.values.prefix(12).joined(separator: ", ") + (field.values.count > 12 ? ", …" : "")
            if policy.unknownPicklistValues == .refuse {
                details.append(.init(field: name, code: "unknown_value",
                                     message: "'\(text.prefix(40))' is not an allowed value of \(name); use one of: \(allowed)"))
            } else {
                warnings.append("\(name): '\(text.prefix(40))' is not an allowed value; scored as Other")
            }
        }
        // Values are parsed even when other fields failed, so one response names every problem.
        switch LeadRecordReader.record(from: raw, contract: contract) {
        case let .success(record):
            checkRanges(record, details: &details, warnings: &warnings)
            guard details.isEmpty else { return .failure(.validation(details)) }
            let leadId = contract.idField.flatMap { raw[$0] }?.trimmingCharacters(in: .whitespaces)
            return .success(ValidLead(record: record, leadId: leadId?.isEmpty == true ? nil : leadId,
                                      inputHash: Self.hash(record), warnings: warnings))
        case let .failure(errors):
            return .failure(.validation(details + errors.errors.map {
                .init(field: $0.field ?? "", code: "invalid_value", message: "\($0.problem); \($0.fix)")
            }))
        }
    }

    /// Values outside the contract's `min`/`max`: refused or warned about, per the policy.
    private func checkRanges(_ record: LeadRecord, details: inout [APIError.Detail], warnings: inout [String]) {
        for field in rangedFields {
            guard let value = record[field.name]?.numeric, let problem = field.rangeProblem(value) else { continue }
            let shown = FieldSpec.text(of: value, type: field.type)
            if policy.outOfRange == .refuse {
                details.append(.init(field: field.name, code: "out_of_range",
                                     message: "\(field.name) is \(shown), \(problem); send the real value, or null when unknown"))
            } else {
                warnings.append("\(field.name) is \(shown), \(problem); scored as sent")
            }
        }
    }

    /// The text `FieldParser` reads for a JSON value, nil for null, or why the JSON type is wrong.
    private func text(of value: JSONValue, field: FieldSpec) -> Result<String?, APIError.Detail> {
        switch value {
        case .null:
            return .success(nil)
        case let .string(text):
            return .success(text)
        case let .number(number):
            switch field.type {
            case .boolean, .date, .datetime, .id:
                return .failure(typeMismatch(field, got: value))
            default:
                return .success(number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number))
            }
        case let .bool(flag):
            switch field.type {
            case .number, .integer, .date, .datetime, .id:
                return .failure(typeMismatch(field, got: value))
            default:
                return .success(flag ? "true" : "false")
            }
        case let .array(items) where field.type == .multipicklist:
            var values: [String] = []
            for item in items {
                guard case let .string(text) = item else { return .failure(typeMismatch(field, got: item)) }
                values.append(text)
            }
            return .success(values.joined(separator: ";"))
        case .array, .object:
            return .failure(typeMismatch(field, got: value))
        }
    }

    private func typeMismatch(_ field: FieldSpec, got value: JSONValue) -> APIError.Detail {
        .init(field: field.name, code: "wrong_type",
              message: "\(field.name) is \(field.type.rawValue) in the data contract but the request sent \(value.typeName); "
                  + "send \(Self.expectation(field.type)) or null")
    }

    private static func expectation(_ type: FieldType) -> String {
        switch type {
        case .number, .integer: return "a number"
        case .boolean: return "true or false"
        case .date: return "a date such as \"2025-03-04\""
        case .datetime: return "a datetime such as \"2025-03-04T15:22:10.000+0000\""
        case .multipicklist: return "a string with values separated by ; or an array of strings"
        default: return "a string"
        }
    }

    /// One buffer of tagged name/value bytes, hashed once.
    static func hash(_ record: LeadRecord) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        for (name, value) in record.sorted(by: { $0.key < $1.key }) {
            bytes += name.utf8
            switch value {
            case .missing: bytes.append(0)
            case let .text(text): bytes.append(1); bytes += text.utf8
            case let .number(number): bytes.append(2); withUnsafeBytes(of: number.bitPattern) { bytes += $0 }
            case let .bool(flag): bytes += [3, flag ? 1 : 0]
            case let .time(time): bytes.append(4); withUnsafeBytes(of: time.bitPattern) { bytes += $0 }
            }
            bytes.append(0xFF)
        }
        return Checksum.hex(SHA256.hash(data: bytes).prefix(16))
    }
}
