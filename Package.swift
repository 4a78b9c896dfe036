// swift-tools-version: 6.1
import PackageDescription

/// leadscore: predictive lead scoring for Salesforce.
/// Modules follow ../shared/DESIGN.md; dependencies run one way:
/// LeadscoreData ← LeadscoreModels ← (Service, Salesforce, Monitoring) ← LeadscoreCLI.
let package = Package(
    name: "leadscore",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "leadscore", targets: ["LeadscoreCLI"]),
        .executable(name: "leadscore-echo", targets: ["LeadscoreEcho"]),
        .library(name: "LeadscoreData", targets: ["LeadscoreData"]),
        .library(name: "LeadscoreModels", targets: ["LeadscoreModels"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // XGBoost's C API from Debian's libxgboost-dev (see ../shared/TOOLCHAIN.md).
        .systemLibrary(
            name: "CXGBoost",
            path: "Sources/CXGBoost",
            providers: [.apt(["libxgboost-dev"]), .brew(["xgboost"])]
        ),
        // LIBLINEAR (Debian liblinear-dev): the solver scikit-learn's liblinear wraps, the tests' reference
        // for leadscore's own logistic solver.
        .systemLibrary(
            name: "CLiblinear",
            path: "Sources/CLiblinear",
            providers: [.apt(["liblinear-dev"]), .brew(["liblinear"])]
        ),
        .target(
            name: "LeadscoreData",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "LeadscoreModels",
            dependencies: ["LeadscoreData", "CXGBoost", .product(name: "Yams", package: "Yams")]
        ),
        // The scoring service: HTTP API, auth, limits, audit log, model registry, stores.
        .target(
            name: "LeadscoreService",
            dependencies: [
                "LeadscoreData",
                "LeadscoreModels",
                .product(name: "Hummingbird", package: "hummingbird"),
                // HTTP1Channel.Configuration: the idle timeout and the connection cap's handler.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Only for ConnectionPoolError, which PostgresClient throws when no connection can be made.
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                // NIOTooManyBytesError (a chunked body over the limit is found while it is collected);
                // the channel handler of the connection cap.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // Salesforce's wire protocol as a client: OAuth, REST, Bulk API 2.0, limits, retries; the extract.
        // It must work against a real org, so it knows nothing of LeadscoreDevSalesforce.
        .target(
            name: "LeadscoreSalesforce",
            dependencies: [
                "LeadscoreData",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The subset of SOQL the local Salesforce-compatible server answers: parser, date literals, SQLite translation.
        .target(name: "LeadscoreSOQL"),
        // A local Salesforce-compatible server (HTTPS, OAuth, REST, Bulk 2.0, faults) for tests, the demo and users' sandboxes.
        .target(
            name: "LeadscoreDevSalesforce",
            dependencies: [
                "LeadscoreData",
                "LeadscoreSOQL",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Scores that land on Lead records: incremental sync with guardrails, through the service's scoring path.
        .target(
            name: "LeadscoreSync",
            dependencies: [
                "LeadscoreData", "LeadscoreModels", "LeadscoreService", "LeadscoreSalesforce",
                // The hot-lead webhook (a Slack-compatible incoming webhook).
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Baselines, data quality, drift, service health and alerts over the audit log.
        .target(
            name: "LeadscoreMonitoring",
            dependencies: [
                // LeadscoreSalesforce: delayed outcomes read from the org.
                "LeadscoreData", "LeadscoreModels", "LeadscoreService", "LeadscoreSalesforce",
                // Alerts to a Slack-compatible webhook.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "LeadscoreCLI",
            dependencies: [
                "LeadscoreData",
                "LeadscoreModels",
                "LeadscoreService",
                "LeadscoreSalesforce",
                "LeadscoreDevSalesforce",
                "LeadscoreSync",
                "LeadscoreMonitoring",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A Hummingbird server that only echoes: the HTTP ceiling `bench/serve` compares against.
        .executableTarget(
            name: "LeadscoreEcho",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        ),
        .executableTarget(
            name: "LeadscoreBench",
            dependencies: ["LeadscoreData"]
        ),
        // Scoring kernels at the machine's limit (scripts/bench-core): Swift TreeSHAP vs XGBoost's own.
        .executableTarget(
            name: "LeadscoreCoreBench",
            dependencies: ["LeadscoreData", "LeadscoreModels"]
        ),
        .testTarget(
            name: "LeadscoreDataTests",
            dependencies: ["LeadscoreData"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LeadscoreModelsTests",
            dependencies: ["LeadscoreModels", "LeadscoreData", "CLiblinear"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LeadscoreServiceTests",
            dependencies: [
                "LeadscoreService", "LeadscoreModels", "LeadscoreData",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // A raw HTTP/1.1 client for what a well-behaved client never sends (chunked bodies over the limit).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // Locks for what concurrent tests collect (log lines, a never-ending ping).
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                // The store tests create and drop a schema per test on the PostgreSQL they are given.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // …and write an older SQLite schema to check the store upgrades it.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "LeadscoreSOQLTests",
            // The translated SQL is executed on a real SQLite to check the rows it selects.
            dependencies: ["LeadscoreSOQL", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The client against the local server over real HTTPS on loopback, plus its unit tests.
        .testTarget(
            name: "LeadscoreSalesforceTests",
            dependencies: [
                "LeadscoreSalesforce", "LeadscoreDevSalesforce", "LeadscoreData",
                // The SFDX package's External Service must carry the OpenAPI document the service serves.
                "LeadscoreService", "LeadscoreModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                // Scripted HTTP peers for fault cases the client must survive (plain HTTP on loopback).
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "LeadscoreDevSalesforceTests",
            dependencies: [
                "LeadscoreDevSalesforce", "LeadscoreSOQL", "LeadscoreData",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The sync against the local server over HTTPS, with the service's store and a trained model.
        .testTarget(
            name: "LeadscoreSyncTests",
            dependencies: [
                "LeadscoreSync", "LeadscoreSalesforce", "LeadscoreDevSalesforce", "LeadscoreService", "LeadscoreModels",
                "LeadscoreData",
                .product(name: "Logging", package: "swift-log"),
                // A hot-lead webhook receiver on loopback, and reading the local server's published events.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "LeadscoreMonitoringTests",
            dependencies: [
                "LeadscoreMonitoring", "LeadscoreService", "LeadscoreModels", "LeadscoreData",
                // Outcomes read from an org: the client against the local Salesforce-compatible server.
                "LeadscoreSalesforce", "LeadscoreDevSalesforce",
                .product(name: "Logging", package: "swift-log"),
                // An alert webhook receiver on loopback, and the scoring service the drifted leads go through.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            resources: [.copy("Fixtures")]
        ),
        // Runs the built `leadscore` binary as a user would: exit codes, messages, files.
        .testTarget(
            name: "LeadscoreCLITests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
