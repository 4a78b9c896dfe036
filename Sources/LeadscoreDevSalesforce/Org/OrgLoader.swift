import Foundation
import GRDB
import LeadscoreData

/// Builds the SQLite org from the directory's describes and CSV exports: one table per object, one
/// column per field named exactly as its API name (the convention `LeadscoreSOQL` translates to).
///
/// The file is built beside its final place and renamed in one step, so an interrupted load never
/// leaves a half-filled org that a later start would reuse. Every value goes through LeadscoreData's
/// `FieldParser`, so a value the snapshot would refuse is refused here too, with file, line and column.
enum OrgLoader {
    /// Internal tables start with an underscore, which no sObject name can.
    static let metaTable = "_dev_meta"
    static let usageTable = "_dev_api_usage"
    static let counterTable = "_dev_id_counter"

    /// Loads `catalog`'s objects from `directory` into a new database at `directory.database`.
    static func load(_ catalog: OrgCatalog, from directory: OrgDirectory) throws {
        let final = directory.database
        let building = final.deletingLastPathComponent().appendingPathComponent("org.sqlite.loading")
        try FileManager.default.createDirectory(at: directory.stateDirectory, withIntermediateDirectories: true)
        removeDatabase(at: building)
        do {
            let queue = try DatabaseQueue(path: building.path)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE \(metaTable) (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE \(usageTable) (day TEXT PRIMARY KEY, calls INTEGER NOT NULL);
                    CREATE TABLE \(counterTable) (object TEXT PRIMARY KEY, next INTEGER NOT NULL);
                    """)
                try db.execute(sql: "INSERT INTO \(metaTable) (key, value) VALUES ('fingerprint', ?)",
                               arguments: [catalog.fingerprint])
                for object in catalog.objects where !object.isPlatformEvent {
                    try createTable(for: object, in: db)
                    if let csv = directory.records(of: object.name) { try insertRecords(of: object, from: csv, into: db) }
                }
            }
            try queue.close()
        } catch {
            removeDatabase(at: building)
            throw error
        }
        removeDatabase(at: final)
        try FileManager.default.moveItem(at: building, to: final)
    }

    /// Deletes a database file with its WAL and shared-memory companions.
    static func removeDatabase(at url: URL) {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: url.path + suffix)
        }
    }

    static func createTable(for object: ObjectDescribe, in db: Database) throws {
        let columns = object.fields.map { field in
            field.name == "Id" ? "\"Id\" TEXT PRIMARY KEY" : "\"\(field.name)\" \(field.kind.sqlType)"
        }
        try db.execute(sql: "CREATE TABLE \"\(object.name)\" (\(columns.joined(separator: ", ")))")
        for field in object.fields {
            try createIndex(for: field, of: object, in: db)
        }
    }

    /// Lookups by parent record (LeadHistory.LeadId), matches on external ids and unique fields, and
    /// incremental reads by modification time.
    static func createIndex(for field: ObjectDescribe.FieldDescribe, of object: ObjectDescribe, in db: Database) throws {
        let keyed = field.type == "reference" || field.externalId == true || field.unique == true
        guard keyed || ["CreatedDate", "SystemModstamp"].contains(field.name) else { return }
        let collation = field.comparesIgnoringCase && field.type != "reference" ? " COLLATE NOCASE" : ""
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS \"\(object.name)_\(field.name)\" ON \"\(object.name)\" (\"\(field.name)\"\(collation))")
    }

    private static func insertRecords(of object: ObjectDescribe, from csv: URL, into db: Database) throws {
        // An org's export (Data Loader, Bulk API) is comma-separated by spec: no guessing from its first rows.
        let reader = try CSVReader(url: csv, delimiter: .fixed(.comma))
        var columnFields: [ObjectDescribe.FieldDescribe] = []
        for name in reader.header {
            guard let field = object.field(named: name) else {
                throw InputError(source: csv.lastPathComponent, line: 1, field: name,
                                 problem: "is not a field of \(object.name)'s describe",
                                 fix: "remove the column or add the field to the describe file")
            }
            guard !columnFields.contains(where: { $0.name == field.name }) else {
                throw InputError(source: csv.lastPathComponent, line: 1, field: name, problem: "appears twice in the header",
                                 fix: "keep one column per field")
            }
            columnFields.append(field)
        }
        guard columnFields.contains(where: { $0.name == "Id" }) else {
            throw InputError(source: csv.lastPathComponent, line: 1, field: "Id", problem: "the header has no Id column",
                             fix: "export the records with their Id")
        }
        // Checkboxes missing from the export are false, as Salesforce stores them; other fields are null.
        let defaulted = object.fields.filter { field in
            field.kind == .boolean && !columnFields.contains { $0.name == field.name }
        }
        let names = (columnFields + defaulted).map { "\"\($0.name)\"" }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: columnFields.count + defaulted.count).joined(separator: ", ")
        let statement = try db.makeStatement(sql: "INSERT INTO \"\(object.name)\" (\(names)) VALUES (\(marks))")
        let defaults = defaulted.map { _ in 0.databaseValue }
        while let record = try reader.next() {
            switch record {
            case let .malformed(problem):
                throw InputError(source: csv.lastPathComponent, line: problem.line, problem: problem.reason,
                                 fix: "correct the row or export the records again")
            case let .row(row):
                var values: [DatabaseValue] = []
                values.reserveCapacity(row.values.count + defaults.count)
                for (field, text) in zip(columnFields, row.values) {
                    switch field.kind.storedValue(csv: text, describeType: field.type) {
                    case let .success(value): values.append(value)
                    case let .failure(problem):
                        throw InputError(source: csv.lastPathComponent, line: row.line, field: field.name,
                                         problem: problem.problem, fix: problem.fix)
                    }
                }
                do {
                    try statement.execute(arguments: StatementArguments(values + defaults))
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    throw InputError(source: csv.lastPathComponent, line: row.line, field: "Id",
                                     problem: "repeats the Id of an earlier row", fix: "keep one row per record")
                }
            }
        }
    }
}
