import Foundation
import GRDB
import LeadscoreData

/// The org's records in SQLite (WAL, through GRDB): loaded from the CSV exports on first start, then
/// reused, so writes made through the API survive a restart until `--reset` reloads the exports.
public final class OrgStore: Sendable {
    public let catalog: OrgCatalog
    let pool: DatabasePool

    /// Opens the org in `directory`, loading it first when there is no SQLite org yet or `reset` is set,
    /// then gives it the tables and columns of objects and fields added since (``OrgSchema``).
    ///
    /// Throws an `InputError` when an export cannot be read, and when the describe files changed since the
    /// SQLite org was loaded (the tables would no longer match them; `--reset` reloads).
    public init(directory: OrgDirectory, catalog: OrgCatalog, reset: Bool) throws {
        self.catalog = catalog
        if reset || !FileManager.default.fileExists(atPath: directory.database.path) {
            try OrgLoader.load(catalog, from: directory)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        pool = try DatabasePool(path: directory.database.path, configuration: configuration)
        let loadedFrom = try pool.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM \(OrgLoader.metaTable) WHERE key = 'fingerprint'")
        }
        guard loadedFrom == catalog.fingerprint else {
            try? pool.close()
            throw InputError(source: directory.database.path,
                             problem: "was loaded from other describe files than the ones in \(directory.url.path)",
                             fix: "restart with --reset to reload the org from its CSV exports (writes made since are lost)")
        }
        do {
            try pool.write { db in try OrgSchema.apply(catalog, to: db, database: directory.database) }
        } catch {
            try? pool.close()
            throw error
        }
    }

    public func close() throws {
        try pool.close()
    }

    // MARK: Reading

    /// The stored values of `fields` for record `id` of `object`, or `nil` when there is no such record.
    func record(_ object: ObjectDescribe, id: String, fields: [ObjectDescribe.FieldDescribe]) async throws -> [DatabaseValue]? {
        let columns = fields.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let sql = "SELECT \(columns) FROM \"\(object.name)\" WHERE \"Id\" = ?"
        return try await pool.read { db in
            try Row.fetchOne(db, sql: sql, arguments: [id]).map { row in (0..<row.count).map { row[$0] as DatabaseValue } }
        }
    }

    /// Whether `object` has a record with this 18-character Id.
    func exists(_ object: ObjectDescribe, id: String) async throws -> Bool {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT 1 FROM \"\(object.name)\" WHERE \"Id\" = ?", arguments: [id]) != nil
        }
    }

    /// How many records `object` has, or events it published (for `/__dev/stats` and tests).
    public func count(of objectName: String) async throws -> Int {
        guard let object = catalog.object(named: objectName) else { return 0 }
        if object.isPlatformEvent {
            return try await pool.read { db in try PlatformEventLog.count(of: object, in: db) }
        }
        return try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(object.name)\"") ?? 0 }
    }

    // MARK: Writing

    /// Runs `body` in one write transaction that commits only when it returns `true`.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> (result: T, commit: Bool)) async throws -> T {
        try await pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction {
                let outcome = try body(db)
                result = outcome.result
                return outcome.commit ? .commit : .rollback
            }
            return result!
        }
    }

    // MARK: API usage

    /// Counts one API call for `day` (`2025-03-04`, UTC) against `limit`: the new count, or `nil` when
    /// the day's allowance is spent (the call is then refused and not counted). Kept in the org file so
    /// the count survives restarts like an org's does.
    func countAPICall(day: String, limit: Int) async throws -> Int? {
        try await pool.write { db in
            let used = try Int.fetchOne(db, sql: "SELECT calls FROM \(OrgLoader.usageTable) WHERE day = ?", arguments: [day]) ?? 0
            guard used < limit else { return nil }
            try db.execute(sql: """
                INSERT INTO \(OrgLoader.usageTable) (day, calls) VALUES (?, 1)
                ON CONFLICT(day) DO UPDATE SET calls = calls + 1
                """, arguments: [day])
            return used + 1
        }
    }

    /// The calls counted for `day` so far.
    func apiCalls(day: String) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT calls FROM \(OrgLoader.usageTable) WHERE day = ?", arguments: [day]) ?? 0
        }
    }
}
