import Foundation
import LeadscoreData
import LeadscoreModels
import LeadscoreSalesforce

/// A score as Salesforce fields: on the Lead (`AI_*`) and on its audit event.
enum ScoreWrite {
    static func leadFields(_ score: LeadScore, inputHash: String, scoredAt: Date) -> SalesforceRecord {
        SalesforceRecord(type: "Lead", fields: [
            ScoreFields.score: SalesforceValue(score.score),
            ScoreFields.probability: SalesforceValue((score.probability * 10_000).rounded() / 10_000) ?? .null,
            ScoreFields.tier: .string(score.tier),
            ScoreFields.topReasons: .string(String(score.reasonText.prefix(255))),
            ScoreFields.modelVersion: .string(score.modelVersion),
            ScoreFields.scoredAt: .string(SalesforceDate.formatSalesforceDateTime(scoredAt.timeIntervalSince1970)),
            ScoreFields.confidence: .string(score.confidence.rawValue),
            ScoreFields.reviewNeeded: .bool(score.reviewNeeded),
            ScoreFields.routingDecision: .string(score.route),
            ScoreFields.status: .string(ScoreFields.Status.scored.rawValue),
            ScoreFields.inputHash: .string(inputHash),
        ])
    }

    /// The audit event of one write; its external id makes a rerun of the same run a no-op.
    static func event(leadId: String, score: SalesforceRecord, mode: SyncMode, runId: String) -> SalesforceRecord {
        SalesforceRecord(type: ScoringEventFields.object, fields: [
            ScoringEventFields.lead: .string(leadId),
            ScoringEventFields.modelVersion: score.fields[ScoreFields.modelVersion] ?? .null,
            ScoringEventFields.score: score.fields[ScoreFields.score] ?? .null,
            ScoringEventFields.tier: score.fields[ScoreFields.tier] ?? .null,
            ScoringEventFields.inputHash: score.fields[ScoreFields.inputHash] ?? .null,
            ScoringEventFields.mode: .string(mode.rawValue),
            ScoringEventFields.runId: .string(runId),
            ScoringEventFields.eventKey: .string("\(runId):\(leadId)"),
        ])
    }
}
