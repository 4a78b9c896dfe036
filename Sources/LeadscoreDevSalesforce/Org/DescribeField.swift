import Foundation

/// One field of a describe document this server writes itself: the built-in Task, the objects, events
/// and fields an SFDX package deploys. Rendered with the members a real describe carries, so clients
/// that read `externalId`, `unique`, `referenceTo` or `picklistValues` find them where Salesforce puts
/// them (REST API Developer Guide, "sObject Describe"; Object Reference, "Field Types").
struct DescribeField: Sendable {
    /// One picklist entry: API value, label, and whether it is the default.
    struct PicklistEntry: Sendable, Equatable {
        var value: String
        var label: String
        var isDefault = false
    }

    var name: String
    var label: String
    /// The describe type: `string`, `double`, `percent`, `currency`, `boolean`, `date`, `datetime`,
    /// `picklist`, `multipicklist`, `reference`, `textarea`, `email`, `phone`, `url`, `id`.
    var type: String
    var length = 0
    var precision = 0
    var scale = 0
    var nillable = true
    var createable = true
    var updateable = true
    var custom = false
    var calculated = false
    var defaultedOnCreate = false
    var externalId = false
    var unique = false
    var caseSensitive = false
    var idLookup = false
    var nameField = false
    var autoNumber = false
    var picklist: [PicklistEntry] = []
    var restrictedPicklist = false
    var referenceTo: [String] = []
    var relationshipName: String?
    /// A checkbox's default (`true`/`false`); other fields have none.
    var checkboxDefault: Bool?
    /// The field's help text (`inlineHelpText` in a describe).
    var helpText: String?

    /// The field as a describe's `fields[]` entry.
    var json: [String: Any] {
        let isText = ["id", "string", "email", "phone", "picklist", "multipicklist", "reference", "textarea", "url"].contains(type)
        return [
            "name": name, "label": label, "type": type, "soapType": soapType,
            "length": length, "byteLength": isText ? length * 3 : 0,
            "precision": precision, "scale": scale, "digits": 0,
            "nillable": nillable, "createable": createable, "updateable": updateable,
            "custom": custom, "calculated": calculated, "autoNumber": autoNumber,
            "defaultedOnCreate": defaultedOnCreate || checkboxDefault != nil,
            "defaultValue": checkboxDefault.map { $0 as Any } ?? NSNull(),
            "externalId": externalId, "unique": unique, "caseSensitive": caseSensitive,
            "idLookup": idLookup || type == "id" || externalId, "nameField": nameField,
            "filterable": type != "textarea", "sortable": type != "textarea" && type != "multipicklist",
            "groupable": !["double", "currency", "percent", "datetime", "textarea", "multipicklist"].contains(type),
            "restrictedPicklist": restrictedPicklist, "dependentPicklist": false,
            "picklistValues": picklist.map { entry in
                ["active": true, "defaultValue": entry.isDefault, "label": entry.label, "validFor": NSNull(), "value": entry.value]
            },
            "referenceTo": referenceTo,
            "relationshipName": relationshipName.map { $0 as Any } ?? NSNull(),
            "inlineHelpText": helpText.map { $0 as Any } ?? NSNull(),
        ]
    }

    private var soapType: String {
        switch type {
        case "id", "reference": return "tns:ID"
        case "double", "currency", "percent": return "xsd:double"
        case "int": return "xsd:int"
        case "boolean": return "xsd:boolean"
        case "date": return "xsd:date"
        case "datetime": return "xsd:dateTime"
        default: return "xsd:string"
        }
    }

    // MARK: System fields

    static func id(label: String) -> DescribeField {
        DescribeField(name: "Id", label: label, type: "id", length: 18, nillable: false, createable: false,
                      updateable: false, defaultedOnCreate: true)
    }

    static func owner() -> DescribeField {
        DescribeField(name: "OwnerId", label: "Owner ID", type: "reference", length: 18, nillable: false,
                      defaultedOnCreate: true, referenceTo: ["User", "Group"], relationshipName: "Owner")
    }

    static func user(_ name: String, label: String, relationship: String) -> DescribeField {
        DescribeField(name: name, label: label, type: "reference", length: 18, nillable: false, createable: false,
                      updateable: false, defaultedOnCreate: true, referenceTo: ["User"], relationshipName: relationship)
    }

    static func timestamp(_ name: String, label: String) -> DescribeField {
        DescribeField(name: name, label: label, type: "datetime", nillable: false, createable: false, updateable: false,
                      defaultedOnCreate: true)
    }

    static func isDeleted() -> DescribeField {
        DescribeField(name: "IsDeleted", label: "Deleted", type: "boolean", nillable: false, createable: false,
                      updateable: false, defaultedOnCreate: true)
    }

    /// The audit fields every record-bearing object has: created and modified by whom and when.
    static func auditFields() -> [DescribeField] {
        [
            timestamp("CreatedDate", label: "Created Date"), user("CreatedById", label: "Created By ID", relationship: "CreatedBy"),
            timestamp("LastModifiedDate", label: "Last Modified Date"),
            user("LastModifiedById", label: "Last Modified By ID", relationship: "LastModifiedBy"),
            timestamp("SystemModstamp", label: "System Modstamp"),
        ]
    }
}
