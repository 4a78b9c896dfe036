/// `Lead_Scoring_Event__c`, the audit object: one record per score written to a Lead, created through
/// its external id (`<run id>:<lead id>`) so a rerun of the same sync run never adds a second record.
///
/// It is a plain custom object with a lookup (not master-detail) to Lead, so events outlive a deleted
/// lead (the lookup is cleared) and keep their own owner (the integration user). Sharing is Public
/// Read Only: everyone allowed to see the object sees the trail, only its owner changes it.
public enum ScoringEventObject {
    /// `Mode__c` values: the sync's rollout modes (DESIGN.md: shadow → recommend → route).
    public static let modeValues = ["shadow", "recommend", "route"]

    /// Every field, in `ScoringEventFields.all` order (the tests hold the two lists equal).
    public static var fields: [CustomFieldSpec] {
        var key = CustomFieldSpec(
            name: ScoringEventFields.eventKey, label: "Event Key", kind: .text(length: 120),
            description: "leadscore: <run id>:<lead id>, unique. The sync upserts events by it, so rerunning a run "
                + "(after a crash, say) never records a write twice.")
        key.isUpsertKey = true
        return [
            CustomFieldSpec(
                name: ScoringEventFields.lead, label: "Lead",
                kind: .lookup(to: "Lead", relationshipName: "Scoring_Events", relationshipLabel: "Scoring Events"),
                description: "leadscore: the lead whose fields were written.",
                helpText: "The lead this score was written to."),
            CustomFieldSpec(
                name: ScoringEventFields.modelVersion, label: "Model Version", kind: .text(length: 80),
                description: "leadscore: the model version that produced the score.", helpText: nil),
            CustomFieldSpec(
                name: ScoringEventFields.score, label: "Score", kind: .number(precision: 3, scale: 0),
                description: "leadscore: the 0-100 score written.", helpText: nil),
            CustomFieldSpec(
                name: ScoringEventFields.tier, label: "Tier", kind: .text(length: 40),
                description: "leadscore: the tier written.", helpText: nil),
            CustomFieldSpec(
                name: ScoringEventFields.inputHash, label: "Input Hash", kind: .text(length: 64),
                description: "leadscore: hash of the scoring inputs, to tell a rescore of changed data from a new model.",
                helpText: nil),
            CustomFieldSpec(
                name: ScoringEventFields.mode, label: "Mode",
                kind: .picklist(modeValues.map { CustomFieldSpec.PicklistValue($0) }, restricted: false),
                description: "leadscore: the rollout mode of the run (recommend writes scores; route also assigns owners).",
                helpText: nil),
            CustomFieldSpec(
                name: ScoringEventFields.runId, label: "Run Id", kind: .text(length: 80),
                description: "leadscore: the sync run that wrote the score; the same id is in the sync's summary and log.",
                helpText: nil),
            key,
        ]
    }

    /// `objects/Lead_Scoring_Event__c/Lead_Scoring_Event__c.object-meta.xml` (Metadata API Developer
    /// Guide, "CustomObject"); children in the schema's order.
    public static func objectElement() -> MetadataElement {
        MetadataElement("CustomObject") {
            MetadataElement("allowInChatterGroups", false)
            MetadataElement("compactLayoutAssignment", text: "SYSTEM")
            MetadataElement("deploymentStatus", text: "Deployed")
            MetadataElement("description", text: "leadscore: one record per score written to a lead by the batch sync "
                + "(lead, model version, score, tier, input hash, rollout mode, run id). Created by the integration user; "
                + "read-only for everyone else.")
            MetadataElement("enableActivities", false)
            MetadataElement("enableBulkApi", true)
            MetadataElement("enableFeeds", false)
            MetadataElement("enableHistory", false)
            MetadataElement("enableLicensing", false)
            MetadataElement("enableReports", true)
            MetadataElement("enableSearch", false)
            MetadataElement("enableSharing", true)
            MetadataElement("enableStreamingApi", true)
            MetadataElement("externalSharingModel", text: "Read")
            MetadataElement("label", text: "Lead Scoring Event")
            MetadataElement("nameField") {
                MetadataElement("displayFormat", text: "LSE-{0000000000}")
                MetadataElement("label", text: "Event Number")
                MetadataElement("type", text: "AutoNumber")
            }
            MetadataElement("pluralLabel", text: "Lead Scoring Events")
            MetadataElement("sharingModel", text: "Read")
            MetadataElement("visibility", text: "Public")
        }
    }
}
