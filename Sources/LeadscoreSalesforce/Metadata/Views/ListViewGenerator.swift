import LeadscoreData

/// `objects/Lead/listViews/AI_Hot_Leads.listView-meta.xml`: the top tier's leads on the Leads tab,
/// with their score, route and reasons, for everyone who can see them.
///
/// Custom fields are named relative to the object (`AI_Score__c`), standard columns by their list
/// view names (`FULL_NAME`, `LEAD.COMPANY`, `CORE.USERS.ALIAS` for the owner) (Metadata API Developer
/// Guide, "ListView": "The field name relative to the object name, for example MyCustomField__c, is
/// specified for each custom field"; "Field names in the ListView columns don't always match their
/// API name counterparts"). Converted leads never appear in Lead list views, so no filter is needed
/// for them.
enum ListViewGenerator {
    static let columns = [
        "FULL_NAME", "LEAD.COMPANY", ScoreFields.score, ScoreFields.tier, ScoreFields.routingDecision,
        ScoreFields.topReasons, ScoreFields.scoredAt, ScoreFields.reviewNeeded, "CORE.USERS.ALIAS",
    ]

    static func element(topTier: PackageTier) -> MetadataElement {
        MetadataElement("ListView") {
            MetadataElement("fullName", text: PackageNames.hotLeadsListView)
            for column in columns {
                MetadataElement("columns", text: column)
            }
            MetadataElement("filterScope", text: "Everything")
            MetadataElement("filters") {
                MetadataElement("field", text: ScoreFields.tier)
                MetadataElement("operation", text: "equals")
                MetadataElement("value", text: topTier.name)
            }
            MetadataElement("label", text: "AI Hot Leads")
        }
    }
}
