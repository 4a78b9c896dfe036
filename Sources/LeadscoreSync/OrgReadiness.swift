import Foundation
import LeadscoreData
import LeadscoreSalesforce

/// Refuses to sync into an org that lacks leadscore's fields, before any lead is read: the error lists
/// every missing field and points at the SFDX package.
enum OrgReadiness {
    /// The objects and fields a run touches: always the Lead's; when it writes, the audit event's, the
    /// hot-lead event's if it publishes them, and Task's if route mode creates follow-ups.
    static func requirements(settings: SyncSettings, writes: Bool) -> [(object: String, fields: [String])] {
        var needed = [("Lead", ScoreFields.leadFields + ["IsConverted", "OwnerId", "SystemModstamp"])]
        guard writes, settings.mode != .shadow else { return needed }
        needed.append((ScoringEventFields.object, ScoringEventFields.all))
        if settings.hotLead.platformEvent { needed.append((HotLeadEventFields.object, HotLeadEventFields.all)) }
        if settings.mode == .route, !settings.followUp.due.isEmpty {
            needed.append(("Task", ["WhoId", "OwnerId", "Subject", "ActivityDate", "ReminderDateTime", "IsReminderSet",
                                    "Priority", "Status", "Description"]))
        }
        return needed
    }

    static func check(client: SalesforceClient, settings: SyncSettings, writes: Bool) async throws {
        var missing: [String] = []
        for (object, fields) in requirements(settings: settings, writes: writes) {
            do {
                let describe = try SalesforceDescribe.decode(try await client.describe(object), source: "\(object) describe")
                let present = Set(describe.fields.map(\.name))
                missing += fields.filter { !present.contains($0) }.map { "\(object).\($0)" }
            } catch let error as SalesforceAPIError where error.status == 404 {
                missing.append(object)
            }
        }
        guard missing.isEmpty else {
            throw InputError(
                source: "Salesforce org", field: missing.joined(separator: ", "),
                problem: "\(missing.count == 1 ? "is" : "are") missing or not visible to the integration user, so scores "
                    + "cannot be written (\(settings.mode.rawValue) mode)",
                fix: "deploy leadscore's SFDX package (cd salesforce && sf project deploy start) and assign the "
                    + "Leadscore_Integration permission set to the integration user; docs/salesforce-setup.md has the steps")
        }
    }
}
