import Foundation
import GRDB
import LeadscoreData

/// How one describe field type is stored in SQLite and rendered on the wire.
///
/// The storage convention is shared with `LeadscoreSOQL`, whose SQL runs on these tables: text-like
/// types (id, string, email, phone, picklist, multipicklist, reference, textarea, url, anyType) are
/// TEXT; int is INTEGER; double, currency and percent are REAL; boolean is INTEGER 0/1; date is TEXT
/// `YYYY-MM-DD`; datetime is INTEGER milliseconds since 1970-01-01 UTC; a missing value is NULL.
public enum FieldKind: String, Sendable, Equatable {
    case text, integer, double, boolean, date, dateTime, anyType

    /// The kind for a describe `type`; types this server does not model (address, location, base64, …)
    /// are kept as text.
    public init(describeType: String) {
        switch describeType.lowercased() {
        case "int", "long": self = .integer
        case "double", "currency", "percent": self = .double
        case "boolean": self = .boolean
        case "date": self = .date
        case "datetime": self = .dateTime
        case "anytype": self = .anyType
        default: self = .text
        }
    }

    /// The SQLite column type.
    var sqlType: String {
        switch self {
        case .integer, .boolean, .dateTime: return "INTEGER"
        case .double: return "REAL"
        case .text, .date, .anyType: return "TEXT"
        }
    }

    // MARK: Rendering stored values

    /// The value as Salesforce's REST API renders it in JSON: numbers, booleans, `null`, dates as
    /// `2025-03-04` and datetimes as `2025-03-04T15:22:10.000+0000`.
    func json(_ value: DatabaseValue) -> JSONValue {
        switch value.storage {
        case .null: return .null
        case let .int64(whole):
            switch self {
            case .boolean: return .bool(whole != 0)
            case .dateTime: return .string(SalesforceDate.formatSalesforceDateTime(Double(whole) / 1_000))
            case .double: return .double(Double(whole))
            case .integer: return .integer(whole)
            case .text, .date, .anyType: return .string(String(whole))
            }
        case let .double(number):
            return self == .integer ? .integer(Int64(number)) : .double(number)
        case let .string(text): return .string(text)
        case let .blob(bytes): return .string(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The value as Bulk API 2.0 writes it in a CSV result: empty for null, `true`/`false`, datetimes
    /// as `2025-03-04T15:22:10.000Z` (Bulk API 2.0 Developer Guide, "Valid Date Format in Records").
    func csvText(_ value: DatabaseValue) -> String {
        switch json(value) {
        case .null: return ""
        case let .bool(flag): return flag ? "true" : "false"
        case let .integer(whole): return String(whole)
        case let .double(number): return JSONValue.format(number)
        case let .string(text):
            if self == .dateTime, text.hasSuffix("+0000") { return String(text.dropLast(5)) + "Z" }
            return text
        case .array, .object: return ""
        }
    }

    // MARK: Reading exported values

    /// The stored value for one CSV text of a field whose describe type is `describeType`, parsed with
    /// LeadscoreData's `FieldParser` (a snapshot's type rules, without its placeholders), or why it cannot be read.
    func storedValue(csv text: String, describeType: String) -> Result<DatabaseValue, FieldParser.Problem> {
        if self == .anyType || FieldType(describeType: describeType) == nil {
            return .success(text.isEmpty ? .null : text.databaseValue)
        }
        let type: FieldType
        switch self {
        case .integer: type = .integer
        case .double: type = .number
        case .boolean: type = .boolean
        case .date: type = .date
        case .dateTime: type = .datetime
        case .text, .anyType: type = FieldType(describeType: describeType) ?? .string
        }
        // No placeholders: an org stores "N/A" or "--None--" as the text it was given, and a query returns
        // it as such, so the local server must keep it too; only the snapshot reading an export treats it as missing.
        return FieldParser.parse(text, as: type, missingValues: MissingValues([])).map(storedValue(parsed:))
    }

    /// The stored form of a parsed value.
    func storedValue(parsed value: FieldValue) -> DatabaseValue {
        switch value {
        case .missing: return .null
        case let .text(text): return text.databaseValue
        case let .bool(flag): return (flag ? 1 : 0).databaseValue
        case let .number(number):
            return self == .integer ? Int64(number).databaseValue : number.databaseValue
        case let .time(seconds):
            if self == .date { return SalesforceDate.formatDate(seconds).databaseValue }
            return Int64((seconds * 1_000).rounded()).databaseValue
        }
    }
}
