/// The type of a contract field, named as a Salesforce admin knows them.
public enum FieldType: String, Sendable, Codable, CaseIterable {
    case string, picklist, multipicklist, number, integer, boolean, date, datetime, email, phone, id

    /// Maps a Salesforce `describe` type (`double`, `currency`, `reference`, …) to a contract type.
    /// Returns `nil` for types that cannot be features (`address`, `location`, `base64`, …).
    public init?(describeType: String) {
        switch describeType.lowercased() {
        case "string", "textarea", "url", "encryptedstring", "combobox": self = .string
        case "picklist": self = .picklist
        case "multipicklist": self = .multipicklist
        case "double", "currency", "percent": self = .number
        case "int", "long": self = .integer
        case "boolean": self = .boolean
        case "date": self = .date
        case "datetime": self = .datetime
        case "email": self = .email
        case "phone": self = .phone
        case "id", "reference": self = .id
        default: return nil
        }
    }

    /// Numbers, flags and times are stored as numbers; everything else as text.
    public var isNumericStorage: Bool {
        switch self {
        case .number, .integer, .boolean, .date, .datetime: return true
        default: return false
        }
    }

    public var isTemporal: Bool { self == .date || self == .datetime }
}
