import LeadscoreData

/// An object of an SFDX package as the Metadata API's `CustomObject` type defines it (Metadata API
/// Developer Guide, "CustomObject"), read from `objects/<Object>/<Object>.object-meta.xml`.
///
/// Three kinds share the type: a custom object (`Lead_Scoring_Event__c`: label, pluralLabel and a
/// `nameField` that is Text or AutoNumber), a platform event (`Hot_Lead__e`: `eventType` HighVolume;
/// Platform Events Developer Guide, "Migrate Platform Event Definitions with Metadata API") and a
/// standard object (`Lead`), whose file, when there is one, only carries settings this server ignores.
/// Fields may sit in the object file as `<fields>` (the Metadata API's own format) as well as in
/// `fields/*.field-meta.xml` (the SFDX source format).
struct CustomObjectDefinition: Sendable {
    enum Kind: Sendable, Equatable {
        case standard, custom, platformEvent
    }

    /// `Name` of a custom object: free text, or a number Salesforce assigns (`LSE-{000000}`).
    struct NameField: Sendable {
        var label: String
        var displayFormat: String?
    }

    var name: String
    var kind: Kind
    var label: String?
    var pluralLabel: String?
    var nameField: NameField?
    var inlineFields: [CustomFieldDefinition] = []

    static func kind(of name: String) -> Kind {
        if name.hasSuffix("__c") { return .custom }
        if name.hasSuffix("__e") { return .platformEvent }
        return .standard
    }

    /// Reads the `<CustomObject>` root of `name`'s object file.
    static func read(_ root: MetadataXML, name: String, reader: MetadataValueReader) throws -> CustomObjectDefinition {
        var object = CustomObjectDefinition(name: name, kind: kind(of: name))
        object.inlineFields = try root.children(named: "fields").map {
            try CustomFieldDefinition.read($0, expectedName: nil, reader: reader)
        }
        guard object.kind != .standard else { return object }
        object.label = try reader.required(root, "label", fix: "give the object a label, e.g. <label>Lead Scoring Event</label>")
        object.pluralLabel = try reader.required(root, "pluralLabel",
                                                 fix: "give the object a plural label, e.g. <pluralLabel>Lead Scoring Events</pluralLabel>")
        _ = try reader.choice(root, "deploymentStatus", among: ["Deployed", "InDevelopment"])
        switch object.kind {
        case .custom:
            object.nameField = try readNameField(root, reader: reader)
        case .platformEvent:
            // "Only the HighVolume value is supported. The StandardVolume value is deprecated. If you create a
            // platform event with the StandardVolume event type, you get an error."
            let eventType = try reader.choice(root, "eventType", among: ["HighVolume", "StandardVolume"])
            if eventType == "StandardVolume" {
                throw reader.problem(at: root.child("eventType") ?? root, "eventType", "is StandardVolume, which Salesforce no longer accepts",
                                     fix: "use <eventType>HighVolume</eventType>")
            }
            _ = try reader.choice(root, "publishBehavior", among: ["PublishAfterCommit", "PublishImmediately"])
        case .standard:
            break
        }
        return object
    }

    /// `<nameField><label>…</label><type>Text|AutoNumber</type><displayFormat>…</displayFormat></nameField>`.
    private static func readNameField(_ root: MetadataXML, reader: MetadataValueReader) throws -> NameField {
        guard let element = root.child("nameField") else {
            throw reader.problem(at: root, "nameField", "is missing",
                                 fix: "add <nameField><label>Name</label><type>Text</type></nameField> (or AutoNumber)")
        }
        let label = try reader.required(element, "label", fix: "give the name field a label")
        switch try reader.required(element, "type", fix: "use <type>Text</type> or <type>AutoNumber</type>") {
        case "Text":
            return NameField(label: label)
        case "AutoNumber":
            let format = try reader.required(element, "displayFormat", fix: "give an AutoNumber name a format, e.g. LSE-{000000}")
            guard format.range(of: "\\{0+\\}", options: .regularExpression) != nil else {
                throw reader.problem(at: element, "displayFormat", "'\(format)' has no {000} number placeholder",
                                     fix: "include the number as zeros in braces, e.g. LSE-{000000}")
            }
            return NameField(label: label, displayFormat: format)
        case let other:
            throw reader.problem(at: element.child("type") ?? element, "type", "is '\(other)'", fix: "a name field is Text or AutoNumber")
        }
    }

    /// The fields every custom object has (Object Reference, "Custom Objects": "System Fields"), with its
    /// name field, before the package's own fields.
    var systemFields: [DescribeField] {
        // A Text name left out of a create is set to the record's Id, so it is defaulted on create too.
        var name = DescribeField(name: "Name", label: nameField?.label ?? "Name", type: "string", length: 80, nillable: false,
                                 defaultedOnCreate: true, idLookup: true, nameField: true)
        if nameField?.displayFormat != nil {
            name.createable = false
            name.updateable = false
            name.autoNumber = true
        }
        return [DescribeField.id(label: "Record ID"), DescribeField.owner(), DescribeField.isDeleted(), name]
            + DescribeField.auditFields()
    }

    /// The fields every platform event has (Platform Events Developer Guide, "Platform Event Fields"):
    /// ReplayId, EventUuid, CreatedDate and CreatedById, all set by Salesforce when the event is published.
    static var eventSystemFields: [DescribeField] {
        [
            DescribeField(name: "ReplayId", label: "Replay ID", type: "string", length: 255, createable: false, updateable: false,
                          defaultedOnCreate: true),
            DescribeField(name: "EventUuid", label: "Event UUID", type: "string", length: 36, createable: false, updateable: false,
                          defaultedOnCreate: true),
            DescribeField.timestamp("CreatedDate", label: "Created Date"),
            DescribeField.user("CreatedById", label: "Created By ID", relationship: "CreatedBy"),
        ]
    }
}
