import Foundation

/// The sample org's `describe.json`: what `GET /services/data/v60.0/sobjects/Lead/describe` returns for
/// the exported Lead fields.
///
/// A real admin exports both the records and the object's describe; the data contract is drafted from
/// the describe (types, picklist values, nillability), so the sample org ships one with the same shape.
/// The field list here is also the one source of Lead.csv's header, so the two cannot disagree.
enum SampleDescribe {
    /// The subset of a describe field the sample needs; the rest of the JSON is derived from it.
    struct Field: Sendable {
        var name: String
        var label: String
        var type: String
        var length = 0
        var precision = 0
        var scale = 0
        var digits = 0
        var nillable = true
        var custom = false
        var createable = true
        var updateable = true
        var defaultedOnCreate = false
        var picklist: [String] = []
        var defaultPicklistValue: String?
        var referenceTo: [String] = []
        var relationshipName: String?
    }

    static let apiVersion = "v60.0"

    /// Lead.csv's columns, in export order, with their describe metadata.
    static let fields: [Field] = [
        Field(name: "Id", label: "Lead ID", type: "id", length: 18, nillable: false, createable: false, updateable: false, defaultedOnCreate: true),
        Field(name: "FirstName", label: "First Name", type: "string", length: 40),
        Field(name: "LastName", label: "Last Name", type: "string", length: 80, nillable: false),
        Field(name: "Company", label: "Company", type: "string", length: 255, nillable: false),
        Field(name: "Title", label: "Title", type: "string", length: 128),
        Field(name: "Email", label: "Email", type: "email", length: 80),
        Field(name: "Phone", label: "Phone", type: "phone", length: 40),
        Field(name: "LeadSource", label: "Lead Source", type: "picklist", length: 255,
              picklist: SampleVocabulary.LeadSource.allCases.map(\.label)),
        Field(name: "Industry", label: "Industry", type: "picklist", length: 255, picklist: SampleVocabulary.industries),
        Field(name: "Status", label: "Lead Status", type: "picklist", length: 255, nillable: false, defaultedOnCreate: true,
              picklist: SampleVocabulary.LeadStatus.allCases.map(\.label),
              defaultPicklistValue: SampleVocabulary.LeadStatus.openNotContacted.label),
        Field(name: "Rating", label: "Rating", type: "picklist", length: 255, picklist: SampleVocabulary.Rating.allCases.map(\.label)),
        Field(name: "Country", label: "Country", type: "string", length: 80),
        Field(name: "State", label: "State/Province", type: "string", length: 80),
        Field(name: "Product_Interest__c", label: "Product Interest", type: "multipicklist", length: 4099, custom: true,
              picklist: SampleVocabulary.productInterests),
        Field(name: "NumberOfEmployees", label: "No. of Employees", type: "int", digits: 8),
        Field(name: "AnnualRevenue", label: "Annual Revenue", type: "currency", precision: 18),
        Field(name: "Email_Opens__c", label: "Email Opens", type: "double", precision: 18, custom: true),
        Field(name: "Web_Page_Views__c", label: "Web Page Views", type: "double", precision: 18, custom: true),
        Field(name: "Pricing_Page_Visits__c", label: "Pricing Page Visits", type: "double", precision: 18, custom: true),
        Field(name: "Content_Downloads__c", label: "Content Downloads", type: "double", precision: 18, custom: true),
        Field(name: "Webinar_Attended__c", label: "Webinar Attended", type: "boolean", nillable: false, custom: true, defaultedOnCreate: true),
        Field(name: "Demo_Requested__c", label: "Demo Requested", type: "boolean", nillable: false, custom: true, defaultedOnCreate: true),
        Field(name: "HasOptedOutOfEmail", label: "Email Opt Out", type: "boolean", nillable: false, defaultedOnCreate: true),
        Field(name: "LastActivityDate", label: "Last Activity", type: "date", createable: false, updateable: false),
        Field(name: "IsConverted", label: "Converted", type: "boolean", nillable: false, updateable: false, defaultedOnCreate: true),
        Field(name: "ConvertedDate", label: "Converted Date", type: "date", createable: false, updateable: false),
        Field(name: "ConvertedOpportunityId", label: "Converted Opportunity ID", type: "reference", length: 18,
              createable: false, updateable: false, referenceTo: ["Opportunity"], relationshipName: "ConvertedOpportunity"),
        Field(name: "OwnerId", label: "Owner ID", type: "reference", length: 18, nillable: false, defaultedOnCreate: true,
              referenceTo: ["User", "Group"], relationshipName: "Owner"),
        Field(name: "CreatedDate", label: "Created Date", type: "datetime", nillable: false, createable: false,
              updateable: false, defaultedOnCreate: true),
        Field(name: "SystemModstamp", label: "System Modstamp", type: "datetime", nillable: false, createable: false,
              updateable: false, defaultedOnCreate: true),
    ]

    /// Lead.csv's header, in order.
    static var columnNames: [String] { fields.map(\.name) }

    /// The describe document as pretty-printed JSON with sorted keys, so it is byte-identical run to run.
    static func jsonData() throws -> Data {
        let base = "/services/data/\(apiVersion)/sobjects/Lead"
        let document: [String: Any] = [
            "name": "Lead",
            "label": "Lead",
            "labelPlural": "Leads",
            "keyPrefix": "00Q",
            "custom": false,
            "customSetting": false,
            "createable": true,
            "deletable": true,
            "queryable": true,
            "retrieveable": true,
            "searchable": true,
            "updateable": true,
            "layoutable": true,
            "mergeable": true,
            "triggerable": true,
            "urls": ["sobject": base, "describe": base + "/describe", "rowTemplate": base + "/{ID}"],
            "fields": fields.map(json(for:)),
        ]
        return try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        )
    }

    private static func json(for field: Field) -> [String: Any] {
        let isPicklist = field.type == "picklist" || field.type == "multipicklist"
        let isText = ["id", "string", "email", "phone", "picklist", "multipicklist", "reference", "textarea"].contains(field.type)
        return [
            "name": field.name,
            "label": field.label,
            "type": field.type,
            "soapType": soapType(for: field.type),
            "length": field.length,
            "byteLength": isText ? field.length * 3 : 0,
            "precision": field.precision,
            "scale": field.scale,
            "digits": field.digits,
            "nillable": field.nillable,
            "custom": field.custom,
            "calculated": false,
            "autoNumber": false,
            "createable": field.createable,
            "updateable": field.updateable,
            "defaultedOnCreate": field.defaultedOnCreate,
            "filterable": true,
            "sortable": field.type != "multipicklist",
            "groupable": !["double", "currency", "multipicklist", "datetime"].contains(field.type),
            "unique": false,
            "externalId": false,
            "idLookup": field.type == "id" || field.type == "email",
            "nameField": false,
            "restrictedPicklist": false,
            "dependentPicklist": false,
            "defaultValue": NSNull(),
            "picklistValues": isPicklist ? field.picklist.map { value in
                [
                    "active": true,
                    "defaultValue": value == field.defaultPicklistValue,
                    "label": value,
                    "validFor": NSNull(),
                    "value": value,
                ] as [String: Any]
            } : [],
            "referenceTo": field.referenceTo,
            "relationshipName": field.relationshipName.map { $0 as Any } ?? NSNull(),
        ]
    }

    private static func soapType(for type: String) -> String {
        switch type {
        case "id", "reference": "tns:ID"
        case "double", "currency": "xsd:double"
        case "int": "xsd:int"
        case "boolean": "xsd:boolean"
        case "date": "xsd:date"
        case "datetime": "xsd:dateTime"
        default: "xsd:string"
        }
    }
}
