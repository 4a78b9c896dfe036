import Foundation
import LeadscoreData

/// The `Lead` schema: the fields a caller sends to be scored, typed as the data contract says.
///
/// A caller sends the id (echoed back and audited), the creation time (the scoring moment) and every
/// field a model may use. Personal data such as Email or Title is among them when the contract lets
/// a model use it through a derived value (domain class, seniority): the server derives that value and
/// drops the raw one. Leakage, excluded and label fields are left out so that an admin mapping the
/// callout in Flow is never asked for a value the score must not depend on.
enum LeadSchema {
    /// External Services keeps at most this many characters of a description.
    private static let descriptionLimit = 1_333

    /// The contract's fields that the schema lists, in contract order. A field with derivations
    /// counts only when a model may use it: the feature pipeline ignores derivations of excluded fields,
    /// so asking for such personal data would collect it for nothing.
    private static func fields(of contract: DataContract) -> [FieldSpec] {
        let labels = contract.labelFieldNames
        return contract.fields.filter { field in
            if field.name == contract.idField || field.name == contract.createdField { return true }
            return field.scoring == .allowed && !labels.contains(field.name)
        }
    }

    static func make(contract: DataContract) -> OpenAPINode {
        let fields = fields(of: contract)
        var properties: [String: OpenAPINode] = [:]
        for field in fields {
            properties[field.name] = property(for: field, contract: contract)
        }
        // The id is optional: a Flow may score a lead before it is saved.
        let required = fields.filter { $0.required && $0.name != contract.idField }.map(\.name)
        return OpenAPISchema.object(
            "A \(contract.object) as Salesforce API names and values, per data contract \(contract.name) "
                + "(revision \(contract.revision)). Any field may be null or left out (missing) unless listed as required.",
            properties: properties, required: required)
    }

    private static func property(for field: FieldSpec, contract: DataContract) -> OpenAPINode {
        var details: [String] = []
        if field.name == contract.idField {
            details.append("The record Id, echoed back as leadId and kept in the audit log; never a model input.")
        }
        if field.name == contract.createdField {
            details.append("When the lead was created: the moment the score is about.")
        }
        if let format = formatHint(field.type) { details.append(format) }
        if let range = rangeSentence(field) { details.append(range) }
        if field.pii {
            let derived = field.derive.map(derivedMeaning).joined(separator: " and ")
            let verb = field.derive.count > 1 ? "are" : "is"
            details.append(derived.isEmpty
                ? "Personal data: never stored or logged in raw form."
                : "Personal data: only its \(derived) \(verb) used; the raw value is never stored or logged.")
        }
        if let note = field.note, !note.isEmpty { details.append("Note: \(note).") }
        details.append(field.required && field.name != contract.idField
            ? "Required: must not be null."
            : "May be null or left out (missing).")

        let label = "\(field.label ?? field.name)."
        let fixedLength = ([label] + details).joined(separator: " ").count
        let values = valuesSentence(field, budget: descriptionLimit - fixedLength - 1)
        let description = ([label] + [values].compactMap { $0 } + details).joined(separator: " ")
        let schema: OpenAPINode
        switch field.type {
        case .string, .picklist, .multipicklist, .email, .phone: schema = OpenAPISchema.string(description)
        case .id: schema = OpenAPISchema.string(description).adding(["pattern": .string(LeadValidator.salesforceIdPattern)])
        case .number: schema = OpenAPISchema.number(description).adding(rangeKeywords(field))
        case .integer: schema = OpenAPISchema.integer(description).adding(rangeKeywords(field))
        case .boolean: schema = OpenAPISchema.boolean(description)
        case .date: schema = OpenAPISchema.date(description)
        case .datetime: schema = OpenAPISchema.dateTime(description)
        }
        // The server reads null as missing; a required field must have a value.
        let required = field.required && field.name != contract.idField
        return required ? schema : schema.adding(["nullable": true])
    }

    /// The contract's `min`/`max` in words (the server refuses values outside them, or warns, per its policy).
    private static func rangeSentence(_ field: FieldSpec) -> String? {
        let low = field.minimum.map { FieldSpec.text(of: $0, type: field.type) }
        let high = field.maximum.map { FieldSpec.text(of: $0, type: field.type) }
        switch (low, high) {
        case let (low?, high?): return "From \(low) to \(high)."
        case let (low?, nil): return "At least \(low)."
        case let (nil, high?): return "At most \(high)."
        case (nil, nil): return nil
        }
    }

    /// `minimum`/`maximum`: the contract's range within the magnitude every JSON number is held to,
    /// `LeadValidator.largestNumber`.
    private static func rangeKeywords(_ field: FieldSpec) -> [String: OpenAPINode] {
        let limit = LeadValidator.largestNumber
        func node(_ bound: Double) -> OpenAPINode {
            bound.rounded() == bound && abs(bound) <= limit ? .integer(Int(bound)) : .number(bound)
        }
        return ["minimum": node(max(field.minimum ?? -limit, -limit)), "maximum": node(min(field.maximum ?? limit, limit))]
    }

    private static func formatHint(_ type: FieldType) -> String? {
        switch type {
        case .date: return "A date: YYYY-MM-DD."
        case .datetime: return "A date and time in ISO 8601 with a zone, e.g. 2025-03-04T09:30:00Z."
        case .email: return "An email address."
        case .phone: return "A phone number."
        case .id: return "A Salesforce Id (15 or 18 characters)."
        default: return nil
        }
    }

    private static func derivedMeaning(_ derivation: Derivation) -> String {
        switch derivation {
        case .emailDomainClass: return "domain class (free, corporate or invalid)"
        case .titleSeniority: return "seniority"
        case .titleFunction: return "job function"
        }
    }

    /// The allowed values, written where Flow Builder shows them since Flow accepts no `enum`. A
    /// long picklist (countries, say) is cut to `budget` characters with a count of the rest, so
    /// External Services does not truncate the description mid-value and lose what follows.
    private static func valuesSentence(_ field: FieldSpec, budget: Int) -> String? {
        let opening: String
        switch field.type {
        case .picklist where !field.values.isEmpty: opening = "One of:"
        case .multipicklist where field.values.isEmpty: return "Values separated by ;."
        case .multipicklist: opening = "Values separated by ;, each one of:"
        default: return nil
        }
        var shown = field.values.count
        var sentence = "\(opening) \(field.values.joined(separator: ", "))."
        while sentence.count > budget, shown > 1 {
            shown -= 1
            sentence = "\(opening) \(field.values.prefix(shown).joined(separator: ", ")) "
                + "and \(field.values.count - shown) more listed in the data contract."
        }
        return sentence
    }
}
