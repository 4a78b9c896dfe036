/// The API names of everything the SFDX package defines, in one place: the generators write them,
/// the tests check the files against them, and `docs/salesforce-setup.md` tells admins to use them.
///
/// Renaming one is a breaking change for every org that deployed the package (Salesforce keeps the
/// old component and adds a new one), so they are constants rather than options.
public enum PackageNames {
    /// The Metadata API version of every file; the offline schema in `../shared/salesforce-schema` is
    /// this version's, so a file that passes it has the elements this API version knows.
    public static let apiVersion = "66.0"
    /// `sfdx-project.json` `name`, also how `SalesforcePackage.write` recognises a folder it may replace.
    public static let projectName = "leadscore"
    public static let sourceFolder = "force-app/main/default"

    /// External Credential, Named Credential and External Service share this name, so Flow shows the
    /// service's actions as `Leadscore.scoreLead`.
    public static let credential = "Leadscore"
    /// The named principal that holds the API key id and secret (entered in Setup, never in a file).
    public static let principal = "LeadscoreFlow"
    public static let externalService = "Leadscore"
    /// The `operationId`s the package needs from the service's OpenAPI document.
    public static let scoreOperation = "scoreLead"
    public static let batchOperation = "scoreLeadBatch"
    /// The OAuth scope an API key needs to call `POST /v1/score`.
    public static let scoreScope = "score"

    public static let scoreFlow = "Leadscore_Score_Lead"
    public static let rescoreFlow = "Leadscore_Rescore_Stale_Leads"

    public static let viewerPermissionSet = "Leadscore_Viewer"
    public static let adminPermissionSet = "Leadscore_Admin"
    public static let integrationPermissionSet = "Leadscore_Integration"
    public static let calloutPermissionSet = "Leadscore_Flow_Callout"

    public static let hotLeadsListView = "AI_Hot_Leads"
    public static let reportFolder = "Leadscore_Reports"
    public static let hotLeadsReport = "AI_Hot_Leads"

    /// `AI_Score_Status__c` value that asks the scoring Flow to score a lead again: the daily Flow sets
    /// it on stale and failed leads, and an admin may set it by hand.
    public static let pendingStatus = "Pending"
}

/// The Platform Event announcing a hot lead, for the org's own automation (a Flow or Apex trigger
/// subscribed to it, or a CometD/Pub/Sub API client) to act on without polling Lead records.
public enum HotLeadEventFields {
    public static let object = "Hot_Lead__e"
    public static let leadId = "Lead_Id__c"
    public static let score = "Score__c"
    public static let tier = "Tier__c"
    public static let route = "Route__c"
    public static let modelVersion = "Model_Version__c"
    public static let reasons = "Reasons__c"
    public static let reviewNeeded = "Review_Needed__c"
    /// `<run id>:<lead id>`: the same key twice means the same announcement delivered again.
    public static let eventKey = "Event_Key__c"

    public static let all = [leadId, score, tier, route, modelVersion, reasons, reviewNeeded, eventKey]
}
