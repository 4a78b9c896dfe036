import Foundation

/// The built-in describe of `LeadHistory`, Salesforce's field-history object for Lead, used when the
/// org directory brings no describe of its own for it.
///
/// Field list and types follow the Object Reference ("LeadHistory": Id, IsDeleted, LeadId,
/// CreatedById, CreatedDate, Field as a picklist of tracked field names and history events,
/// OldValue/NewValue as anyType). The object is read-only through the API, like in a real org.
enum LeadHistoryDescribe {
    /// History events Salesforce records besides changes of tracked fields.
    static let events = ["created", "leadConverted", "leadMerged", "ownerAccepted", "ownerAssignment", "locked", "unlocked"]

    /// The describe document. `trackedFields` become the `Field` picklist's values, after the events.
    static func document(trackedFields: [String]) throws -> Data {
        let base = "/services/data/v\(DevSalesforce.latestAPIVersion)/sobjects/LeadHistory"
        let fields: [[String: Any]] = [
            field("Id", label: "Lead History ID", type: "id", length: 18, nillable: false),
            field("IsDeleted", label: "Deleted", type: "boolean", nillable: false, defaultedOnCreate: true),
            field("LeadId", label: "Lead ID", type: "reference", length: 18, nillable: false,
                  referenceTo: ["Lead"], relationshipName: "Lead"),
            field("CreatedById", label: "Created By ID", type: "reference", length: 18, nillable: false,
                  defaultedOnCreate: true, referenceTo: ["User"], relationshipName: "CreatedBy"),
            field("CreatedDate", label: "Created Date", type: "datetime", nillable: false, defaultedOnCreate: true),
            field("Field", label: "Changed Field", type: "picklist", length: 255, nillable: false,
                  picklist: events + trackedFields),
            field("OldValue", label: "Old Value", type: "anyType", length: 255),
            field("NewValue", label: "New Value", type: "anyType", length: 255),
        ]
        let document: [String: Any] = [
            "name": "LeadHistory", "label": "Lead History", "labelPlural": "Lead History", "keyPrefix": "017",
            "custom": false, "customSetting": false, "createable": false, "updateable": false, "deletable": false,
            "queryable": true, "retrieveable": true, "searchable": false, "layoutable": false, "replicateable": true,
            "triggerable": false, "undeletable": false, "mergeable": false,
            "urls": ["sobject": base, "describe": base + "/describe", "rowTemplate": base + "/{ID}"],
            "fields": fields,
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    private static func field(_ name: String, label: String, type: String, length: Int = 0, nillable: Bool = true,
                              defaultedOnCreate: Bool = false, picklist: [String] = [], referenceTo: [String] = [],
                              relationshipName: String? = nil) -> [String: Any] {
        [
            "name": name, "label": label, "type": type, "length": length, "nillable": nillable,
            "createable": false, "updateable": false, "calculated": false, "custom": false,
            "defaultedOnCreate": defaultedOnCreate, "filterable": type != "anyType", "sortable": type != "anyType",
            "groupable": type != "anyType" && type != "datetime", "idLookup": type == "id",
            "soapType": soapType(type), "precision": 0, "scale": 0, "digits": 0, "byteLength": length * 3,
            "picklistValues": picklist.map { ["active": true, "defaultValue": false, "label": $0, "value": $0] },
            "referenceTo": referenceTo,
            "relationshipName": relationshipName.map { $0 as Any } ?? NSNull(),
            "defaultValue": NSNull(), "unique": false, "externalId": false, "nameField": false,
            "restrictedPicklist": false, "dependentPicklist": false, "autoNumber": false,
        ]
    }

    private static func soapType(_ type: String) -> String {
        switch type {
        case "id", "reference": return "tns:ID"
        case "boolean": return "xsd:boolean"
        case "datetime": return "xsd:dateTime"
        case "anyType": return "xsd:anyType"
        default: return "xsd:string"
        }
    }
}
