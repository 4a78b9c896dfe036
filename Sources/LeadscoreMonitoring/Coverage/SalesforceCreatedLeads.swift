import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Logging

/// The org's leads created in a window, by one SOQL query on `CreatedDate` (an indexed field on every
/// object, so the filter stays selective in a large org), paged by the client as `nextRecordsUrl` says.
/// Deleted leads are not returned by `query`; converted ones are, as they were created all the same.
extension SalesforceOutcomeSource: CreatedLeadSource {
    public func createdLeads(from: Date, to: Date) async throws -> CreatedLeads {
        guard Self.isAPIName(object) else {
            throw InputError(source: "leadscore.yaml", field: object, problem: "'\(object)' is not a Salesforce API name",
                             fix: "name the object by its API name, e.g. Lead")
        }
        let (start, end) = (from.timeIntervalSince1970, to.timeIntervalSince1970)
        let (idField, createdField) = (CreatedLeads.idField, CreatedLeads.createdField)
        var leads = CreatedLeads()
        try await client.query(Self.createdLeadsQuery(object: object, from: from, to: to)) { page in
            for record in page.records {
                guard let id = record[idField]?.stringValue, !id.isEmpty else {
                    throw InputError(source: name, field: idField, problem: "a record came back without its \(idField)",
                                     fix: "check that the integration user can read \(object) records")
                }
                guard let text = record[createdField]?.text, let seconds = SalesforceDate.parse(text) else {
                    throw InputError(source: name, field: createdField,
                                     problem: "lead \(id) came back without a readable \(createdField)",
                                     fix: "check the integration user's field-level access to \(createdField)")
                }
                if seconds >= start, seconds < end { leads.add(id: id, at: seconds) }
            }
        }
        return leads
    }

    /// `SELECT Id, CreatedDate FROM Lead WHERE CreatedDate >= 2026-11-18T08:00:00Z AND CreatedDate < …`:
    /// date-time literals in UTC without quotes, as SOQL's reference ("Date Formats and Date Literals")
    /// writes them. Literals are whole seconds (the start rounded down, the end up); the exact bounds are
    /// applied to each record.
    public static func createdLeadsQuery(object: String = "Lead", from: Date, to: Date) -> String {
        let created = CreatedLeads.createdField
        return "SELECT \(CreatedLeads.idField), \(created) FROM \(object) "
            + "WHERE \(created) >= \(SalesforceDate.formatDateTime(from.timeIntervalSince1970)) "
            + "AND \(created) < \(SalesforceDate.formatDateTime(to.timeIntervalSince1970.rounded(.up))) ORDER BY \(created)"
    }
}

/// The org as a coverage source for a long-running process (the monitor schedule inside `serve`): each
/// pass logs in, asks, and shuts the client down, so no connection or token is held between passes.
public struct OrgCreatedLeadSource: CreatedLeadSource {
    public let config: SalesforceConfig
    public let logger: Logger

    public init(config: SalesforceConfig, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    public var name: String { "Salesforce \(config.loginURL)" }

    public func createdLeads(from: Date, to: Date) async throws -> CreatedLeads {
        try await SalesforceClient.withClient(config: config, logger: logger) { client in
            try await SalesforceOutcomeSource(client: client).createdLeads(from: from, to: to)
        }
    }
}
