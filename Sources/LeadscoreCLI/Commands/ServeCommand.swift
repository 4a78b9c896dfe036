import ArgumentParser
import Foundation
import LeadscoreModels
import LeadscoreService
import Logging

/// `leadscore serve [--config leadscore.yaml] [--bundle BUNDLE] [--port 8080]`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the scoring API (POST /v1/score) for Salesforce Flow and batch jobs.",
        discussion: """
            With the registry (default): serves what `leadscore models` promotes, and follows promotions, canaries,
            shadows and rollbacks without a restart. Clients use keys from `leadscore keys create`.
            Quick start without a registry: LEADSCORE_API_KEY=secret leadscore serve --bundle var/demo/model --port 8080
            Secrets come only from the environment: LEADSCORE_API_KEY (with --bundle), LEADSCORE_TOKEN_SECRET (signs
            OAuth tokens; the same on every server sharing a store) or service.auth.token_secret_file.
            """)

    @OptionGroup var options: StoreOptions
    @Option(help: "Serve this one bundle without a registry (needs LEADSCORE_API_KEY).") var bundle: String?
    @Option(help: "Address to listen on (default from config, else 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default from config, else 8080).") var port: Int?

    func run() async throws {
        LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        var config = try options.serviceConfig()
        if let host { config.host = host }
        if let port { config.port = port }
        let logger = Logger(label: "leadscore.serve")
        let environment = ProcessInfo.processInfo.environment
        let models: ScoringServer.Models
        var staticKey: String?
        if let bundle {
            guard let key = environment["LEADSCORE_API_KEY"], key.count >= 16 else {
                throw ValidationError("serve --bundle needs LEADSCORE_API_KEY (16+ characters) in the environment: "
                    + "clients send it as 'Authorization: Bearer <key>'")
            }
            staticKey = key
            models = .bundle(ServingModel(bundle: try ModelBundle.load(from: URL(fileURLWithPath: bundle)), policy: config.validation))
        } else {
            models = .registry
        }
        let secret = try ServiceSecrets.tokenSecret(config: config)
        if secret.generated {
            logger.warning("LEADSCORE_TOKEN_SECRET is not set: OAuth tokens are signed with a per-process secret")
        }
        let store = try await StoreOpener.open(url: config.storeURL)
        let server = await ScoringServer(config: config, store: store, models: models, staticAPIKey: staticKey,
                                         tokenSecret: secret.secret, logger: logger)
        let app = try await server.application()
        logger.info("listening", metadata: ["address": "http://\(config.host):\(config.port)",
                                            "models": "\(server.holder.set?.versions.joined(separator: ",") ?? "none")"])
        try await app.runService()
        try await store.close()
    }
}
