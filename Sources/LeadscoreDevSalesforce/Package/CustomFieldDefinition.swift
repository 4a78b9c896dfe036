import LeadscoreData

/// A custom field as the Metadata API's `CustomField` type defines it (Metadata API Developer Guide,
/// "CustomField"), read from `objects/<Object>/fields/<Field__c>.field-meta.xml` or from a `<fields>`
/// element of an object file, and turned into the describe field an org answers once it is deployed.
///
/// The types a describe can tell apart are modelled: Text, TextArea, LongTextArea, Html, Email, Phone,
/// Url, Number, Percent, Currency, Checkbox, Date, DateTime, Picklist, MultiselectPicklist, Lookup and
/// MasterDetail. Other field types (AutoNumber fields, roll-up summaries, geolocation, encrypted text,
/// time) are refused by name, so a package never deploys half-understood.
struct CustomFieldDefinition: Sendable {
    var fullName: String
    var label: String
    var type: String
    var length: Int?
    var precision: Int?
    var scale: Int?
    var required = false
    var externalId = false
    var unique = false
    var caseSensitive = false
    var checkboxDefault: Bool?
    var description: String?
    var helpText: String?
    var picklist: [DescribeField.PicklistEntry] = []
    var restrictedPicklist = false
    var referenceTo: String?
    var relationshipName: String?
    /// A formula field: read-only, and its value is never computed here (always null).
    var isFormula = false

    static let modelledTypes = ["Text", "TextArea", "LongTextArea", "Html", "Email", "Phone", "Url", "Number", "Percent",
                                "Currency", "Checkbox", "Date", "DateTime", "Picklist", "MultiselectPicklist", "Lookup",
                                "MasterDetail"]
    /// Types the Metadata API knows that this server does not model.
    static let unmodelledTypes = ["AutoNumber", "Summary", "Location", "EncryptedText", "Time", "File", "Hierarchy",
                                  "ExternalLookup", "IndirectLookup", "MetadataRelationship", "Array"]
    /// Field types that can be marked as external ids (Salesforce Help, "Custom Field Attributes").
    static let externalIdTypes = ["Text", "Number", "Email"]

    /// Reads one `<CustomField>` (or `<fields>`) element. `expectedName` is what the file name says the
    /// field is called, when it is its own file.
    static func read(_ element: MetadataXML, expectedName: String?, reader: MetadataValueReader) throws -> CustomFieldDefinition {
        let fullName = try reader.required(element, "fullName", fix: "name the field, e.g. <fullName>AI_Score__c</fullName>")
        guard fullName.range(of: "^[A-Za-z][A-Za-z0-9_]*__c$", options: .regularExpression) != nil, !fullName.contains("___") else {
            throw reader.problem(at: element, "fullName", "'\(fullName)' is not a custom field API name",
                                 fix: "use letters, digits and single underscores, ending in __c (AI_Score__c)")
        }
        if let expectedName, expectedName != fullName {
            throw reader.problem(at: element, "fullName", "is \(fullName), but the file is named after \(expectedName)",
                                 fix: "name the file \(fullName).field-meta.xml, or correct <fullName>")
        }
        let type = try reader.required(element, "type", fix: "give the field a type, e.g. <type>Number</type>")
        guard modelledTypes.contains(type) else {
            let problem = unmodelledTypes.contains(type)
                ? "has type \(type), which the local server does not model" : "has type '\(type)', which is not a CustomField type"
            throw reader.problem(at: element.child("type") ?? element, "type", problem,
                                 fix: "use one of \(modelledTypes.joined(separator: ", "))")
        }
        var field = CustomFieldDefinition(
            fullName: fullName, label: try reader.required(element, "label", fix: "give the field a label, e.g. <label>AI Score</label>"),
            type: type)
        field.required = try reader.bool(element, "required") ?? false
        field.externalId = try reader.bool(element, "externalId") ?? false
        field.unique = try reader.bool(element, "unique") ?? false
        field.caseSensitive = try reader.bool(element, "caseSensitive") ?? false
        field.description = element.text(of: "description")
        field.helpText = element.text(of: "inlineHelpText")
        field.isFormula = element.text(of: "formula") != nil
        if (field.externalId || field.unique) && !externalIdTypes.contains(type) {
            throw reader.problem(at: element, field.externalId ? "externalId" : "unique", "is set on a \(type) field",
                                 fix: "only \(externalIdTypes.joined(separator: ", ")) fields can be external ids or unique")
        }
        try field.readTypeAttributes(element, reader: reader)
        return field
    }

