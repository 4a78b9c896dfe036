import Foundation
import LeadscoreData

/// What happened to one lead, as the org (or its export) says today: the label's flag and date, the
/// creation time the label window counts from, and the Status that says whether anyone worked it.
public struct LeadOutcome: Sendable, Equatable {
    /// The id as the source spells it (15 or 18 characters for a Salesforce Id).
    public var leadId: String
    /// The label flag (`IsConverted`, or the contract's own label field).
    public var converted: Bool
    /// When it converted (`ConvertedDate`), seconds since 1970 UTC; nil when not converted or not given.
    public var convertedAt: Double?
    /// `CreatedDate`, seconds since 1970 UTC; nil when the source leaves it empty.
    public var createdAt: Double?
    /// Lead Status; nil when the source has no Status or the lead's is empty (worked rate unknown).
    public var status: String?

    public init(leadId: String, converted: Bool, convertedAt: Double? = nil, createdAt: Double? = nil, status: String? = nil) {
        self.leadId = leadId
        self.converted = converted
        self.convertedAt = convertedAt
        self.createdAt = createdAt
        self.status = status
    }

    /// The key leads are joined on: the 18-character case-safe form of a Salesforce Id, so an export with
    /// 15-character Ids (reports write those) meets the 18-character Ids the API and the sync audit;
    /// any other id as given.
    public static func key(for id: String) -> String {
        SalesforceId.isValid(id) ? SalesforceId.caseSafe(id) : id
    }
}
