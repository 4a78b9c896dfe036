import LeadscoreData

/// `reports/Leadscore_Reports/AI_Hot_Leads.report-meta.xml` and its folder: the open top-tier leads,
/// best score first, for Sales Ops to work from and export.
///
/// A tabular report on the standard Leads report type (`LeadList`). Report columns are not API names:
/// standard ones use the report type's names (`FIRST_NAME`, `COMPANY`, `LEAD_SOURCE`, `OWNER`,
/// `CONVERTED`) and custom fields are object-qualified (`Lead.AI_Score__c`), the names a public SFDX
/// project checked against the Analytics API for this report type. The folder is shared read-only with
/// all internal users (Metadata API Developer Guide, "FolderShare"; the `AllInternalUsers` shape is the
/// one jsforce's test package deploys).
enum ReportGenerator {
    static let standardColumns = ["FIRST_NAME", "LAST_NAME", "COMPANY", "LEAD_SOURCE", "OWNER"]
    static let scoreColumns = [
        ScoreFields.score, ScoreFields.tier, ScoreFields.routingDecision, ScoreFields.confidence, ScoreFields.topReasons,
        ScoreFields.scoredAt,
    ]

    static func report(topTier: PackageTier) -> MetadataElement {
        MetadataElement("Report") {
            for column in standardColumns + scoreColumns.map({ "Lead.\($0)" }) {
                MetadataElement("columns") { MetadataElement("field", text: column) }
            }
            MetadataElement("description", text: "leadscore: open leads in the top tier (\(topTier.name), "
                + "\(topTier.label)), best score first.")
            MetadataElement("filter") {
                criterion("CONVERTED", "equals", "false")
                criterion("Lead.\(ScoreFields.tier)", "equals", topTier.name)
            }
            MetadataElement("format", text: "Tabular")
            MetadataElement("name", text: "AI Hot Leads")
            MetadataElement("reportType", text: "LeadList")
            MetadataElement("scope", text: "org")
            MetadataElement("showDetails", true)
            MetadataElement("sortColumn", text: "Lead.\(ScoreFields.score)")
            MetadataElement("sortOrder", text: "Desc")
        }
    }

    static func folder() -> MetadataElement {
        MetadataElement("ReportFolder") {
            MetadataElement("folderShares") {
                MetadataElement("accessLevel", text: "View")
                MetadataElement("sharedTo", text: "AllInternalUsers")
                MetadataElement("sharedToType", text: "Organization")
            }
            MetadataElement("name", text: "Leadscore Reports")
        }
    }

    private static func criterion(_ column: String, _ operator: String, _ value: String) -> MetadataElement {
        MetadataElement("criteriaItems") {
            MetadataElement("column", text: column)
            MetadataElement("operator", text: `operator`)
            MetadataElement("value", text: value)
        }
    }
}
