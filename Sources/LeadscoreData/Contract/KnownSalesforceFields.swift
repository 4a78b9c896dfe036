import Foundation

/// What leadscore knows about standard Lead fields: report labels, personal data, leakage.
///
/// Report exports use field labels as headers ("Lead Source", "Created Date"); Data Loader uses API
/// names. Both map onto the same contract through `apiName(forHeader:)`, and a label is taken for its
/// standard field only when the column's values fit that field's type (`values(_:fit:)`).
public enum KnownSalesforceFields {
    /// Report-export labels (lower-cased) → API names.
    static let labelToAPIName: [String: String] = [
        "lead id": "Id", "id": "Id", "record id": "Id",
        "first name": "FirstName", "last name": "LastName", "name": "Name", "full name": "Name",
        "salutation": "Salutation", "title": "Title", "company": "Company", "company / account": "Company",
        "email": "Email", "phone": "Phone", "mobile": "MobilePhone", "mobile phone": "MobilePhone",
        "fax": "Fax", "website": "Website", "street": "Street", "city": "City",
        "state": "State", "state/province": "State", "state/province code": "StateCode",
        "zip": "PostalCode", "zip/postal code": "PostalCode", "postal code": "PostalCode",
        "country": "Country", "country code": "CountryCode",
        "lead source": "LeadSource", "industry": "Industry", "lead status": "Status", "status": "Status",
        "rating": "Rating", "annual revenue": "AnnualRevenue", "no. of employees": "NumberOfEmployees",
        "employees": "NumberOfEmployees", "number of employees": "NumberOfEmployees",
        "email opt out": "HasOptedOutOfEmail", "do not call": "DoNotCall",
        "created date": "CreatedDate", "create date": "CreatedDate", "last modified date": "LastModifiedDate",
        "last activity": "LastActivityDate", "last activity date": "LastActivityDate",
        "converted": "IsConverted", "is converted": "IsConverted", "converted date": "ConvertedDate",
        "converted opportunity": "ConvertedOpportunityId", "converted account": "ConvertedAccountId",
        "converted contact": "ConvertedContactId", "lead owner": "OwnerId", "owner id": "OwnerId",
        "system modstamp": "SystemModstamp", "unread by owner": "IsUnreadByOwner",
        "description": "Description",
    ]

    /// The type each standard field's values have, for the API names `labelToAPIName` leads to.
    /// A column is mapped onto a standard field by its label only when its values fit this type.
    static let standardTypes: [String: FieldType] = [
        "Id": .id, "OwnerId": .id, "ConvertedOpportunityId": .id, "ConvertedAccountId": .id, "ConvertedContactId": .id,
        "FirstName": .string, "LastName": .string, "Name": .string, "Title": .string, "Company": .string,
        "Website": .string, "Street": .string, "City": .string, "State": .string, "StateCode": .string,
        "PostalCode": .string, "Country": .string, "CountryCode": .string, "Description": .string,
        "Salutation": .picklist, "LeadSource": .picklist, "Industry": .picklist, "Status": .picklist, "Rating": .picklist,
        "Email": .email, "Phone": .phone, "MobilePhone": .phone, "Fax": .phone,
        "AnnualRevenue": .number, "NumberOfEmployees": .integer,
        "HasOptedOutOfEmail": .boolean, "DoNotCall": .boolean, "IsConverted": .boolean, "IsUnreadByOwner": .boolean,
        "CreatedDate": .datetime, "LastModifiedDate": .datetime, "SystemModstamp": .datetime,
        "LastActivityDate": .date, "ConvertedDate": .date,
    ]

    /// Fields that identify a person.
    public static let personalData: Set<String> = [
        "FirstName", "LastName", "Name", "MiddleName", "Suffix", "Salutation", "Email", "Phone", "MobilePhone",
        "Fax", "Street", "PostalCode", "Company", "Title", "Website", "Description", "City", "Latitude", "Longitude",
    ]

