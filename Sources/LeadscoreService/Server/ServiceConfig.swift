/// Settings of `leadscore serve`, read from the `service:` section of `leadscore.yaml`.
/// Secrets are not here: they come from the environment or files (see `ServiceSecrets`).
public struct ServiceConfig: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// A SQLite file path or `sqlite:PATH`, or `postgres://user@host:5432/db`.
    public var storeURL = "var/leadscore.sqlite"
    /// How often the server checks the registry for promotions and rollbacks.
    public var registryPollSeconds = 2.0
    public var maxBodyBytes = 1 << 20
    /// Leads per `POST /v1/score/batch`; larger batches go to `POST /v1/jobs`.
    public var maxBatchLeads = 200
    public var maxJobLeads = 100_000
    public var maxJobBytes = 64 << 20
    /// Per client: sustained requests per second and burst (a batch costs one token per lead / 10).
    public var requestsPerSecond = 200.0
    public var burst = 400.0
    public var maxConcurrentRequests = 256
    public var requestTimeoutSeconds = 10.0
    /// How long `/ready` waits for the store to answer before calling it unreachable.
    public var readyTimeoutSeconds = 2.0
    /// Open connections at once; more are closed on arrival.
    public var maxConnections = 1_024
    /// A connection with no complete request for this long is closed (a slow or stalled client,
    /// half a header, an idle keep-alive).
    public var idleTimeoutSeconds = 30.0
    public var validation = ValidationPolicy()
    public var cacheTTLSeconds = 300.0
    public var cacheEntries = 10_000
    public var auditRetentionDays = 400
    public var idempotencyHours = 24.0
    public var tokenLifetimeSeconds = 900.0
    /// A file holding the token signing secret; else LEADSCORE_TOKEN_SECRET; else a random one per process.
    public var tokenSecretFile: String?
    /// Failed authentications allowed from one source network, and for one client id from one source,
    /// before the back-off refuses them: first for `authBackoffFirstSeconds`, doubling up to the maximum.
    public var authFailuresPerSource = 20
    public var authFailuresPerClient = 5
    public var authBackoffFirstSeconds = 1.0
    public var authBackoffMaxSeconds = 300.0

    public init() {}
}
