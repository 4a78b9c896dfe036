import ArgumentParser
import Foundation
import LeadscoreService

/// `leadscore keys create|list|revoke`
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "API keys for clients of the scoring API (also their OAuth client credentials).",
        discussion: """
            A client may hold two active keys, so a key can be rotated without downtime: create the new one,
            switch the client over, revoke the old one. The key is printed once; only its hash is stored.
            Example: leadscore keys create --client salesforce-flow --scope score
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    static let activeKeysPerClient = 2

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a key and print it once.")
        @OptionGroup var options: StoreOptions
        @Option(help: "The calling system, e.g. salesforce-flow.") var client: String
        @Option(help: "score and/or admin (repeatable).") var scope: [String] = ["score"]
        @Option(help: "Write the key to this file (mode 600) instead of printing it.") var out: String?

        func run() async throws {
            let scopes = try Set(scope.map { name in
                guard let scope = Scope(rawValue: name) else { throw ValidationError("--scope \(name): use score or admin") }
                return scope
            })
            let store = try await options.openStore()
            let active = try await store.apiKeys().filter { $0.client == client && $0.revokedAt == nil }
            guard active.count < KeysCommand.activeKeysPerClient else {
                throw ValidationError("\(client) already has \(active.count) active keys (\(active.map(\.id).joined(separator: ", "))); "
                    + "revoke one with `leadscore keys revoke ID` first")
            }
            let made = APIKeyMaker.make(client: client, scopes: scopes)
            try await store.insertAPIKey(made.stored)
            try await store.close()
            if let out {
                FileManager.default.createFile(atPath: out, contents: Data((made.key + "\n").utf8), attributes: [.posixPermissions: 0o600])
                print("Created \(made.stored.id) for \(client) (\(scopes.sorted().map(\.rawValue).joined(separator: ", "))) → \(out)")
            } else {
                print(made.key)
                FileHandle.standardError.write(Data("Created \(made.stored.id) for \(client). Store the key now: it is not shown again. OAuth client id: \(made.stored.id); client secret: the part after the dot.\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Keys (ids, clients, scopes, state); never secrets.")
        @OptionGroup var options: StoreOptions

        func run() async throws {
            let store = try await options.openStore()
            for key in try await store.apiKeys() {
                let state = key.revokedAt.map { "revoked \(ISO8601DateFormatter().string(from: $0))" } ?? "active"
                print("\(key.id)  \(key.client)  \(key.scopes.sorted().map(\.rawValue).joined(separator: ","))  created \(ISO8601DateFormatter().string(from: key.createdAt))  \(state)")
            }
            try await store.close()
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key (servers stop accepting it within seconds).")
        @OptionGroup var options: StoreOptions
        @Argument var id: String

        func run() async throws {
            let store = try await options.openStore()
            let revoked = try await store.revokeAPIKey(id: id, at: Date())
            try await store.close()
            guard revoked else { throw ValidationError("no active key \(id); see `leadscore keys list`") }
            print("Revoked \(id)")
        }
    }
}
