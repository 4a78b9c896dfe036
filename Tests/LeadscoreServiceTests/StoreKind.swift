import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import LeadscoreService

/// A kind of `ServiceStore` the store tests run against, each time on a fresh, private database so
/// tests stay independent and run in parallel:
/// - SQLite: a file in a new temporary folder;
/// - PostgreSQL: a new schema on the server `LEADSCORE_TEST_POSTGRES_URL` names (`scripts/setup-postgres`
///   prints one), selected through the URL's libpq `options` parameter and dropped afterwards. Creating
///   a schema needs only the CREATE privilege on that database, not the right to create databases.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    /// SQLite always; PostgreSQL when the environment names a server.
    static let available: [StoreKind] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]

    /// `LEADSCORE_TEST_POSTGRES_URL`: a database the test user may create schemas in.
    static let postgresURL = ProcessInfo.processInfo.environment["LEADSCORE_TEST_POSTGRES_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }

    var testDescription: String { rawValue }

    /// Opens a migrated store on a fresh database, runs `body`, then closes the store and removes the database.
    func withStore<Result>(_ body: (any ServiceStore) async throws -> Result) async throws -> Result {
        try await withFreshURL { url in
            let store = try await StoreOpener.open(url: url)
            do {
                let result = try await body(store)
                try await store.close()
                return result
            } catch {
                try? await store.close()
                throw error
            }
        }
    }

    /// Runs `body` with the `store.url` of a fresh, empty database (nothing created in it yet), then removes it.
    func withFreshURL<Result>(_ body: (String) async throws -> Result) async throws -> Result {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("leadscore-store-tests-\(UUID().uuidString.prefix(8))")
            defer { try? FileManager.default.removeItem(at: folder) }
            return try await body("sqlite:" + folder.appendingPathComponent("store.sqlite").path)
        case .postgres:
            guard let base = Self.postgresURL else {
                throw StoreError.unusable("set LEADSCORE_TEST_POSTGRES_URL to run the PostgreSQL store tests")
            }
            let schema = "leadscore_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await Self.administer(base, "CREATE SCHEMA \(schema)")
            let url = base + (base.contains("?") ? "&" : "?") + "options=-c%20search_path%3D\(schema)"
            do {
                let result = try await body(url)
                try await Self.administer(base, "DROP SCHEMA \(schema) CASCADE")
                return result
            } catch {
                try? await Self.administer(base, "DROP SCHEMA \(schema) CASCADE")
                throw error
            }
        }
    }

    /// Runs one statement of `sql` on the database at `url` (a `withFreshURL` URL), behind the store's back:
    /// what a hand edit or another version of leadscore could leave there.
    func execute(_ sql: String, on url: String) async throws {
        switch self {
        case .sqlite:
            let queue = try DatabaseQueue(path: String(url.dropFirst("sqlite:".count)))
            try await queue.write { try $0.execute(sql: sql) }
        case .postgres:
            try await Self.administer(url, sql)
        }
    }

    /// Runs one statement of `sql` on the server at `url`, on a connection of its own.
    private static func administer(_ url: String, _ sql: String) async throws {
        let target = try PostgresStoreURL(url)
        let logger = Logger(label: "leadscore.store-tests")
        do {
            let connection = try await PostgresConnection.connect(configuration: target.connectionConfiguration(),
                                                                  id: 0, logger: logger)
            do {
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                try await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw StoreError.translating(error, from: target)
        }
    }
}
