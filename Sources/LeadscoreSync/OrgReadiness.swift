import Foundation
import LeadscoreData
import LeadscoreSalesforce

/// Refuses to sync into an org that lacks leadscore's fields, before any lead is read: the error lists
/// every missing field and points at the SFDX package.
enum OrgReadiness {
    static func check(client: SalesforceClient, mode: SyncMode, needsEvents: Bool) async throws {
        let lead = try SalesforceDescribe.decode(try await client.describe("Lead"), source: "Lead describe")
        let present = Set(lead.fields.map(\.name))
        var missing = (ScoreFields.leadFields + ["IsConverted", "OwnerId", "SystemModstamp"])
            .filter { !present.contains($0) }.map { "Lead.\($0)" }
        if needsEvents {
            do {
                let events = try SalesforceDescribe.decode(try await client.describe(ScoringEventFields.object),
                                                           source: "\(ScoringEventFields.object) describe")
                let eventFields = Set(events.fields.map(\.name))
                missing += ScoringEventFields.all.filter { !eventFields.contains($0) }
                    .map { "\(ScoringEventFields.object).\($0)" }
            } catch let error as SalesforceAPIError where error.status == 404 {
                missing.append(ScoringEventFields.object)
            }
        }
        guard missing.isEmpty else {
            throw InputError(
                source: "Salesforce org", field: missing.joined(separator: ", "),
                problem: "\(missing.count == 1 ? "is" : "are") missing or not visible to the integration user, so scores "
                    + "cannot be written (\(mode.rawValue) mode)",
                fix: "deploy leadscore's SFDX package (cd salesforce && sf project deploy start) and assign the "
                    + "Leadscore_Integration permission set to the integration user; docs/salesforce-setup.md has the steps")
        }
    }
}
