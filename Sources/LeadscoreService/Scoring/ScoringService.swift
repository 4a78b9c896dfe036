import Crypto
import Foundation
import LeadscoreData
import LeadscoreModels

/// The decision path behind `/v1/score` and `/v1/score/batch`: answer an idempotent request once, pick
/// production or canary for the lead, validate against that model's contract, score (or reuse a
/// recent result for the same inputs), score the shadow model on the side, and commit the audit
/// row before answering. If the audit log cannot be written the lead is not answered (503).
public final class ScoringService: Sendable {
    public let holder: ServingSetHolder
    private let writer: AuditWriter
    private let store: any ServiceStore
    private let metrics: ServiceMetrics
    private let results: ResultCache<LeadScore>
    private let gate: IdempotencyGate

    public init(holder: ServingSetHolder, store: any ServiceStore, writer: AuditWriter, metrics: ServiceMetrics,
                config: ServiceConfig) {
        self.holder = holder
        self.store = store
        self.writer = writer
        self.metrics = metrics
        results = ResultCache(timeToLive: config.cacheTTLSeconds, capacity: config.cacheEntries)
        // Copies on other servers wait up to half the request timeout for an answer; a claim is taken
        // over once no request holding it can still be running.
        gate = IdempotencyGate(store: store, metrics: metrics, timeToLive: config.idempotencyHours * 3_600,
                               capacity: config.cacheEntries, inProgressWait: .seconds(config.requestTimeoutSeconds / 2),
                               staleAfter: max(60, 3 * config.requestTimeoutSeconds))
    }

    /// A response body and status ready to send.
    public struct Reply: Sendable {
        public var status: Int
        public var body: Data
        public var replayed: Bool
    }

    /// One lead (`POST /v1/score`).
    public func scoreOne(body: Data, identity: ClientIdentity, requestId: String, idempotencyKey: String?) async throws -> Reply {
        let started = ContinuousClock.now
        let requestHash = Self.requestHash(endpoint: "/v1/score", body: body)
        guard let idempotencyKey else {
            return try await scoreLead(body: body, requestHash: requestHash, identity: identity, requestId: requestId,
                                       idempotencyKey: nil, started: started)
        }
        return try await gate.once(client: identity.client, key: idempotencyKey, requestHash: requestHash) {
            try await scoreLead(body: body, requestHash: requestHash, identity: identity, requestId: requestId,
                                idempotencyKey: idempotencyKey, started: started)
        }
    }

    /// Up to `limit` leads inline (`POST /v1/score/batch`); each lead succeeds or fails on its own.
    public func scoreBatch(body: Data, identity: ClientIdentity, requestId: String, idempotencyKey: String?,
                           limit: Int) async throws -> Reply {
        let started = ContinuousClock.now
        let requestHash = Self.requestHash(endpoint: "/v1/score/batch", body: body)
        guard let idempotencyKey else {
            return try await scoreLeads(body: body, requestHash: requestHash, identity: identity, requestId: requestId,
                                        idempotencyKey: nil, limit: limit, started: started)
        }
        return try await gate.once(client: identity.client, key: idempotencyKey, requestHash: requestHash) {
            try await scoreLeads(body: body, requestHash: requestHash, identity: identity, requestId: requestId,
                                 idempotencyKey: idempotencyKey, limit: limit, started: started)
        }
    }

    /// The SHA-256 of endpoint and body: an `Idempotency-Key` is bound to both.
    static func requestHash(endpoint: String, body: Data) -> String {
        Checksum.sha256Hex(Data((endpoint + "\n").utf8) + body)
    }

    private func scoreLead(body: Data, requestHash: String, identity: ClientIdentity, requestId: String,
                           idempotencyKey: String?, started: ContinuousClock.Instant) async throws -> Reply {
        let request = try Self.decode(ScoreRequest.self, from: body)
        let set = try servingSet()
        let explain = request.explain ?? false
        let now = Date()
        let leadId = Self.leadId(request.lead, set: set)
        let model = set.model(forLeadKey: leadId ?? requestHash)
        let valid: LeadValidator.ValidLead
        switch model.validator.validate(request.lead, from: .json) {
        case let .success(lead):
            valid = lead
        case let .failure(error):
            try await commit(audit: [rejection(error, leadId: leadId, identity: identity, requestId: requestId,
                                               started: started, now: now)], idempotency: [])
            throw error.located(at: "lead")
        }
        // Without a header, the same lead with the same inputs for the same model is answered once.
        let automaticKey = valid.leadId.map { "auto:\($0):\(valid.inputHash):\(model.version):\(explain)" }
        let record = idempotencyKey.map { (key: $0, requestHash: requestHash) } ?? automaticKey.map { (key: $0, requestHash: "") }
        let answer = {
            try await self.answer(request.lead, valid: valid, set: set, model: model, explain: explain, identity: identity,
                                  requestId: requestId, record: record, started: started, now: now)
        }
        guard idempotencyKey == nil, let automaticKey else { return try await answer() }
        return try await gate.once(client: identity.client, key: automaticKey, requestHash: nil, answer)
    }

