import Foundation
import GRDB
import LeadscoreData

/// Saves validated records inside a write transaction, stamping the audit fields a real org stamps:
/// `SystemModstamp`, `LastModifiedDate` and `LastModifiedById` on every save, `CreatedDate`,
/// `CreatedById`, `OwnerId` and the describe's defaults on a create — each only when the object has it.
struct RecordWriter {
    let object: ObjectDescribe
    /// The moment of the save, as milliseconds since 1970 (the org clock, see ``DevClock``).
    let nowMilliseconds: Int64
    /// The integration user: creator, modifier and default owner.
    let userId: String

    /// Updates record `id`; `false` when there is no such record.
    func update(id: String, values: [(ObjectDescribe.FieldDescribe, DatabaseValue)], in db: Database) throws -> Bool {
        var assignments = values
        for (name, value) in stamps(creating: false) where !assignments.contains(where: { $0.0.name == name }) {
            if let field = object.field(named: name) { assignments.append((field, value)) }
        }
        guard !assignments.isEmpty else {
            return try Int.fetchOne(db, sql: "SELECT 1 FROM \"\(object.name)\" WHERE \"Id\" = ?", arguments: [id]) != nil
        }
        let set = assignments.map { "\"\($0.0.name)\" = ?" }.joined(separator: ", ")
        try db.execute(sql: "UPDATE \"\(object.name)\" SET \(set) WHERE \"Id\" = ?",
                       arguments: StatementArguments(assignments.map(\.1) + [id.databaseValue]))
        return db.changesCount > 0
    }

    /// Inserts a new record and returns its minted 18-character Id.
    func insert(values: [(ObjectDescribe.FieldDescribe, DatabaseValue)], in db: Database) throws -> String {
        let id = try mintId(in: db)
        var columns: [(String, DatabaseValue)] = [("Id", id.databaseValue)] + values.map { ($0.0.name, $0.1) }
        for (name, value) in stamps(creating: true) where object.field(named: name) != nil && !columns.contains(where: { $0.0 == name }) {
            columns.append((name, value))
        }
        for field in object.fields where !columns.contains(where: { $0.0 == field.name }) {
            if let value = field.defaultValueOnCreate {
                let stored: DatabaseValue
                switch value {
                case let .bool(flag): stored = (flag ? 1 : 0).databaseValue
                case let .string(text): stored = text.databaseValue
                default: continue
                }
                columns.append((field.name, stored))
            }
        }
        let names = columns.map { "\"\($0.0)\"" }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.execute(sql: "INSERT INTO \"\(object.name)\" (\(names)) VALUES (\(marks))",
                       arguments: StatementArguments(columns.map(\.1)))
        return id
    }

    private func stamps(creating: Bool) -> [(String, DatabaseValue)] {
        var stamps: [(String, DatabaseValue)] = [
            ("SystemModstamp", nowMilliseconds.databaseValue), ("LastModifiedDate", nowMilliseconds.databaseValue),
            ("LastModifiedById", userId.databaseValue),
        ]
        if creating {
            stamps += [("CreatedDate", nowMilliseconds.databaseValue), ("CreatedById", userId.databaseValue),
                       ("OwnerId", userId.databaseValue)]
        }
        return stamps
    }

    /// A new Id: the object's key prefix, pod `5e0`, nine base-62 digits of a per-object counter kept
    /// in the org file, and the case-safe suffix. Counters start far above the sample org's Ids.
    private func mintId(in db: Database) throws -> String {
        let start: Int64 = 50 * 218_340_105_584_896  // 50 × 62^8: the digits start with "o"
        let next = try Int64.fetchOne(db, sql: "SELECT next FROM \(OrgLoader.counterTable) WHERE object = ?",
                                      arguments: [object.name]) ?? start
        try db.execute(sql: """
            INSERT INTO \(OrgLoader.counterTable) (object, next) VALUES (?, ?)
            ON CONFLICT(object) DO UPDATE SET next = excluded.next
            """, arguments: [object.name, next + 1])
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var digits: [Character] = []
        var remaining = next
        for _ in 0..<9 {
            digits.insert(alphabet[Int(remaining % 62)], at: 0)
            remaining /= 62
        }
        let prefix = String((object.keyPrefix ?? "a00").prefix(3))
        return SalesforceId.caseSafe(prefix + "5e0" + String(digits))
    }
}
