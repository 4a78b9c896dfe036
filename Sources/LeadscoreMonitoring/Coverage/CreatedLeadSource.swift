import Foundation

/// Where the coverage check learns which leads were created in a window: a lead export
/// (``CSVOutcomeSource``) or the org itself (``SalesforceOutcomeSource``, ``OrgCreatedLeadSource``).
/// Salesforce sets `Id` and `CreatedDate` on every record, whatever the scoring contract reads, so
/// those two fields are what is asked for.
public protocol CreatedLeadSource: Sendable {
    /// For the report: the file name, or the org's instance.
    var name: String { get }
    /// The leads whose `CreatedDate` lies in `from ..< to`.
    func createdLeads(from: Date, to: Date) async throws -> CreatedLeads
}

/// Leads created in a window, by ``LeadOutcome/key(for:)``: seconds since 1970 UTC of each one's creation.
public struct CreatedLeads: Sendable, Equatable {
    public var createdAt: [String: Double]

    public init(createdAt: [String: Double] = [:]) {
        self.createdAt = createdAt
    }

    /// Records `id` created at `seconds`; the 15- and 18-character spellings of one lead are one lead.
    mutating func add(id: String, at seconds: Double) {
        let key = LeadOutcome.key(for: id)
        createdAt[key] = min(createdAt[key] ?? seconds, seconds)
    }

    public static let idField = "Id"
    public static let createdField = "CreatedDate"
}
