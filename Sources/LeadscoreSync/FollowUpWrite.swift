import Foundation
import LeadscoreData
import LeadscoreModels
import LeadscoreSalesforce

/// What a score sets off beyond the Lead's own fields: in route mode a follow-up Task for the lead's new
/// owner, due at the tier's SLA, and for a lead entering a hot tier a `Hot_Lead__e` platform event.
enum FollowUpWrite {
    /// Ends every follow-up Task's subject, so a retry can find the Tasks leadscore already created.
    static let subjectMark = "(leadscore)"

    /// A Task for `owner` (a user: Salesforce does not let queues own Tasks), due `sla` after `now`.
    /// `ActivityDate` holds only a day, so the exact moment is the reminder (`ReminderDateTime`, Object
    /// Reference "Task"), and the subject says the SLA in words.
    static func task(leadId: String, score: LeadScore, owner: String, sla: Duration, hot: Bool, now: Date,
                     timeZone: TimeZone) -> SalesforceRecord {
        let due = now.addingTimeInterval(Double(sla.components.seconds))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let day = calendar.dateComponents([.year, .month, .day], from: due)
        let dueDay = String(format: "%04d-%02d-%02d", day.year ?? 1970, day.month ?? 1, day.day ?? 1)
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = timeZone
        local.dateFormat = "yyyy-MM-dd HH:mm"
        let description = "leadscore scored this lead \(score.score)/100 (tier \(score.tier), \(score.tierLabel)) and routed "
            + "it to you. First touch due by \(local.string(from: due)) \(timeZone.identifier) (SLA \(words(sla))). "
            + "Why: \(score.reasonText)"
        return SalesforceRecord(type: "Task", fields: [
            "WhoId": .string(leadId),
            "OwnerId": .string(owner),
            "Subject": .string("First touch within \(words(sla)): tier \(score.tier) lead \(subjectMark)"),
            "ActivityDate": .string(dueDay),
            "ReminderDateTime": .string(SalesforceDate.formatSalesforceDateTime(due.timeIntervalSince1970)),
            "IsReminderSet": .bool(true),
            "Priority": .string(hot ? "High" : "Normal"),
            "Status": .string("Not Started"),
            "Description": .string(String(description.prefix(32_000))),
        ])
    }

    /// The platform event of a lead entering a hot tier. Its key (`<run id>:<lead id>`) lets subscribers
    /// drop the rare second delivery after a crash (publishing is at least once).
    static func hotLeadEvent(leadId: String, score: LeadScore, runId: String) -> SalesforceRecord {
        SalesforceRecord(type: HotLeadEventFields.object, fields: [
            HotLeadEventFields.leadId: .string(leadId),
            HotLeadEventFields.score: SalesforceValue(score.score),
            HotLeadEventFields.tier: .string(score.tier),
            HotLeadEventFields.route: .string(String(score.route.prefix(80))),
            HotLeadEventFields.modelVersion: .string(String(score.modelVersion.prefix(80))),
            HotLeadEventFields.reasons: .string(String(score.reasonText.prefix(255))),
            HotLeadEventFields.reviewNeeded: .bool(score.reviewNeeded),
            HotLeadEventFields.eventKey: .string("\(runId):\(leadId)"),
        ])
    }

    /// `15 min`, `4 h`, `2 days`: how an SLA reads in a subject line.
    static func words(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        if seconds % 86_400 == 0 { return seconds == 86_400 ? "1 day" : "\(seconds / 86_400) days" }
        if seconds % 3_600 == 0 { return "\(seconds / 3_600) h" }
        if seconds % 60 == 0 { return "\(seconds / 60) min" }
        return "\(seconds) s"
    }
}
