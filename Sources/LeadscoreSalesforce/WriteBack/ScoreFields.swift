/// The Salesforce fields leadscore writes (DESIGN.md, "Lead fields written back"), in one place: the
/// sync writes exactly these, the SFDX package defines them, and the sync refuses to run against an org
/// that lacks them.
public enum ScoreFields {
    public static let score = "AI_Score__c"
    public static let probability = "AI_Probability__c"
    public static let tier = "AI_Tier__c"
    public static let topReasons = "AI_Top_Reasons__c"
    public static let modelVersion = "AI_Model_Version__c"
    public static let scoredAt = "AI_Scored_At__c"
    public static let confidence = "AI_Score_Confidence__c"
    public static let reviewNeeded = "AI_Review_Needed__c"
    public static let routingDecision = "AI_Routing_Decision__c"
    public static let status = "AI_Score_Status__c"
    public static let inputHash = "AI_Input_Hash__c"

    /// Every Lead field a sync may write besides `OwnerId` (route mode only).
    public static let leadFields = [score, probability, tier, topReasons, modelVersion, scoredAt, confidence,
                                    reviewNeeded, routingDecision, status, inputHash]

    /// `AI_Score_Status__c` values.
    public enum Status: String, Sendable, CaseIterable {
        case scored = "Scored"
        case error = "Error"
    }
}

/// The audit object: one record per write, created idempotently through its external id.
public enum ScoringEventFields {
    public static let object = "Lead_Scoring_Event__c"
    /// Lookup to the Lead.
    public static let lead = "Lead__c"
    public static let modelVersion = "Model_Version__c"
    public static let score = "Score__c"
    public static let tier = "Tier__c"
    public static let inputHash = "Input_Hash__c"
    public static let mode = "Mode__c"
    public static let runId = "Run_Id__c"
    /// External id, unique: `<run id>:<lead id>`, so a rerun of the same run never adds a second event.
    public static let eventKey = "Event_Key__c"

    public static let all = [lead, modelVersion, score, tier, inputHash, mode, runId, eventKey]
}