    /// Fields known only after the outcome, or set by people acting on it: never model inputs.
    public static let leakage: [String: String] = [
        "ConvertedDate": "set when the lead converts",
        "ConvertedOpportunityId": "set when the lead converts",
        "ConvertedAccountId": "set when the lead converts",
        "ConvertedContactId": "set when the lead converts",
        "IsConverted": "the outcome itself",
        "Status": "updated by reps as the lead progresses (Closed - Converted)",
        "Rating": "set by reps after contact, reflecting what they learned",
        "LastModifiedDate": "changes with every update, including conversion",
        "SystemModstamp": "changes with every update, including conversion",
        "LastActivityDate": "moves with every later call, e-mail and meeting, including those around conversion; its current value is after the scoring moment",
        "LastViewedDate": "reflects rep attention after routing",
        "LastReferencedDate": "reflects rep attention after routing",
        "IsUnreadByOwner": "reflects rep attention after routing",
        "OwnerId": "assigned by routing, partly on the outcome of qualification",
    ]

    /// System fields kept out of features without being leakage.
    public static let excluded: Set<String> = [
        "Id", "IsDeleted", "MasterRecordId", "CreatedById", "LastModifiedById", "PhotoUrl", "Jigsaw",
        "JigsawContactId", "EmailBouncedReason", "EmailBouncedDate", "IndividualId", "CleanStatus",
        "DandbCompanyId", "CompanyDunsNumber", "GeocodeAccuracy",
    ]

    /// Fields leadscore itself writes back: scoring on them would feed the model its own output.
    public static func isLeadscoreOutput(_ apiName: String) -> Bool {
        apiName.hasPrefix("AI_") && apiName.hasSuffix("__c")
    }

    /// Maps a CSV header (API name or report label) to an API name, or a sanitised name for
    /// columns leadscore does not know ("Deal Size ($)" → `Deal_Size`).
    public static func apiName(forHeader header: String) -> String {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        if let known = labelToAPIName[trimmed.lowercased()] { return known }
        if trimmed.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !trimmed.isEmpty,
           trimmed.first?.isLetter == true {
            return trimmed
        }
        return sanitized(trimmed)
    }

    /// The standard field a header names by its report label ("Converted Date" → `ConvertedDate`,
    /// "Status" → `Status`); `nil` for headers leadscore does not know.
    public static func standardField(forLabel header: String) -> String? {
        labelToAPIName[header.trimmingCharacters(in: .whitespaces).lowercased()]
    }

    /// Whether a column whose values read as `observed` can hold the standard field `apiName`.
    ///
    /// Labels are not unique: an org can give a custom picklist the label "Converted Date", and a
    /// report then exports it under the same header as the standard date. Mapping it by label would
    /// drop it as leakage (and reject every row as a bad date), so the content decides. Dates, numbers
    /// and flags must read as such (a column of 0 and 1 reads as flags, and fits a number too). Text
    /// fields take any text, digits included (postal codes, phone numbers; reports show owner names
    /// where the field holds ids), but not a column of dates. Personal data keeps its standard name
    /// whatever it holds, so a column of, say, bare phone digits is never let out as a feature.
    public static func values(_ observed: FieldType, fit apiName: String) -> Bool {
        guard let expected = standardTypes[apiName] else { return true }
        switch expected {
        case .date, .datetime: return observed.isTemporal
        case .number, .integer: return observed == .number || observed == .integer || observed == .boolean
        case .boolean: return observed == .boolean
        case .string, .picklist, .multipicklist, .id, .email, .phone:
            return personalData.contains(apiName) || !observed.isTemporal
        }
    }

    /// The name a column gets when its header is not taken as a standard field: the sanitised
    /// header, made distinct from any standard API name ("Status" holding dates → `Status_Custom`)
    /// so that no rule for the standard field (leakage, PII) applies to it by accident.
    public static func customName(forHeader header: String) -> String {
        let name = sanitized(header.trimmingCharacters(in: .whitespaces))
        let standardNames = Set(labelToAPIName.values.map { $0.lowercased() })
        return standardNames.contains(name.lowercased()) ? name + "_Custom" : name
    }

    /// Letters, digits and single underscores; never empty; starts with a letter.
    public static func sanitized(_ text: String) -> String {
        var result = ""
        var lastWasUnderscore = false
        for character in text {
            if (character.isLetter || character.isNumber), character.isASCII {
                result.append(character)
                lastWasUnderscore = false
            } else if !lastWasUnderscore, !result.isEmpty {
                result.append("_")
                lastWasUnderscore = true
            }
        }
        while result.hasSuffix("_") { result.removeLast() }
        if result.isEmpty { return "Column" }
        if result.first?.isLetter != true { result = "F_" + result }
        return result
    }
}
