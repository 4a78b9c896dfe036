/// The `AI_*__c` fields on Lead (DESIGN.md, "Lead fields written back"): what the sync and the scoring
/// Flow write, sized for what the scoring API returns.
///
/// Names come from `ScoreFields`, the list the sync writes and checks an org against, so the package
/// cannot define a field the sync does not know or miss one it needs.
public enum LeadScoreFieldSpecs {
    /// `AI_Score_Confidence__c` values: the API's `confidence` (High, Medium, Low).
    public static let confidenceValues = ["High", "Medium", "Low"]

    /// `AI_Score_Status__c` values: what the sync writes, plus `Pending`, which asks the Flow to score again.
    public static var statusValues: [String] {
        ScoreFields.Status.allCases.map(\.rawValue) + [PackageNames.pendingStatus]
    }

    /// Every field, in `ScoreFields.leadFields` order (the tests hold the two lists equal).
    public static func fields(tiers: [PackageTier]) -> [CustomFieldSpec] {
        [
            CustomFieldSpec(
                name: ScoreFields.score, label: "AI Score", kind: .number(precision: 3, scale: 0),
                description: "leadscore: the lead's 0-100 score, round(100 x probability). Written by the Leadscore_Score_Lead "
                    + "flow and the batch sync from the scoring API's score.",
                helpText: "How likely this lead is to convert, from 0 (unlikely) to 100 (very likely), according to the "
                    + "lead scoring model."),
            CustomFieldSpec(
                name: ScoreFields.probability, label: "AI Probability", kind: .number(precision: 5, scale: 4),
                description: "leadscore: calibrated probability (0-1) of converting within the label window, from the "
                    + "scoring API's probability, rounded to 4 decimals.",
                helpText: "The estimated chance that this lead converts, as a fraction (0.25 means 1 in 4)."),
            CustomFieldSpec(
                name: ScoreFields.tier, label: "AI Tier", kind: .picklist(tiers.map(tierValue), restricted: false),
                description: "leadscore: the tier name from the scoring API (tier). Not restricted, so a retrained model "
                    + "with new tiers still writes; regenerate the package to label them.",
                helpText: "The lead's priority group, best first: "
                    + tiers.map { "\($0.name) = \($0.label)" }.joined(separator: ", ") + "."),
            CustomFieldSpec(
                name: ScoreFields.topReasons, label: "AI Top Reasons", kind: .text(length: 255),
                description: "leadscore: the strongest reasons behind the score in one line (the scoring API's reasonText, "
                    + "at most 255 characters).",
                helpText: "Why the lead got this score: what raised (+) or lowered (-) it."),
            CustomFieldSpec(
                name: ScoreFields.modelVersion, label: "AI Model Version", kind: .text(length: 80),
                description: "leadscore: the model version that produced the score (modelVersion). With the audit log, it "
                    + "says exactly what produced a score.",
                helpText: "Which version of the scoring model produced the score."),
            CustomFieldSpec(
                name: ScoreFields.scoredAt, label: "AI Scored At", kind: .dateTime,
                description: "leadscore: when the score was computed (scoredAt). The Leadscore_Rescore_Stale_Leads flow "
                    + "rescores leads whose score is older than its threshold.",
                helpText: "When the score was last computed."),
            CustomFieldSpec(
                name: ScoreFields.confidence, label: "AI Score Confidence",
                kind: .picklist(confidenceValues.map { CustomFieldSpec.PicklistValue($0) }, restricted: true),
                description: "leadscore: how much to trust the score (confidence), from how complete the lead's data is, "
                    + "whether it has values the model never saw, and whether it sits on a tier edge.",
                helpText: "High: the lead looks like those the model learned from. Low: much is missing or unusual; "
                    + "check before acting on the score."),
            CustomFieldSpec(
                name: ScoreFields.reviewNeeded, label: "AI Review Needed", kind: .checkbox(defaultValue: false),
                description: "leadscore: true for a top-tier lead with Low confidence (reviewNeeded).",
                helpText: "Checked when the lead scored in the top tier but the model is unsure: look at it before routing."),
            CustomFieldSpec(
                name: ScoreFields.routingDecision, label: "AI Routing Decision", kind: .text(length: 80),
                description: "leadscore: where the scoring API says the lead should go (route): the tier's route, or an "
                    + "override's. Only the sync in route mode acts on it, and never on an owner a person assigned.",
                helpText: "The queue or team the model recommends for this lead."),
            CustomFieldSpec(
                name: ScoreFields.status, label: "AI Score Status",
                kind: .picklist(statusValues.map { CustomFieldSpec.PicklistValue($0) }, restricted: true),
                description: "leadscore: Scored after a successful write, Error when the last scoring attempt failed (the "
                    + "flow's fault path), Pending when a rescore was requested (set by the daily flow, or by an admin).",
                helpText: "Whether the score is current: Scored, Error (the last attempt failed; it is retried daily) or "
                    + "Pending (a new score was requested)."),
            CustomFieldSpec(
                name: ScoreFields.inputHash, label: "AI Input Hash", kind: .text(length: 64),
                description: "leadscore: a hash of the scoring inputs the batch sync last wrote a score for; the sync "
                    + "skips leads whose inputs and model have not changed. Not a secret, and not personal data.",
                helpText: nil),
        ]
    }

    private static func tierValue(_ tier: PackageTier) -> CustomFieldSpec.PicklistValue {
        CustomFieldSpec.PicklistValue(tier.name, label: tier.label.isEmpty || tier.label == tier.name
            ? tier.name : "\(tier.name) (\(tier.label))")
    }
}
