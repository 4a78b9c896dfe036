import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle

/// The local Salesforce-compatible server: an org held in SQLite, served over HTTPS on 127.0.0.1 with
/// the REST API's and Bulk API 2.0's documented shapes, OAuth token endpoint included.
///
/// The CLI (`leadscore dev-salesforce`) runs it with ``run()`` until SIGINT/SIGTERM; tests and the demo
/// use ``withRunning(_:)``, which starts it on the configured port (0: a free one), hands over how to
/// connect, and stops it when the closure returns.
///
/// ```swift
/// let server = try DevSalesforceServer(configuration: .init(orgDirectory: org), logger: logger)
/// try await server.withRunning { info in
///     // POST \(info.tokenUrl) with grant_type=client_credentials, then GET \(info.instanceUrl)/services/data/v62.0/query?q=…
/// }
/// ```
public final class DevSalesforceServer: Sendable {
    public let configuration: DevSalesforceConfiguration
    public let connectedApp: ConnectedApp
    public let store: OrgStore
    public let faults: FaultInjector
    let directory: OrgDirectory
    let certificates: DevCertificates
    let origin = ServerOrigin()
    let clock: DevClock
    let sessions: SessionStore
    let usage: APIUsage
    let engine: QueryEngine
    let bulkJobs: BulkJobStore
    let ingestJobs: IngestJobStore
    /// What the routes that write records share.
    let writes: WriteContext
    let ledger = WriteLedger()
    let logger: Logger

    /// Opens (or loads) the org, deploys the configured SFDX packages into it, and prepares its connected
    /// app and certificates. Throws an `InputError` naming the file and the fix when the org directory, an
    /// export, a describe, a package file or the fault plan is wrong.
    public init(configuration: DevSalesforceConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        directory = OrgDirectory(configuration.orgDirectory)
        var catalog = try directory.loadCatalog()
        if catalog.object(named: "Task") == nil {
            catalog.install(try TaskDescribe.make())
        }
        try PackageDeployer.deploy(configuration.packageDirectories, into: &catalog)
        if !configuration.faults.hiddenFields.isEmpty {
            try catalog.hide(configuration.faults.hiddenFields, of: "Lead", source: "faults file")
        }
        store = try OrgStore(directory: directory, catalog: catalog, reset: configuration.reset)
        connectedApp = try ConnectedApp.loadOrCreate(in: directory)
        certificates = try DevCertificates.prepare(in: directory)
        clock = DevClock(start: configuration.now)
        faults = FaultInjector(plan: configuration.faults, logger: logger)
        sessions = SessionStore(organizationId: connectedApp.organizationId,
                                expiresAfterCalls: configuration.faults.sessionExpiresAfterCalls)
        usage = APIUsage(store: store, limit: configuration.faults.dailyAPILimit ?? configuration.dailyAPILimit)
        engine = QueryEngine(store: store, clock: clock)
        bulkJobs = try BulkJobStore(store: store, engine: engine, clock: clock, userId: connectedApp.userId,
                                    directory: directory.jobs, logger: logger)
        writes = WriteContext(store: store, clock: clock, userId: connectedApp.userId, faults: faults, ledger: ledger)
        ingestJobs = try IngestJobStore(writes: writes, directory: directory.jobs.appendingPathComponent("ingest", isDirectory: true),
                                        logger: logger)
    }

    /// Runs until SIGINT or SIGTERM, writing the info file once listening.
    public func run() async throws {
        try await application { _ in }.runService()
    }

    /// Starts the server, runs `body` with how to connect, then stops the server gracefully (the calls
    /// in flight finish; idle connections close).
    public func withRunning<T>(_ body: (DevSalesforceInfo) async throws -> T) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: DevSalesforceInfo.self)
        let app = try application { info in continuation.yield(info) }
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await services.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let info = await iterator.next() else {
                try await group.next()
                throw DevSalesforceError.notListening
            }
            do {
                let result = try await body(info)
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }

    /// How to connect once listening on `port`.
    public func info(port: Int) -> DevSalesforceInfo {
        let origin = "https://127.0.0.1:\(port)"
        return DevSalesforceInfo(
            instanceUrl: origin, loginUrl: origin, tokenUrl: origin + "/services/oauth2/token",
            clientId: connectedApp.clientId, clientSecret: connectedApp.clientSecret, username: connectedApp.username,
            jwtKeyFile: directory.jwtPrivateKey.path, refreshToken: connectedApp.refreshToken,
            caFile: directory.certificateAuthority.path, apiVersion: DevSalesforce.latestAPIVersion)
    }

    private func application(onListening: @escaping @Sendable (DevSalesforceInfo) async -> Void) throws -> some ApplicationProtocol {
        Application(
            router: try router(),
            server: try .tls(.http1(), tlsConfiguration: certificates.serverConfiguration()),
            configuration: .init(address: .hostname("127.0.0.1", port: configuration.port)),
            onServerRunning: { [self] channel in
                let port = channel.localAddress?.port ?? configuration.port
                await origin.bound(to: port)
                let info = info(port: port)
                if let file = configuration.infoFile {
                    do {
                        try info.write(to: file)
                    } catch {
                        logger.error("cannot write the info file", metadata: ["path": "\(file.path)", "error": "\(error)"])
                    }
                }
                logger.info("listening", metadata: ["instance_url": "\(info.instanceUrl)", "ca_file": "\(info.caFile)"])
                await onListening(info)
            },
            logger: logger)
    }

    private func router() throws -> Router<DevRequestContext> {
        let router = Router(context: DevRequestContext.self)
        router.middlewares.add(ErrorMiddleware(logger: logger))
        let infrastructure = InfrastructureFaultMiddleware(faults: faults)
        let oauth = router.group("services/oauth2")
        if configuration.faults.includesTokenEndpoint { oauth.add(middleware: infrastructure) }
        TokenRoutes(app: connectedApp, sessions: sessions, verifier: try JWTBearerVerifier(app: connectedApp),
                    origin: origin, logger: logger).add(to: oauth)
        let data = router.group("services/data").add(middleware: infrastructure)
        VersionRoutes.addVersions(to: data)
        let versioned = data.group(":version").add(middleware: SessionMiddleware(sessions: sessions, usage: usage, faults: faults))
        VersionRoutes(usage: usage, bulkJobs: bulkJobs).add(to: versioned)
        SObjectRoutes(writes: writes).add(to: versioned)
        ExternalIdRoutes(writes: writes).add(to: versioned)
        CollectionRoutes(writes: writes).add(to: versioned)
        CollectionUpsertRoutes(writes: writes).add(to: versioned)
        QueryRoutes(engine: engine).add(to: versioned)
        BulkQueryRoutes(jobs: bulkJobs).add(to: versioned)
        IngestRoutes(jobs: ingestJobs, writes: writes).add(to: versioned)
        for method in [HTTPRequest.Method.get, .post, .patch, .put, .delete] {
            versioned.on("**", method: method) { _, _ -> Response in throw SalesforceError.notFound }
        }
        DevStatsRoutes(faults: faults, usage: usage, store: store, ledger: ledger).add(to: router)
        DevEventsRoutes(store: store, userId: connectedApp.userId).add(to: router)
        return router
    }
}

/// Why the server could not start.
public enum DevSalesforceError: Error, CustomStringConvertible {
    case notListening

    public var description: String {
        switch self {
        case .notListening: "the server stopped before it listened; check that the port is free (--port 0 picks one)"
        }
    }
}
