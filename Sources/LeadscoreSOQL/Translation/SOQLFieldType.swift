/// How a field is compared, sorted and stored, grouped from Salesforce's many field types.
///
/// ## Storage conventions
/// The translated SQL assumes the local server stores an sObject as one SQLite table (with its implicit
/// `rowid`) and each field as one column named exactly as the field's API name, holding:
///
/// | Salesforce types | case | SQLite value |
/// | --- | --- | --- |
/// | string, email, phone, picklist, multipicklist, textarea, url, combobox, encryptedstring | ``text`` | TEXT |
/// | id, reference | ``id`` | TEXT, the 18-character id |
/// | anyType | ``anyType`` | TEXT |
/// | int, long | ``integer`` | INTEGER |
/// | double, currency, percent | ``double`` | REAL |
/// | boolean | ``boolean`` | INTEGER 0 or 1 |
/// | date | ``date`` | TEXT `YYYY-MM-DD` |
/// | datetime | ``dateTime`` | INTEGER milliseconds since 1970-01-01T00:00:00Z |
///
/// A missing value is SQL NULL, never an empty string (Salesforce keeps blank text as null too).
public enum SOQLFieldType: Sendable, Hashable {
    /// Text compared case-insensitively: `=`, `!=`, `<`…, `IN`, `LIKE`.
    case text
    /// A record id (15 or 18 characters): compared on its case-sensitive 15-character form, so a
    /// 15-character id in a filter finds the record stored with its 18-character id, as in Salesforce.
    case id
    /// A whole number.
    case integer
    /// A decimal number (double, currency, percent).
    case double
    /// `true`/`false`; Salesforce documents that `null` matches false for booleans.
    case boolean
    /// A calendar day.
    case date
    /// An instant, stored in UTC.
    case dateTime
    /// A value of varying type (`LeadHistory.OldValue`/`NewValue`): selectable, never filtered or sorted.
    case anyType

    /// The field type from a describe result's `type` (`"string"`, `"currency"`, `"datetime"`, …), or
    /// `nil` for types this server cannot query (address, location, base64, …).
    public init?(salesforceType: String) {
        switch salesforceType.lowercased() {
        case "string", "email", "phone", "picklist", "multipicklist", "textarea", "url", "combobox", "encryptedstring":
            self = .text
        case "id", "reference": self = .id
        case "anytype": self = .anyType
        case "int", "long": self = .integer
        case "double", "currency", "percent": self = .double
        case "boolean": self = .boolean
        case "date": self = .date
        case "datetime": self = .dateTime
        default: return nil
        }
    }

    /// The type name Salesforce uses in its filter error messages.
    var salesforceName: String {
        switch self {
        case .text: "string"
        case .id: "id"
        case .integer: "integer"
        case .double: "double"
        case .boolean: "boolean"
        case .date: "date"
        case .dateTime: "dateTime"
        case .anyType: "anyType"
        }
    }
}
