import Foundation
import GRDB
import LeadscoreData

/// Brings a SQLite org up to its catalog at every start: a table for each object that has none yet
/// (the built-in Task, a custom object an SFDX package deploys) and a column for each field a table
/// lacks (the custom fields a package adds to Lead), so writes made through the API survive a deploy,
/// as they survive one in a real org.
///
/// Running it twice changes nothing. The kind each column was stored as is recorded, so a field whose
/// type changed between two deploys (Text to Number, say) is refused with the fix, instead of reading
/// back values stored the old way.
enum OrgSchema {
    static let columnsTable = "_dev_columns"
    /// Published platform events, in publish order: ``PlatformEventLog`` writes and reads them.
    static let eventsTable = "_dev_platform_events"

    static func apply(_ catalog: OrgCatalog, to db: Database, database: URL) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS \(columnsTable) (object TEXT NOT NULL, field TEXT NOT NULL, kind TEXT NOT NULL,
                                                        PRIMARY KEY (object, field));
            CREATE TABLE IF NOT EXISTS \(eventsTable) (replay_id INTEGER PRIMARY KEY AUTOINCREMENT, object TEXT NOT NULL,
                                                       id TEXT NOT NULL, uuid TEXT NOT NULL, created INTEGER NOT NULL,
                                                       payload TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS \(eventsTable)_object ON \(eventsTable) (object, replay_id);
            """)
        for object in catalog.objects where !object.isPlatformEvent {
            try checkKinds(of: object, in: db, database: database)
            guard try db.tableExists(object.name) else {
                try OrgLoader.createTable(for: object, in: db)
                continue
            }
            let existing = Set(try db.columns(in: object.name).map { $0.name.lowercased() })
            for field in object.fields where !existing.contains(field.name.lowercased()) {
                try db.execute(sql: "ALTER TABLE \"\(object.name)\" ADD COLUMN \"\(field.name)\" \(field.kind.sqlType)")
                // Existing records get a new checkbox's default, as in a real org.
                if case let .bool(flag)? = field.defaultValueOnCreate {
                    try db.execute(sql: "UPDATE \"\(object.name)\" SET \"\(field.name)\" = ?", arguments: [flag ? 1 : 0])
                }
                try OrgLoader.createIndex(for: field, of: object, in: db)
            }
        }
    }

    /// Records each field's storage kind, refusing a field stored before as another kind.
    private static func checkKinds(of object: ObjectDescribe, in db: Database, database: URL) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT field, kind FROM \(columnsTable) WHERE object = ?", arguments: [object.name])
        var recorded: [String: String] = [:]
        for row in rows { recorded[(row["field"] as String).lowercased()] = row["kind"] }
        for field in object.fields {
            if let kind = recorded[field.name.lowercased()] {
                guard kind == field.kind.rawValue else {
                    throw InputError(source: database.path, field: "\(object.name).\(field.name)",
                                     problem: "holds values stored as \(kind), but the field is now \(field.type)",
                                     fix: "restart with --reset to reload the org with the new field type (writes made since are lost)")
                }
            } else {
                try db.execute(sql: "INSERT INTO \(columnsTable) (object, field, kind) VALUES (?, ?, ?)",
                               arguments: [object.name, field.name, field.kind.rawValue])
            }
        }
    }
}