    /// Scores a validated lead, commits its audit row with the idempotency record of `record` and answers.
    private func answer(_ lead: [String: JSONValue], valid: LeadValidator.ValidLead, set: ServingSet, model: ServingModel,
                        explain: Bool, identity: ClientIdentity, requestId: String,
                        record: (key: String, requestHash: String)?, started: ContinuousClock.Instant,
                        now: Date) async throws -> Reply {
        async let shadowScore = shadow(lead, set: set)
        let score = try await score(valid, model: model, explain: explain)
        let response = ScoreResponse(score, leadId: valid.leadId, dataVersion: model.dataVersion, scoredAt: now,
                                     requestId: requestId, warnings: valid.warnings)
        let encoded = try Self.encoder.encode(response)
        let record = record.map {
            IdempotencyRecord(client: identity.client, key: $0.key, requestHash: $0.requestHash, status: 200, body: encoded,
                              createdAt: now)
        }
        try await commit(audit: [auditEvent(score, valid: valid, model: model, shadow: await shadowScore, identity: identity,
                                            requestId: requestId, started: started, now: now)],
                         idempotency: record.map { [$0] } ?? [])
        if let record { gate.remember(record) }
        metrics.scored(tier: score.tier, model: model.version)
        return Reply(status: 200, body: encoded, replayed: false)
    }

    private func scoreLeads(body: Data, requestHash: String, identity: ClientIdentity, requestId: String,
                            idempotencyKey: String?, limit: Int, started: ContinuousClock.Instant) async throws -> Reply {
        let request = try Self.decode(BatchScoreRequest.self, from: body)
        guard !request.leads.isEmpty else {
            throw APIError(.unprocessableContent, code: "validation_failed", message: "leads is empty; send at least one lead",
                           details: [.init(field: "leads", code: "empty", message: "send 1 to \(limit) leads")])
        }
        guard request.leads.count <= limit else {
            // The document's maxItems: a body that breaks the schema (413 is for bodies over the byte limit).
            throw APIError(.unprocessableContent, code: "too_many_leads",
                           message: "\(request.leads.count) leads is more than \(limit) per batch; split the batch or use POST /v1/jobs",
                           details: [.init(field: "leads", code: "too_many", message: "at most \(limit) leads")])
        }
        let set = try servingSet()
        let outcome = try await BatchScoring(service: self, set: set, identity: identity, requestId: requestId,
                                             explain: request.explain ?? false, started: started)
            .run(request.leads)
        if outcome.response.scored == 0, outcome.response.rejected > 0 {
            // Nothing could be scored: a refusal, not a 200 (a batch with some scored leads is a 200 with
            // each refused lead's error in its item).
            try await commit(audit: outcome.audit, idempotency: [])
            throw APIError.validation(outcome.response.results.flatMap { $0.error?.details ?? [] }, limit: 100)
        }
        let encoded = try Self.encoder.encode(outcome.response)
        let record = idempotencyKey.map {
            IdempotencyRecord(client: identity.client, key: $0, requestHash: requestHash, status: 200, body: encoded,
                              createdAt: Date())
        }
        try await commit(audit: outcome.audit, idempotency: record.map { [$0] } ?? [])
        if let record { gate.remember(record) }
        return Reply(status: 200, body: encoded, replayed: false)
    }

    // MARK: Steps shared with batches and jobs

    func servingSet() throws -> ServingSet {
        guard let set = holder.set else {
            throw APIError.unavailable("no model is in production yet; register and promote one with `leadscore models`", retryAfter: 5)
        }
        return set
    }

