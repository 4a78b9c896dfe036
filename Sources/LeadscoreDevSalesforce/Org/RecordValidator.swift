import Foundation
import GRDB
import LeadscoreData

/// Checks the fields of one record a client writes against the object's describe and turns them into
/// stored values, failing the way Salesforce fails.
///
/// Two kinds of failure, as in a real org: a body Salesforce cannot deserialize (an unknown or hidden
/// field, a value of a JSON type the field cannot take) fails the whole request with INVALID_FIELD or
/// JSON_PARSER_ERROR; a value that deserializes but breaks a rule of the field (read-only, required,
/// too long, not a whole number, not an Id) fails only its record, with the SaveResult status code.
struct RecordValidator {
    let catalog: OrgCatalog
    let object: ObjectDescribe

    enum Mode { case create, update }

    /// A record's fields as stored values, or the first rule it breaks.
    typealias Outcome = Result<[(ObjectDescribe.FieldDescribe, DatabaseValue)], RecordError>

    /// Validates `members` (the record's JSON members, without `attributes` and the Id of an update).
    /// Throws a ``SalesforceError`` when the request as a whole cannot be deserialized.
    func validate(_ members: [(String, JSONValue)], mode: Mode) throws(SalesforceError) -> Outcome {
        var values: [(ObjectDescribe.FieldDescribe, DatabaseValue)] = []
        var firstProblem: RecordError?
        for (name, json) in members {
            guard let field = catalog.visibleField(name, of: object) else {
                throw SalesforceError(status: .badRequest, errorCode: "INVALID_FIELD",
                                      message: "No such column '\(name)' on sobject of type \(object.name)")
            }
            let stored: DatabaseValue
            switch convert(json, for: field) {
            case let .success(value): stored = value
            case let .failure(problem):
                // Salesforce deserializes the whole body before it saves anything.
                if problem.statusCode == "JSON_PARSER_ERROR" { throw problem.requestError }
                firstProblem = firstProblem ?? problem
                continue
            }
            if firstProblem == nil, let problem = rule(for: field, value: stored, json: json, mode: mode) {
                firstProblem = problem
            }
            // Lookups are stored (and answered) as 18-character Ids, whichever form the client sent.
            if field.type == "reference", case let .string(text) = stored.storage, text.count == 15, SalesforceId.isValid(text) {
                values.append((field, SalesforceId.caseSafe(text).databaseValue))
            } else {
                values.append((field, stored))
            }
        }
        if let firstProblem { return .failure(firstProblem) }
        if mode == .create {
            let given = Set(values.map(\.0.name))
            let missing = object.fields.filter { field in
                !given.contains(field.name) && !field.isNillable && field.isCreateable
                    && field.defaultedOnCreate != true && field.defaultValueOnCreate == nil
            }.map(\.name)
            if !missing.isEmpty {
                return .failure(RecordError("REQUIRED_FIELD_MISSING", "Required fields are missing: [\(missing.joined(separator: ", "))]",
                                            fields: missing))
            }
        }
        return .success(values)
    }

