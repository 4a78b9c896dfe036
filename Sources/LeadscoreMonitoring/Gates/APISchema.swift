import LeadscoreData

/// The request schema a bundle's contract gives the scoring API, as the service builds it
/// (`LeadSchema` in the OpenAPI document, `LeadValidator` at request time): which fields a caller
/// sends, which must carry a value, and the JSON type each is sent as.
enum APISchema {
    /// The fields the `Lead` schema lists: the id, the creation time, and every field a model may use
    /// (personal data too when only a derived value is used), never leakage, excluded or label fields.
    static func fields(of contract: DataContract) -> [FieldSpec] {
        let labels = contract.labelFieldNames
        return contract.fields.filter { field in
            if field.name == contract.idField || field.name == contract.createdField { return true }
            return field.scoring == .allowed && !labels.contains(field.name)
        }
    }

    /// The fields a request is refused without, as `LeadValidator` decides.
    static func requiredFields(of contract: DataContract) -> [FieldSpec] {
        let labels = contract.labelFieldNames
        return contract.fields.filter {
            $0.required && $0.scoring != .leakage && !labels.contains($0.name) && $0.name != contract.idField
        }
    }

    /// The fields a caller following the schema sends, plus any the validator requires: what a lead
    /// read "as a request" carries.
    static func sentFields(of contract: DataContract) -> [FieldSpec] {
        var seen = Set<String>()
        return (fields(of: contract) + requiredFields(of: contract)).filter { seen.insert($0.name).inserted }
    }

    /// The JSON type a field is sent as (the OpenAPI type, with the format for dates).
    static func wireType(_ type: FieldType) -> String {
        switch type {
        case .string, .picklist, .email, .phone, .id: return "string"
        case .multipicklist: return "string or array of strings"
        case .number: return "number"
        case .integer: return "integer"
        case .boolean: return "boolean"
        case .date: return "string (date)"
        case .datetime: return "string (date-time)"
        }
    }

    /// Whether every value a caller sends for a `champion`-typed field is still accepted as `candidate`:
    /// the same JSON type, or a whole number where any number is now accepted.
    static func accepts(_ candidate: FieldType, valuesOf champion: FieldType) -> Bool {
        if wireType(candidate) == wireType(champion) { return true }
        if champion == .integer && candidate == .number { return true }
        // A multi-select also takes the plain `;`-separated string a text field was sent as.
        return candidate == .multipicklist && wireType(champion) == "string"
    }
}