    /// The score for validated inputs, from the recent-results cache when the same inputs were
    /// scored by the same model moments ago.
    func score(_ valid: LeadValidator.ValidLead, model: ServingModel, explain: Bool) async throws -> LeadScore {
        let cacheKey = "\(model.version)|\(explain)|\(valid.inputHash)"
        if var cached = results.value(for: cacheKey) {
            cached.leadId = valid.leadId
            metrics.replay(kind: "cache")
            return cached
        }
        let score = try await model.batcher.score(valid.record, leadId: valid.leadId, explain: explain)
        results.insert(score, for: cacheKey)
        return score
    }

    /// The shadow model's score for a lead (nil without a shadow or when its contract refuses the lead).
    func shadow(_ lead: [String: JSONValue], set: ServingSet) async -> LeadScore? {
        guard let shadow = set.shadow, let valid = try? shadow.validator.validate(lead, from: .json).get() else { return nil }
        return try? await score(valid, model: shadow, explain: false)
    }

    func auditEvent(_ score: LeadScore, valid: LeadValidator.ValidLead, model: ServingModel, shadow: LeadScore?,
                    identity: ClientIdentity, requestId: String, started: ContinuousClock.Instant, now: Date) -> AuditEvent {
        AuditEvent(requestId: requestId, at: now, client: identity.client, leadId: valid.leadId, inputHash: valid.inputHash,
                   modelVersion: model.version, shadowVersion: shadow?.modelVersion, shadowScore: shadow?.score,
                   score: score.score, tier: score.tier, reasonCodes: score.reasons.map(\.code),
                   latencyMicroseconds: Self.microseconds(since: started), outcome: .scored,
                   inputProfile: model.inputProfile(valid))
    }

    func rejection(_ error: APIError, leadId: String?, identity: ClientIdentity, requestId: String,
                   started: ContinuousClock.Instant, now: Date) -> AuditEvent {
        for detail in error.details {
            // Label values stay bounded: a caller can invent any number of unknown field names.
            let known = detail.code != "unknown_field" && detail.code != "unknown_fields" && !detail.field.isEmpty
            metrics.validationFailure(field: known ? detail.field : "(not in the contract)")
        }
        return AuditEvent(requestId: requestId, at: now, client: identity.client, leadId: leadId, inputHash: nil,
                          modelVersion: nil, score: nil, tier: nil, reasonCodes: [],
                          latencyMicroseconds: Self.microseconds(since: started), outcome: .rejected,
                          detail: ([error.code] + error.details.map { "\($0.field):\($0.code)" }).joined(separator: " "))
    }

    func commit(audit: [AuditEvent], idempotency: [IdempotencyRecord]) async throws {
        do {
            try await writer.append(audit: audit, idempotency: idempotency)
        } catch {
            metrics.auditFailure()
            throw APIError.unavailable("the audit log cannot be written, so no score was given; retry shortly", retryAfter: 2)
        }
    }

    /// The lead id as sent, read with the production contract's id field (it picks the canary arm).
    static func leadId(_ lead: [String: JSONValue], set: ServingSet) -> String? {
        guard let field = set.production.scorer.bundle.contract.idField, case let .string(id)? = lead[field] else { return nil }
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    // MARK: Bodies

    static func decode<T: Decodable>(_ type: T.Type, from body: Data) throws -> T {
        do {
            try StrictJSON.check([UInt8](body))
        } catch {
            throw APIError(.badRequest, code: "malformed_json", message: "the body is not valid JSON: \(error.description)",
                           details: [.init(field: "body", code: "malformed_json", message: error.description)])
        }
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch let DecodingError.keyNotFound(key, context) {
            let field = fieldPath(context.codingPath + [key])
            throw APIError(.unprocessableContent, code: "validation_failed", message: "\(field) is missing",
                           details: [.init(field: field, code: "required", message: "send \(field)")])
        } catch let DecodingError.typeMismatch(_, context) {
            let field = fieldPath(context.codingPath)
            throw APIError(.unprocessableContent, code: "validation_failed", message: "\(field) has the wrong type",
                           details: [.init(field: field.isEmpty ? "body" : field, code: "wrong_type",
                                           message: "\(context.debugDescription); see /openapi.json for the expected shape")])
        } catch {
            throw APIError.malformedJSON(body.isEmpty ? "the body is empty" : "it cannot be parsed")
        }
    }

    /// A coding path in the API's one field-path style: `lead.NumberOfEmployees`, `leads[0].Id`.
    static func fieldPath(_ path: [any CodingKey]) -> String {
        path.reduce(into: "") { text, key in
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()


    static func microseconds(since start: ContinuousClock.Instant) -> Int {
        Int((ContinuousClock.now - start).nanoseconds / 1_000)
    }
}
