import Foundation
import Hummingbird

/// Admin scope: `GET /v1/models` (what serves), `POST /v1/models/{version}/promote` (body
/// `{"reason", "canaryPercent"?}`), `POST /v1/models/{version}/shadow`, `POST /v1/models/rollback`
/// (body `{"reason"}`) and `GET /v1/audit` (what was decided). Changes are recorded with the
/// calling client as the actor; every server sharing the store follows them.
struct AdminRoutes {
    let store: any ServiceStore

    struct ModelInfo: Encodable {
        var version: String
        var kind: String
        var registeredAt: String
        var registeredBy: String
        var note: String
    }

    struct ModelsResponse: Encodable {
        var production: String?
        var canary: String?
        var canaryPercent: Int
        var shadow: String?
        var models: [ModelInfo]
        /// After a rollout command: false when the rollout was already as asked (nothing recorded).
        var changed: Bool?
    }

    struct AuditEventInfo: Encodable {
        var requestId: String
        var at: String
        var client: String
        var leadId: String?
        var inputHash: String?
        var modelVersion: String?
        var shadowVersion: String?
        var shadowScore: Int?
        var score: Int?
        var tier: String?
        var reasonCodes: [String]
        var latencyMicroseconds: Int
        var outcome: String
    }

    struct ChangeRequest: Decodable {
        var reason: String
        var canaryPercent: Int?
    }

    func add(to group: RouterGroup<ServiceContext>) {
        group.get("models") { _, _ in try await models() }
        group.post("models/:version/promote") { request, context in
            let change = try await Self.change(request)
            let outcome = try await registryCall {
                try await ModelRegistry(store: store).promote(context.parameters.get("version") ?? "", canaryPercent: change.canaryPercent,
                                                              actor: context.identity!.client, reason: change.reason)
            }
            return try await models(changed: outcome.changed)
        }
        group.post("models/:version/shadow") { request, context in
            let change = try await Self.change(request)
            let outcome = try await registryCall {
                try await ModelRegistry(store: store).shadow(context.parameters.get("version"), actor: context.identity!.client,
                                                             reason: change.reason)
            }
            return try await models(changed: outcome.changed)
        }
        group.post("models/rollback") { request, context in
            let change = try await Self.change(request)
            let outcome = try await registryCall {
                try await ModelRegistry(store: store).rollback(actor: context.identity!.client, reason: change.reason)
            }
            return try await models(changed: outcome.changed)
        }
        group.get("audit") { request, _ in try await audit(request) }
    }

    private static func change(_ request: Request) async throws -> ChangeRequest {
        try ScoringService.decode(ChangeRequest.self, from: try await ScoreRoutes.body(request, limit: 16_384))
    }

    /// Registry refusals (unknown version, nothing to roll back to, a concurrent change) as 409s; an
    /// unreachable store is the request middleware's 503.
    private func registryCall(_ body: () async throws -> RegistryChange) async throws -> RegistryChange {
        do {
            return try await body()
        } catch let error as RegistryError {
            throw APIError(.conflict, code: "registry_refused", message: error.description)
        } catch let StoreError.conflict(message) {
            throw APIError(.conflict, code: "registry_refused", message: message)
        }
    }

    private func models(changed: Bool? = nil) async throws -> Response {
        let state = try await store.latestRegistryEvent()?.state ?? RolloutState()
        let models = try await store.models().map {
            ModelInfo(version: $0.version, kind: $0.kind, registeredAt: ScoreResponse.timestamp($0.registeredAt),
                      registeredBy: $0.registeredBy, note: $0.note)
        }
        return RequestMiddleware.json(ModelsResponse(production: state.production, canary: state.canary,
                                                     canaryPercent: state.canaryPercent, shadow: state.shadow,
                                                     models: models, changed: changed), status: .ok)
    }

    private func audit(_ request: Request) async throws -> Response {
        let limitText = request.uri.queryParameters.get("limit")
        let limit = limitText.map { Int($0) } ?? 100
        guard let limit, (1...10_000).contains(limit) else {
            throw APIError.badRequest(field: "limit", "limit must be a whole number from 1 to 10000")
        }
        let events = try await store.auditEvents(leadId: request.uri.queryParameters.get("leadId"), limit: limit).map {
            AuditEventInfo(requestId: $0.requestId, at: ScoreResponse.timestamp($0.at), client: $0.client, leadId: $0.leadId,
                           inputHash: $0.inputHash, modelVersion: $0.modelVersion, shadowVersion: $0.shadowVersion,
                           shadowScore: $0.shadowScore, score: $0.score, tier: $0.tier, reasonCodes: $0.reasonCodes,
                           latencyMicroseconds: $0.latencyMicroseconds, outcome: $0.outcome.rawValue)
        }
        return RequestMiddleware.json(["events": events], status: .ok)
    }
}
