import Foundation
import LeadscoreModels
import LeadscoreSalesforce

/// What the sync does with one lead, and why.
enum SyncDecision {
    case write(fields: SalesforceRecord, score: LeadScore, routedTo: String?)
    case skip(SkipReason)
}

/// Why a lead was left alone; the summary counts each.
public enum SkipReason: String, Sendable, CaseIterable, Codable {
    /// Converted leads are never written.
    case converted
    /// Same inputs and same model as what the org already holds.
    case unchanged
    /// The lead's values do not pass the model's contract (the service would answer 422).
    case invalid
    /// Shadow mode: scored and audited, nothing written.
    case shadow
}

/// The guardrails, one lead at a time.
struct SyncPlanner {
    let settings: SyncSettings
    let now: Date

    /// `score` is nil when the lead failed validation.
    func decide(_ lead: SyncedLead, score: LeadScore?, inputHash: String?) -> SyncDecision {
        if lead.isConverted { return .skip(.converted) }
        guard let score, let inputHash else { return .skip(.invalid) }
        if lead.writtenInputHash == inputHash, lead.writtenModelVersion == score.modelVersion { return .skip(.unchanged) }
        if settings.mode == .shadow { return .skip(.shadow) }
        var fields = ScoreWrite.leadFields(score, inputHash: inputHash, scoredAt: now)
        var routedTo: String?
        // Only leads nobody has taken yet are routed: an owner a person assigned is never changed.
        if settings.mode == .route, let owner = lead.ownerId, settings.intakeOwners.contains(owner),
           let target = settings.routeOwners[score.route], target != owner {
            fields.fields["OwnerId"] = .string(target)
            routedTo = target
        }
        fields.fields["Id"] = .string(lead.id)
        return .write(fields: fields, score: score, routedTo: routedTo)
    }
}
