import ArgumentParser
import Foundation
import LeadscoreService

/// `--config` and `--store`, shared by `serve`, `models` and `keys`: the store is `--store`, else
/// `service.store.url` in the config, else var/leadscore.sqlite.
struct StoreOptions: ParsableArguments {
    @Option(help: "leadscore.yaml; its `service:` section configures the server and store.") var config: String?
    @Option(help: "Store URL: a SQLite file path, or postgres://user:password@host:5432/db.") var store: String?

    func serviceConfig() throws -> ServiceConfig {
        var loaded = try config.map { try ServiceConfigLoader.load(from: URL(fileURLWithPath: $0)) } ?? ServiceConfig()
        if let store { loaded.storeURL = store }
        return loaded
    }

    func openStore() async throws -> any ServiceStore {
        try await StoreOpener.open(url: try serviceConfig().storeURL)
    }
}

/// Who ran a registry or key command, for the history: `--actor`, else $USER.
func currentActor(_ given: String?) -> String {
    given ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
}
