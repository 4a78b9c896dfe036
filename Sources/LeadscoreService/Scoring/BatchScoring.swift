import Foundation
import LeadscoreData
import LeadscoreModels

/// Scores many leads of one request: leads are validated one by one, then each model's valid leads
/// are scored in one call (one XGBoost call per model instead of one per lead).
struct BatchScoring {
    struct Item: Encodable {
        var index: Int
        var result: ScoreResponse?
        var error: APIErrorBody?
    }

    struct Response: Encodable {
        var results: [Item]
        var scored: Int
        var rejected: Int
        var requestId: String
    }

    let service: ScoringService
    let set: ServingSet
    let identity: ClientIdentity
    let requestId: String
    let explain: Bool
    let started: ContinuousClock.Instant
    /// JSON for API bodies and JSON-lines jobs, text for CSV jobs.
    var source: LeadValidator.Source = .json
    /// Each lead's index in what the caller sent, when it is not its place in `run`'s list (a job scores a
    /// chunk at a time, without its unreadable rows).
    var positions: [Int]?

    func run(_ leads: [[String: JSONValue]]) async throws -> (response: Response, audit: [AuditEvent]) {
        let now = Date()
        var items = leads.indices.map { Item(index: positions?[$0] ?? $0) }
        var audit: [AuditEvent] = []
        var groups: [String: (model: ServingModel, leads: [(index: Int, valid: LeadValidator.ValidLead)])] = [:]
        for (index, lead) in leads.enumerated() {
            let leadId = ScoringService.leadId(lead, set: set)
            let model = set.model(forLeadKey: leadId ?? "\(requestId)#\(index)")
            switch model.validator.validate(lead, from: source) {
            case let .success(valid):
                groups[model.version, default: (model, [])].leads.append((index, valid))
            case let .failure(error):
                items[index].error = APIErrorBody(error.located(at: "leads[\(items[index].index)]"))
                audit.append(service.rejection(error, leadId: leadId, identity: identity, requestId: requestId,
                                               started: started, now: now))
            }
        }
        let shadows = shadowScores(leads, now: now)
        for (_, group) in groups {
            let scores = try group.model.score(group.leads.map(\.valid), explain: explain, now: now)
            for (entry, score) in zip(group.leads, scores) {
                let shadow = shadows[entry.index]
                items[entry.index].result = ScoreResponse(score, leadId: entry.valid.leadId, dataVersion: group.model.dataVersion,
                                                          scoredAt: now, requestId: requestId, warnings: entry.valid.warnings)
                audit.append(service.auditEvent(score, valid: entry.valid, model: group.model, shadow: shadow,
                                                identity: identity, requestId: requestId, started: started, now: now))
            }
        }
        let scored = items.filter { $0.result != nil }.count
        return (Response(results: items, scored: scored, rejected: items.count - scored, requestId: requestId), audit)
    }

    /// The shadow model's scores by lead index, in one call (leads its contract refuses are left out).
    private func shadowScores(_ leads: [[String: JSONValue]], now: Date) -> [Int: LeadScore] {
        guard let shadow = set.shadow else { return [:] }
        let valid = leads.enumerated().compactMap { index, lead in
            (try? shadow.validator.validate(lead, from: source).get()).map { (index, $0) }
        }
        guard !valid.isEmpty, let scores = try? shadow.scorer.score(shadow.inputs(valid.map(\.1.record), now: now),
                                                                   leadIds: valid.map(\.1.leadId), explain: false) else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(valid.map(\.0), scores))
    }
}
