import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// Puts the service together: store, registry watcher (or one fixed bundle), authenticator,
/// limits, scoring, routes and background services, as a Hummingbird application.
public struct ScoringServer: Sendable {
    /// Where the models come from.
    public enum Models: Sendable {
        /// The registry in the store, followed while running.
        case registry
        /// One bundle, without a registry (`serve --bundle`).
        case bundle(ServingModel)
    }

    public let config: ServiceConfig
    public let store: any ServiceStore
    public let holder = ServingSetHolder()
    public let metrics = ServiceMetrics()
    /// Open connections, capped at `config.maxConnections`.
    let connectionCap: ConnectionCap
    private let authenticator: Authenticator
    private let models: Models
    private let logger: Logger
    private let dashboard: (any DashboardProvider)?

    /// - Parameters:
    ///   - staticAPIKey: the one key of `serve --bundle` (LEADSCORE_API_KEY); keys in the store work too.
    ///   - tokenSecret: signs OAuth access tokens (from `ServiceSecrets`).
    ///   - dashboard: renders `GET /dashboard` (admin scope); without one that route answers 404.
    public init(config: ServiceConfig, store: any ServiceStore, models: Models, staticAPIKey: String?, tokenSecret: String,
                logger: Logger, dashboard: (any DashboardProvider)? = nil) async {
        self.config = config
        self.store = store
        self.models = models
        self.logger = logger
        self.dashboard = dashboard
        connectionCap = ConnectionCap(limit: config.maxConnections, metrics: metrics, logger: logger)
        authenticator = await Authenticator(store: store, staticKey: staticAPIKey, tokenSecret: tokenSecret,
                                            tokenLifetime: config.tokenLifetimeSeconds)
    }

    /// The application, with the models loaded: fails if the registry names a bundle that cannot load.
    public func application() async throws -> some ApplicationProtocol {
        var services: [any Service] = [AuditPruner(store: store, config: config, logger: logger)]
        switch models {
        case let .bundle(model):
            holder.replace(with: ServingSet(state: RolloutState(production: model.version), generation: nil,
                                            production: model, canary: nil, shadow: nil))
        case .registry:
            let watcher = RegistryWatcher(store: store, holder: holder, policy: config.validation,
                                          interval: .milliseconds(Int(config.registryPollSeconds * 1_000)), logger: logger,
                                          onChange: { [metrics] in metrics.activeModels($0) })
            if try await !watcher.refresh() {
                logger.warning("no model is in production yet: /v1/score answers 503 until one is registered")
            }
            services.append(watcher)
        }
        if let set = holder.set { metrics.activeModels(set) }
        let cap = connectionCap
        let http = HTTP1Channel.Configuration(additionalChannelHandlers: [cap.handler()],
                                              idleTimeout: .nanoseconds(Int64(config.idleTimeoutSeconds * 1e9)))
        return Application(router: router(), server: .http1(configuration: http),
                           configuration: .init(address: .hostname(config.host, port: config.port), serverName: "leadscore"),
                           services: services, logger: logger)
    }

    /// All routes behind the request middleware; `/v1` and `/dashboard` behind auth and rate limits.
    public func router() -> Router<ServiceContext> {
        let router = Router(context: ServiceContext.self)
        router.middlewares.add(RequestMiddleware(metrics: metrics, maxConcurrent: config.maxConcurrentRequests,
                                                 timeout: .milliseconds(Int(config.requestTimeoutSeconds * 1_000)),
                                                 knownPaths: KnownPaths(OpenAPIDocument.methods.merging(["/dashboard": ["GET"]]) { $1 }),
                                                 logger: logger))
        let limiter = TokenBucketLimiter(rate: config.requestsPerSecond, burst: config.burst)
        let writer = AuditWriter(store: store, logger: logger)
        let scoring = ScoringService(holder: holder, store: store, writer: writer, metrics: metrics, config: config)
        OperationsRoutes(holder: holder, store: store, metrics: metrics, maxBatchLeads: config.maxBatchLeads,
                         readyTimeout: .milliseconds(Int(config.readyTimeoutSeconds * 1_000))).add(to: router)
        let throttle = AuthFailureThrottle(sourceAllowance: config.authFailuresPerSource, clientAllowance: config.authFailuresPerClient,
                                           firstBlock: config.authBackoffFirstSeconds, maxBlock: config.authBackoffMaxSeconds)
        let backoff = AuthBackoff(throttle: throttle, metrics: metrics, logger: logger)
        OAuthRoutes(authenticator: authenticator, limiter: limiter, backoff: backoff).add(to: router)
        func auth(_ scope: Scope) -> AuthMiddleware {
            AuthMiddleware(authenticator: authenticator, scope: scope, limiter: limiter, backoff: backoff)
        }
        let scoringGroup = router.group("v1").add(middleware: auth(.score))
        ScoreRoutes(scoring: scoring, maxBodyBytes: config.maxBodyBytes, maxBatchLeads: config.maxBatchLeads).add(to: scoringGroup)
        JobRoutes(runner: JobRunner(scoring: scoring, store: store, logger: logger), store: store,
                  maxJobBytes: config.maxJobBytes, maxJobLeads: config.maxJobLeads).add(to: scoringGroup)
        let adminGroup = router.group("v1").add(middleware: auth(.admin))
        AdminRoutes(store: store).add(to: adminGroup)
        let dashboardGroup = router.group().add(middleware: auth(.admin))
        DashboardRoutes(provider: dashboard).add(to: dashboardGroup)
        return router
    }
}
