/// Where outcomes come from: a CSV export of leads (``CSVOutcomeSource``) or the org itself
/// (``SalesforceOutcomeSource``). Asked only about the leads of cohorts whose label window has closed.
public protocol OutcomeSource: Sendable {
    /// For the report: the file name, or the org's instance.
    var name: String { get }
    /// The outcomes of `leads` (keys as ``LeadOutcome/key(for:)`` makes them); a lead the source does not
    /// know is simply absent, and the report counts it as missing.
    func outcomes(for leads: Set<String>, fields: OutcomeFields) async throws -> OutcomeLookup
}

/// What an ``OutcomeSource`` found for the leads it was asked about, keyed by ``LeadOutcome/key(for:)``.
public struct OutcomeLookup: Sendable {
    public var outcomes: [String: LeadOutcome]
    /// Whether the source carries Status at all; without it every worked rate is unknown.
    public var hasStatus: Bool
    /// What the reader wants the report to say (leads it could not ask about, a missing column…).
    public var notes: [String]

    public init(outcomes: [String: LeadOutcome], hasStatus: Bool, notes: [String] = []) {
        self.outcomes = outcomes
        self.hasStatus = hasStatus
        self.notes = notes
    }
}
