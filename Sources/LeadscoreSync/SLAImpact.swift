import Foundation
import LeadscoreData
import LeadscoreModels
import LeadscoreSalesforce
import LeadscoreService

/// The SLA impact `sync --dry-run` shows before routing is switched on: the leads created in the 13 weeks
/// up to the org's newest lead, scored by the production model through the same validation and scoring
/// as the sync, counted per tier by weekday and hour of `sync.timezone`.
struct SLAImpact {
    /// Thirteen weeks: a quarter, long enough for every weekday-hour to occur 13 times.
    static let window: TimeInterval = 13 * 7 * 86_400

    let client: SalesforceClient
    let model: ServingModel
    let timeZone: TimeZone

    func forecast() async throws -> ArrivalForecast {
        let contract = model.scorer.bundle.contract
        let tiers = model.scorer.bundle.policy.tiers.map(\.name)
        var newest: Double?
        try await client.query("SELECT CreatedDate FROM Lead ORDER BY CreatedDate DESC LIMIT 1") { page in
            newest = page.records.first?["CreatedDate"]?.stringValue.flatMap(SalesforceDate.parse)
        }
        guard let newest else { return ArrivalForecast(arrivals: [], tiers: tiers, timeZone: timeZone) }
        let inputFields = SyncedLead.inputFields(for: contract)
        var fields = SyncedLead.queryFields(for: contract)
        if !fields.contains("CreatedDate") { fields.append("CreatedDate") }
        let since = SalesforceDate.formatDateTime(newest - Self.window)
        var arrivals: [(at: Date, tier: String)] = []
        try await client.query("SELECT \(fields.joined(separator: ", ")) FROM Lead WHERE CreatedDate >= \(since)") { page in
            var valid: [LeadValidator.ValidLead] = []
            var created: [Date] = []
            for record in page.records {
                guard let lead = SyncedLead(record, inputFields: inputFields),
                      let at = record["CreatedDate"]?.stringValue.flatMap(SalesforceDate.parse),
                      case let .success(validLead) = model.validator.validate(lead.inputs) else { continue }
                valid.append(validLead)
                created.append(Date(timeIntervalSince1970: at))
            }
            let scores = try model.score(valid, explain: false, now: Date())
            arrivals += zip(created, scores).map { (at: $0, tier: $1.tier) }
        }
        return ArrivalForecast(arrivals: arrivals, tiers: tiers, timeZone: timeZone)
    }
}
