import Crypto
import Foundation
import LeadscoreData

/// Checks one lead from a request against the data contract and turns it into the record the
/// models read. From a JSON body, JSON types are the API document's (numbers, booleans, strings;
/// `null` for an empty field); from text (CSV), numbers and flags are read from text. Either way it
/// accepts what Flow and Apex send: ISO-8601 and Salesforce datetimes, arrays or `;`-lists for multi-selects.
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
    /// Where a lead comes from, which decides the JSON types it may use.
    public enum Source: Sendable {
        /// A JSON API body: types as the API document gives them (a number field takes a JSON number
        /// or null, a checkbox a JSON boolean or null), so the document and the server agree.
        case json
        /// Text the caller could not type (a CSV job, a Salesforce export): any field may be text, as
        /// in snapshots, and numbers and flags are read from it.
        case text
    }

    public func validate(_ lead: [String: JSONValue], from source: Source = .text) -> Result<ValidLead, APIError> {
        var raw: [String: String] = [:]
        var details: [APIError.Detail] = []
        var warnings: [String] = []
        var leadId: String?
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
            switch text(of: value, field: field, source: source) {
            case let .success(text?) where name == contract.idField:
                // The id is echoed and audited, never a model input: a Salesforce Id's form is checked (the
                // document's pattern), not its checksum; an id field of another type (a CSV's own lead
                // number) takes any text.
                let id = text.trimmingCharacters(in: .whitespaces)
                let isSalesforce = field.type == .id
                if id.isEmpty, !(isSalesforce && source == .json) {
                    leadId = nil
                } else if !isSalesforce || Self.isSalesforceId(id) {
                    leadId = id
                } else {
                    details.append(.init(field: name, code: "invalid_value",
                                         message: "'\(id.prefix(40))' is not a 15- or 18-character Salesforce Id (letters and digits)"))
                }
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
            return .success(ValidLead(record: record, leadId: leadId, inputHash: Self.hash(record), warnings: warnings))
        case let .failure(errors):
            return .failure(.validation(details + errors.errors.map {
                .init(field: $0.field ?? "", code: "invalid_value", message: "\($0.problem); \($0.fix)")
            }))
        }
    }

    /// A lead read as text (a CSV row, a report) with the JSON types the API document gives its fields:
    /// numbers and checkboxes as JSON numbers and booleans, empty texts as null. A text that does not
    /// read as its field's type stays text, for the API to name.
    public func typed(_ texts: [String: String]) -> [String: JSONValue] {
        var lead: [String: JSONValue] = [:]
        for (name, raw) in texts {
            let text = raw.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                lead[name] = .null
                continue
            }
            switch fields[name]?.type {
            case .number?, .integer?: lead[name] = FieldParser.parseNumber(text).map(JSONValue.number) ?? .string(raw)
            case .boolean?: lead[name] = FieldParser.parseBoolean(text).map(JSONValue.bool) ?? .string(raw)
            default: lead[name] = .string(raw)
            }
        }
        return lead
    }

    /// The largest magnitude a JSON number may have: 2^53 − 1, the interoperable range of I-JSON
    /// (RFC 7493 §2.2). Every integer up to it is exact in a double, so a client's boundary value cannot
    /// round onto an accepted one, and it is far inside what a model reads (a 32-bit float).
    static let largestNumber = 9_007_199_254_740_991.0

    /// A Salesforce record Id's form: 15 or 18 letters and digits (the API document's `pattern`).
    static let salesforceIdPattern = "^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$"

    static func isSalesforceId(_ text: String) -> Bool {
        (text.utf8.count == 15 || text.utf8.count == 18) && text.utf8.allSatisfy {
            ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122)
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
    private func text(of value: JSONValue, field: FieldSpec, source: Source) -> Result<String?, APIError.Detail> {
        let numeric = field.type == .number || field.type == .integer
        switch value {
        case .null:
            return .success(nil)
        case let .string(text):
            // JSON callers type numbers and flags as the API document does; text sources have only text.
            if source == .json, numeric || field.type == .boolean { return .failure(typeMismatch(field, got: value)) }
            return .success(text)
        case let .number(number):
            if source == .json ? !numeric : [.boolean, .date, .datetime, .id].contains(field.type) {
                return .failure(typeMismatch(field, got: value))
            }
            guard abs(number) <= Self.largestNumber else {
                return .failure(.init(field: field.name, code: "out_of_range",
                                      message: "\(field.name) is \(number), beyond the ±9007199254740991 a JSON number may have here; "
                                          + "send the real value or null"))
            }
            return .success(number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number))
        case let .bool(flag):
            if source == .json ? field.type != .boolean : numeric || [.date, .datetime, .id].contains(field.type) {
                return .failure(typeMismatch(field, got: value))
            }
            return .success(flag ? "true" : "false")
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