    /// The attributes each type needs (Metadata API Developer Guide, "CustomField": length for text,
    /// precision and scale for numbers, the value set of a picklist, referenceTo of a lookup).
    private mutating func readTypeAttributes(_ element: MetadataXML, reader: MetadataValueReader) throws {
        switch type {
        case "Text":
            length = try reader.int(element, "length", range: 1...255)
            guard length != nil else { throw reader.problem(at: element, "length", "is missing", fix: "give Text fields <length>1-255</length>") }
        case "TextArea":
            length = 255
        case "LongTextArea", "Html":
            length = try reader.int(element, "length", range: 256...131_072)
            guard length != nil else {
                throw reader.problem(at: element, "length", "is missing", fix: "give \(type) fields <length>256-131072</length>")
            }
        case "Email": length = 80
        case "Phone": length = 40
        case "Url": length = 255
        case "Number", "Percent", "Currency":
            precision = try reader.int(element, "precision", range: 1...18) ?? 18
            scale = try reader.int(element, "scale", range: 0...17) ?? 0
            if let precision, let scale, scale > precision {
                throw reader.problem(at: element, "scale", "is \(scale), above the precision \(precision)",
                                     fix: "keep scale (decimal places) at most precision (total digits)")
            }
        case "Checkbox":
            guard let value = try reader.bool(element, "defaultValue") else {
                throw reader.problem(at: element, "defaultValue", "is missing",
                                     fix: "Checkbox fields need <defaultValue>false</defaultValue> (or true)")
            }
            checkboxDefault = value
        case "Picklist", "MultiselectPicklist":
            try readValueSet(element, reader: reader)
        case "Lookup", "MasterDetail":
            referenceTo = try reader.required(element, "referenceTo", fix: "name the related object, e.g. <referenceTo>Lead</referenceTo>")
            relationshipName = try reader.required(element, "relationshipName",
                                                   fix: "name the relationship, e.g. <relationshipName>Scoring_Events</relationshipName>")
            if type == "MasterDetail" { required = true }
        default:
            break
        }
    }

    /// `<valueSet><restricted>…</restricted><valueSetDefinition><value><fullName>Hot</fullName>
    /// <default>false</default><label>Hot</label></value>…</valueSetDefinition></valueSet>`.
    private mutating func readValueSet(_ element: MetadataXML, reader: MetadataValueReader) throws {
        guard let valueSet = element.child("valueSet") else {
            throw reader.problem(at: element, "valueSet", "is missing", fix: "list the values in <valueSet><valueSetDefinition>")
        }
        guard valueSet.child("valueSetName") == nil else {
            throw reader.problem(at: valueSet, "valueSetName", "names a global value set, which the local server cannot read",
                                 fix: "define the values inline in <valueSetDefinition>")
        }
        restrictedPicklist = try reader.bool(valueSet, "restricted") ?? false
        let values = valueSet.child("valueSetDefinition")?.children(named: "value") ?? []
        guard !values.isEmpty else {
            throw reader.problem(at: valueSet, "valueSetDefinition", "has no <value>", fix: "list at least one picklist value")
        }
        for value in values {
            let name = try reader.required(value, "fullName", fix: "give each picklist value a <fullName>")
            guard !picklist.contains(where: { $0.value == name }) else {
                throw reader.problem(at: value, "fullName", "lists '\(name)' twice", fix: "keep one entry per value")
            }
            picklist.append(.init(value: name, label: value.text(of: "label") ?? name,
                                  isDefault: try reader.bool(value, "default") ?? false))
        }
    }

    /// The field as the org's describe lists it once deployed.
    var describeField: DescribeField {
        var field = DescribeField(name: fullName, label: label, type: describeType)
        field.length = ["Lookup", "MasterDetail"].contains(type) ? 18 : (length ?? 0)
        field.precision = precision ?? 0
        field.scale = scale ?? 0
        field.nillable = !required && type != "Checkbox"
        field.createable = !isFormula
        field.updateable = !isFormula
        field.calculated = isFormula
        field.custom = true
        field.externalId = externalId
        field.unique = unique
        field.caseSensitive = caseSensitive
        field.checkboxDefault = checkboxDefault
        field.picklist = picklist
        field.restrictedPicklist = restrictedPicklist
        field.referenceTo = referenceTo.map { [$0] } ?? []
        field.relationshipName = relationshipName.map { $0 + "__r" }
        field.helpText = helpText
        return field
    }

    /// The describe type of each CustomField type (Object Reference, "Field Types"): every custom Number
    /// is a `double`, long and rich text areas are `textarea`, lookups are `reference`.
    private var describeType: String {
        switch type {
        case "Text": return "string"
        case "TextArea", "LongTextArea", "Html": return "textarea"
        case "Email": return "email"
        case "Phone": return "phone"
        case "Url": return "url"
        case "Number": return "double"
        case "Percent": return "percent"
        case "Currency": return "currency"
        case "Checkbox": return "boolean"
        case "Date": return "date"
        case "DateTime": return "datetime"
        case "Picklist": return "picklist"
        case "MultiselectPicklist": return "multipicklist"
        default: return "reference"
        }
    }
}
