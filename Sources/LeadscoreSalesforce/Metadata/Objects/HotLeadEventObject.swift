/// `Hot_Lead__e`, the Platform Event published when a lead scores in the top tier, so the org's own
/// automation (a platform-event-triggered Flow, an Apex trigger, a Pub/Sub API client) can act at once
/// instead of polling Lead records.
///
/// High volume is the only event type Salesforce still accepts for new events, and events are
/// published after commit: a transaction that rolls back announces nothing (Platform Events Developer
/// Guide, "Platform Event Fields" and "Publish Behavior").
public enum HotLeadEventObject {
    /// Every field, in `HotLeadEventFields.all` order (the tests hold the two lists equal).
    public static var fields: [CustomFieldSpec] {
        let specs = [
            CustomFieldSpec(name: HotLeadEventFields.leadId, label: "Lead Id", kind: .text(length: 18),
                            description: "leadscore: the 18-character Id of the hot lead."),
            CustomFieldSpec(name: HotLeadEventFields.score, label: "Score", kind: .number(precision: 3, scale: 0),
                            description: "leadscore: the lead's 0-100 score."),
            CustomFieldSpec(name: HotLeadEventFields.tier, label: "Tier", kind: .text(length: 40),
                            description: "leadscore: the tier (the top tier's name)."),
            CustomFieldSpec(name: HotLeadEventFields.route, label: "Route", kind: .text(length: 80),
                            description: "leadscore: where the scoring API says the lead should go."),
            CustomFieldSpec(name: HotLeadEventFields.modelVersion, label: "Model Version", kind: .text(length: 80),
                            description: "leadscore: the model version that produced the score."),
            CustomFieldSpec(name: HotLeadEventFields.reasons, label: "Reasons", kind: .text(length: 255),
                            description: "leadscore: the reasons behind the score in one line."),
            CustomFieldSpec(name: HotLeadEventFields.reviewNeeded, label: "Review Needed", kind: .checkbox(defaultValue: false),
                            description: "leadscore: the model is unsure (Low confidence); a person should look first."),
            CustomFieldSpec(name: HotLeadEventFields.eventKey, label: "Event Key", kind: .text(length: 120),
                            description: "leadscore: sync run id and lead id. Publishing is at least once: a subscriber "
                                + "that sees a key twice can ignore the second."),
        ]
        return specs.map { spec in
            var event = spec
            event.tracksHistory = false
            return event
        }
    }

    /// `objects/Hot_Lead__e/Hot_Lead__e.object-meta.xml`; children in the schema's order.
    public static func objectElement() -> MetadataElement {
        MetadataElement("CustomObject") {
            MetadataElement("deploymentStatus", text: "Deployed")
            MetadataElement("description", text: "leadscore: published when a lead enters a hot tier (by default the top tier). Subscribe "
                + "with a platform-event-triggered flow or an Apex trigger to alert or assign at once.")
            MetadataElement("eventType", text: "HighVolume")
            MetadataElement("label", text: "Hot Lead")
            MetadataElement("pluralLabel", text: "Hot Leads")
            MetadataElement("publishBehavior", text: "PublishAfterCommit")
        }
    }
}
