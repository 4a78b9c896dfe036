import Foundation

/// What leadscore knows about standard Lead fields: report labels, personal data, leakage.
///
/// Report exports use field labels as headers ("Lead Source", "Created Date"); Data Loader uses API
/// names. Both map onto the same contract through `apiName(forHeader:)`.
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