    /// The rule a deserialized value breaks, if any.
    private func rule(for field: ObjectDescribe.FieldDescribe, value: DatabaseValue, json: JSONValue,
                      mode: Mode) -> RecordError? {
        if (mode == .update && !field.isUpdateable) || (mode == .create && !field.isCreateable) {
            return RecordError("INVALID_FIELD_FOR_INSERT_UPDATE",
                               "Unable to create/update fields: \(field.name). Please check the security settings of this field "
                                   + "and verify that it is read/write for your profile or permission set.",
                               fields: [field.name])
        }
        if case let .double(number) = value.storage, let precision = field.precision, precision > 0 {
            // precision counts all digits, scale those after the point: the rest is the whole part's room.
            let wholeDigits = precision - (field.scale ?? 0)
            if abs(number) >= pow(10, Double(wholeDigits)) {
                return RecordError("NUMBER_OUTSIDE_VALID_RANGE",
                                   "\(field.displayLabel): value outside of valid range on numeric field: \(JSONValue.format(number))",
                                   fields: [field.name])
            }
        }
        guard case let .string(text) = value.storage else { return nil }
        if field.restrictedPicklist == true, field.type == "picklist",
           !(field.picklistValues ?? []).contains(where: { $0.value == text }) {
            return RecordError("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                               "\(field.displayLabel): bad value for restricted picklist field: \(text)", fields: [field.name])
        }
        if let length = field.length, length > 0, text.count > length, field.kind == .text {
            return RecordError("STRING_TOO_LONG", "\(field.name): data value too large: \(text.prefix(40)) (max length=\(length))",
                               fields: [field.name])
        }
        if (field.type == "reference" || field.type == "id"), !SalesforceId.isValid(text) {
            return RecordError("MALFORMED_ID", "\(field.name): id value of incorrect type: \(text)", fields: [field.name])
        }
        if field.type == "email", text.range(of: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", options: .regularExpression) == nil {
            return RecordError("INVALID_EMAIL_ADDRESS", "\(field.name): invalid email address: \(text)", fields: [field.name])
        }
        return nil
    }

    /// The stored value of `json` for `field`: JSON_PARSER_ERROR (thrown) for a JSON type the field
    /// cannot take, a record error for a number that does not fit, null for a required field.
    private func convert(_ json: JSONValue, for field: ObjectDescribe.FieldDescribe) -> Result<DatabaseValue, RecordError> {
        let kind = field.kind
        switch json {
        case .null:
            if kind == .boolean { return .success(0.databaseValue) }  // a checkbox set to null is false
            guard field.isNillable else {
                return .failure(RecordError("REQUIRED_FIELD_MISSING", "Required fields are missing: [\(field.name)]",
                                            fields: [field.name]))
            }
            return .success(.null)
        case .array, .object:
            return .failure(parserError(json, field))
        default:
            break
        }
        switch kind {
        case .text, .anyType:
            switch json {
            case let .string(text): return .success(text.databaseValue)
            case let .integer(whole): return .success(String(whole).databaseValue)
            case let .double(number): return .success(JSONValue.format(number).databaseValue)
            case let .bool(flag): return .success((flag ? "true" : "false").databaseValue)
            default: return .failure(parserError(json, field))
            }
        case .integer, .double:
            let number: Double
            switch json {
            case let .integer(whole): number = Double(whole)
            case let .double(value): number = value
            case let .string(text):
                guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else { return .failure(parserError(json, field)) }
                number = value
            default: return .failure(parserError(json, field))
            }
            let limit = kind == .integer ? Double(Int32.max) : 1e18
            guard number.isFinite, abs(number) <= limit, kind == .double || number.rounded() == number else {
                return .failure(RecordError("INVALID_TYPE_ON_FIELD_IN_RECORD",
                                            "\(field.name): value not of required type: \(JSONValue.format(number))",
                                            fields: [field.name]))
            }
            return .success(kind == .integer ? Int64(number).databaseValue : number.databaseValue)
        case .boolean:
            switch json {
            case let .bool(flag): return .success((flag ? 1 : 0).databaseValue)
            case let .string(text) where ["true", "false"].contains(text.lowercased()):
                return .success((text.lowercased() == "true" ? 1 : 0).databaseValue)
            default: return .failure(parserError(json, field))
            }
        case .date, .dateTime:
            guard case let .string(text) = json, let seconds = SalesforceDate.parse(text) else {
                return .failure(parserError(json, field))
            }
            return .success(kind.storedValue(parsed: .time(seconds)))
        }
    }

    private func parserError(_ json: JSONValue, _ field: ObjectDescribe.FieldDescribe) -> RecordError {
        let shown: String
        switch json {
        case let .string(text): shown = " value \(text.prefix(40))"
        case let .integer(whole): shown = " value \(whole)"
        case let .double(number): shown = " value \(JSONValue.format(number))"
        default: shown = ""
        }
        return RecordError("JSON_PARSER_ERROR",
                           "Cannot deserialize instance of \(Self.typeName(field.kind)) from \(json.tokenName)\(shown) "
                               + "or request may be missing a required field (field \(field.name))")
    }

    private static func typeName(_ kind: FieldKind) -> String {
        switch kind {
        case .text, .anyType: return "string"
        case .integer: return "int"
        case .double: return "double"
        case .boolean: return "boolean"
        case .date: return "date"
        case .dateTime: return "datetime"
        }
    }
}
