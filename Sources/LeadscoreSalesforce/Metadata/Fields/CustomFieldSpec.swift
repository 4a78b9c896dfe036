/// A custom field the package defines, as data: the generators turn it into a `CustomField` file and
/// the permission sets and tests read the same value, so a field and its access never drift apart.
///
/// Only the types the package needs are modelled. Fields are never `required`: a required field has
/// no field-level security, so a permission set could not grant it, and the integration user must be
/// granted exactly these fields and no more.
public struct CustomFieldSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text(length: Int)
        case number(precision: Int, scale: Int)
        case checkbox(defaultValue: Bool)
        case dateTime
        case picklist([PicklistValue], restricted: Bool)
        /// An optional lookup; deleting the parent clears it (`SetNull`) so audit rows outlive a deleted lead.
        case lookup(to: String, relationshipName: String, relationshipLabel: String)

        /// The Metadata API `FieldType` value.
        public var typeName: String {
            switch self {
            case .text: return "Text"
            case .number: return "Number"
            case .checkbox: return "Checkbox"
            case .dateTime: return "DateTime"
            case .picklist: return "Picklist"
            case .lookup: return "Lookup"
            }
        }
    }

    public struct PicklistValue: Sendable, Equatable {
        /// What the API reads and writes (`A`, `High`, `Scored`).
        public var value: String
        /// What people see (`A (Hot)`).
        public var label: String

        public init(_ value: String, label: String? = nil) {
            self.value = value
            self.label = label ?? value
        }
    }

    /// API name, e.g. `AI_Score__c`.
    public var name: String
    public var label: String
    public var kind: Kind
    /// For admins (Setup, field definition): what writes the field and from where.
    public var description: String
    /// For the people who read the record: what the value means. Salesforce shows at most 510 characters.
    public var helpText: String?
    /// External id + unique + case sensitive: an upsert key (`Event_Key__c`).
    public var isUpsertKey = false
    /// Platform event fields take no history tracking elements.
    public var tracksHistory = true

    public init(name: String, label: String, kind: Kind, description: String, helpText: String? = nil) {
        self.name = name
        self.label = label
        self.kind = kind
        self.description = description
        self.helpText = helpText
    }

    /// The `<CustomField>` element, children in the schema's order (Metadata API Developer Guide,
    /// "CustomField"; the WSDL's sequence: caseSensitive, defaultValue, deleteConstraint, description,
    /// externalId, inlineHelpText, label, length, precision, referenceTo, relationshipLabel,
    /// relationshipName, required, scale, trackFeedHistory, trackHistory, trackTrending, type, unique, valueSet).
    public func element() -> MetadataElement {
        MetadataElement("CustomField") {
            MetadataElement("fullName", text: name)
            if isUpsertKey { MetadataElement("caseSensitive", true) }
            if case let .checkbox(defaultValue) = kind { MetadataElement("defaultValue", defaultValue) }
            if case .lookup = kind { MetadataElement("deleteConstraint", text: "SetNull") }
            MetadataElement("description", text: description)
            if case .text = kind { MetadataElement("externalId", isUpsertKey) }
            if case .number = kind { MetadataElement("externalId", false) }
            if let helpText { MetadataElement("inlineHelpText", text: helpText) }
            MetadataElement("label", text: label)
            if case let .text(length) = kind { MetadataElement("length", length) }
            if case let .number(precision, _) = kind { MetadataElement("precision", precision) }
            if case let .lookup(object, relationshipName, relationshipLabel) = kind {
                MetadataElement("referenceTo", text: object)
                MetadataElement("relationshipLabel", text: relationshipLabel)
                MetadataElement("relationshipName", text: relationshipName)
            }
            if kind.takesRequired { MetadataElement("required", false) }
            if case let .number(_, scale) = kind { MetadataElement("scale", scale) }
            if tracksHistory {
                MetadataElement("trackFeedHistory", false)
                MetadataElement("trackHistory", false)
                MetadataElement("trackTrending", false)
            }
            MetadataElement("type", text: kind.typeName)
            if case .text = kind { MetadataElement("unique", isUpsertKey) }
            if case let .picklist(values, restricted) = kind { Self.valueSet(values, restricted: restricted) }
        }
    }

    /// `<valueSet>`: unsorted (the order given is the order people see), inactive values never written.
    private static func valueSet(_ values: [PicklistValue], restricted: Bool) -> MetadataElement {
        MetadataElement("valueSet") {
            MetadataElement("restricted", restricted)
            MetadataElement("valueSetDefinition") {
                MetadataElement("sorted", false)
                for value in values {
                    MetadataElement("value") {
                        MetadataElement("fullName", text: value.value)
                        MetadataElement("default", false)
                        MetadataElement("label", text: value.label)
                    }
                }
            }
        }
    }
}

private extension CustomFieldSpec.Kind {
    /// Checkboxes are never null, so Salesforce takes no `required` on them.
    var takesRequired: Bool {
        if case .checkbox = self { return false }
        return true
    }
}
