import Foundation
import LeadscoreModels
import LeadscoreSalesforce

/// What the sync does with one lead, and why.
enum SyncDecision {
    case write(SyncWriter.Write)
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

/// The guardrails, one lead at a time, and what a written score sets off (follow-up Task, hot-lead notice).
struct SyncPlanner {
    let settings: SyncSettings
    let now: Date
    let runId: String
    /// Tiers whose new leads are announced (`sync.hot_lead.tiers`, else the policy's top tier).
    let hotTiers: Set<String>

    /// `score` is nil when the lead failed validation.
    func decide(_ lead: SyncedLead, score: LeadScore?, inputHash: String?) -> SyncDecision {
        if lead.isConverted { return .skip(.converted) }
        guard let score, let inputHash else { return .skip(.invalid) }
        if lead.writtenInputHash == inputHash, lead.writtenModelVersion == score.modelVersion { return .skip(.unchanged) }
        if settings.mode == .shadow { return .skip(.shadow) }
        var fields = ScoreWrite.leadFields(score, inputHash: inputHash, scoredAt: now)
        var routedTo: String?
        let control = isControl(lead)
        // Only leads nobody has taken yet are routed: an owner a person assigned is never changed, and a
        // control lead keeps its owner whatever its score.
        if settings.mode == .route, !control, let owner = lead.ownerId, settings.intakeOwners.contains(owner),
           let target = settings.routeOwners[score.route], target != owner {
            fields.fields["OwnerId"] = .string(target)
            routedTo = target
        }
        fields.fields["Id"] = .string(lead.id)
        let hot = hotTiers.contains(score.tier)
        // Announced once, when the lead enters a hot tier: a rescore that keeps it there stays quiet. A
        // control lead is never announced: the notice sends people after it, which is what routing does.
        let entersHotTier = hot && !control && !(lead.writtenTier.map(hotTiers.contains) ?? false)
        return .write(SyncWriter.Write(
            leadId: lead.id, fields: fields, score: score, routedTo: routedTo,
            followUp: routedTo.flatMap { followUpTask(lead: lead.id, score: score, owner: $0, hot: hot) },
            hotLead: entersHotTier ? FollowUpWrite.hotLeadEvent(leadId: lead.id, score: score, runId: runId) : nil))
    }

    /// Route mode's control group (``ControlGroup``): scored and written, never routed or announced.
    func isControl(_ lead: SyncedLead) -> Bool {
        settings.mode == .route && settings.controlGroup.contains(lead.id)
    }

    /// The Task for a routed lead whose tier has an SLA, owned by the new owner, or for a queue by the user
    /// `queue_task_owners` names (nil when none is named: Salesforce lets no queue own a Task).
    func followUpTask(lead: String, score: LeadScore, owner: String, hot: Bool) -> SalesforceRecord? {
        guard let sla = settings.followUp.due[score.tier], let taskOwner = taskOwner(for: owner) else { return nil }
        return FollowUpWrite.task(leadId: lead, score: score, owner: taskOwner, sla: sla, hot: hot, now: now,
                                  timeZone: settings.timeZone)
    }

    func taskOwner(for owner: String) -> String? {
        owner.hasPrefix("00G") ? settings.followUp.queueTaskOwners[owner] : owner
    }
}
