import Foundation
import Hummingbird

/// `GET /health`, `/ready`, `/metrics`, `/openapi.json`: unauthenticated, for probes and tooling.
/// `/ready` answers within `readyTimeout` (2 s by default) even when the database hangs.
struct OperationsRoutes {
    let holder: ServingSetHolder
    let store: any ServiceStore
    let metrics: ServiceMetrics
    let maxBatchLeads: Int
    let readyTimeout: Duration

    struct Readiness: Encodable {
        var status: String
        var store: String
        var models: [String]
    }

    func add(to router: Router<ServiceContext>) {
        router.get("health") { _, _ in
            RequestMiddleware.json(["status": "ok"], status: .ok)
        }
        router.get("ready") { _, _ in
            let storeOK = await StoreProbe.answers(within: readyTimeout) { try await store.ping() }
            let models = holder.set?.versions ?? []
            let ready = storeOK && !models.isEmpty
            return RequestMiddleware.json(Readiness(status: ready ? "ready" : "not_ready", store: storeOK ? "ok" : "unreachable",
                                                    models: models), status: ready ? .ok : .serviceUnavailable)
        }
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.registry.emitToString())))
        }
        router.get("openapi.json") { request, _ in
            guard let set = holder.set else {
                throw APIError.unavailable("no model is in production yet, and the API document comes from its data contract")
            }
            let server = request.head.authority.map { "http://\($0)" }
            return RequestMiddleware.json(data: OpenAPIDocument.make(contract: set.production.scorer.bundle.contract,
                                                                     maxBatchLeads: maxBatchLeads, serverURL: server),
                                          status: .ok)
        }
    }
}
