import Foundation

/// Opens the store a `store.url` names: `postgres://user:pass@host:5432/db` for PostgreSQL,
/// `sqlite:PATH`, or a plain file path for SQLite.
public enum StoreOpener {
    public static func open(url: String) async throws -> any ServiceStore {
        let store: any ServiceStore
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            store = try PostgresServiceStore(url: url)
        } else {
            let path = url.hasPrefix("sqlite:") ? String(url.dropFirst("sqlite:".count)) : url
            guard !path.isEmpty else {
                throw StoreError.unusable("store.url is empty; give a SQLite file path or a postgres:// URL")
            }
            store = try SQLiteServiceStore(path: path)
        }
        try await store.migrate()
        return store
    }
}
