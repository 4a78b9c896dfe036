import Foundation
import GRDB
import LeadscoreData

/// Saves validated records inside a write transaction, stamping the audit fields a real org stamps:
/// `SystemModstamp`, `LastModifiedDate` and `LastModifiedById` on every save, `CreatedDate`,
/// `CreatedById`, `OwnerId` and the describe's defaults on a create — each only when the object has it.
///
/// Before it writes, a save passes ``RecordIntegrity``'s checks (converted leads, unique values,
/// lookups); a failed check throws a ``RecordError`` and leaves the database as it was, so a caller can
/// report the record and go on with the next one. A create of a platform event publishes it instead
/// (``PlatformEventLog``).
struct RecordWriter {
    let catalog: OrgCatalog
    let object: ObjectDescribe
    /// The moment of the save, as milliseconds since 1970 (the org clock, see ``DevClock``).
    let nowMilliseconds: Int64
    /// The integration user: creator, modifier and default owner.
    let userId: String

    /// What a create saved: the new Id, and for a platform event the EventUuid it was published with.
    struct Created: Sendable {
        var id: String
        var eventUuid: String?
    }

    private var integrity: RecordIntegrity { RecordIntegrity(catalog: catalog, object: object) }

    /// Updates record `id`; `false` when there is no such record.
    func update(id: String, values: [(ObjectDescribe.FieldDescribe, DatabaseValue)], in db: Database) throws -> Bool {
        guard try integrity.existingRecord(id, in: db) else { return false }
        try integrity.check(values, updating: id, in: db)
        var assignments = values
        for (name, value) in stamps(creating: false) where !assignments.contains(where: { $0.0.name == name }) {
            if let field = object.field(named: name) { assignments.append((field, value)) }
        }
        guard !assignments.isEmpty else { return true }
        let set = assignments.map { "\"\($0.0.name)\" = ?" }.joined(separator: ", ")
        try db.execute(sql: "UPDATE \"\(object.name)\" SET \(set) WHERE \"Id\" = ?",
                       arguments: StatementArguments(assignments.map(\.1) + [id.databaseValue]))
        return db.changesCount > 0
    }

    /// Inserts a new record (or publishes an event) and returns its minted 18-character Id.
    func insert(values: [(ObjectDescribe.FieldDescribe, DatabaseValue)], in db: Database) throws -> Created {
        try integrity.check(values, updating: nil, in: db)
        let id = try mintId(in: db)
        if object.isPlatformEvent {
            let uuid = try PlatformEventLog.publish(object, id: id, values: values, createdMilliseconds: nowMilliseconds, in: db)
            return Created(id: id, eventUuid: uuid)
        }
        var columns: [(String, DatabaseValue)] = [("Id", id.databaseValue)] + values.map { ($0.0.name, $0.1) }
        for (name, value) in stamps(creating: true) where object.field(named: name) != nil && !columns.contains(where: { $0.0 == name }) {
            columns.append((name, value))
        }
        for field in object.fields where !columns.contains(where: { $0.0 == field.name }) {
            if field.nameField == true {
                // Salesforce numbers an auto-number name, and names a record created without a name by its Id.
                let name = try object.autoNumberFormat.map { try autoNumber($0, in: db) } ?? id
                columns.append((field.name, name.databaseValue))
            } else if let value = field.defaultValueOnCreate {
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
        return Created(id: id)
    }

    private func stamps(creating: Bool) -> [(String, DatabaseValue)] {
        var stamps: [(String, DatabaseValue)] = [
            ("SystemModstamp", nowMilliseconds.databaseValue), ("LastModifiedDate", nowMilliseconds.databaseValue),
            ("LastModifiedById", userId.databaseValue),
        ]
        if creating {
            stamps += [("CreatedDate", nowMilliseconds.databaseValue), ("CreatedById", userId.databaseValue),
                       ("OwnerId", userId.databaseValue), ("IsDeleted", 0.databaseValue)]
        }
        return stamps
    }

    /// The next number of `counter` (per object, kept in the org file), starting at `start`.
    private func next(_ counter: String, start: Int64, in db: Database) throws -> Int64 {
        let next = try Int64.fetchOne(db, sql: "SELECT next FROM \(OrgLoader.counterTable) WHERE object = ?",
                                      arguments: [counter]) ?? start
        try db.execute(sql: """
            INSERT INTO \(OrgLoader.counterTable) (object, next) VALUES (?, ?)
            ON CONFLICT(object) DO UPDATE SET next = excluded.next
            """, arguments: [counter, next + 1])
        return next
    }

    /// `LSE-{000000}` → `LSE-000001`, `LSE-000002`, …: the number padded to the braces' width.
    private func autoNumber(_ format: String, in db: Database) throws -> String {
        let number = try next("\(object.name)#Name", start: 1, in: db)
        guard let range = format.range(of: "\\{0+\\}", options: .regularExpression) else { return format + String(number) }
        let digits = String(number)
        let width = format.distance(from: range.lowerBound, to: range.upperBound) - 2
        return format.replacingCharacters(in: range, with: String(repeating: "0", count: max(0, width - digits.count)) + digits)
    }

    /// A new Id: the object's key prefix, pod `5e0`, nine base-62 digits of a per-object counter kept
    /// in the org file, and the case-safe suffix. Counters start far above the sample org's Ids.
    private func mintId(in db: Database) throws -> String {
        var remaining = try next(object.name, start: 50 * 218_340_105_584_896, in: db)  // 50 × 62^8: the digits start with "o"
        var digits: [Character] = []
        for _ in 0..<9 {
            digits.insert(RandomText.base62[Int(remaining % 62)], at: 0)
            remaining /= 62
        }
        let prefix = String((object.keyPrefix ?? "a00").prefix(3))
        return SalesforceId.caseSafe(prefix + "5e0" + String(digits))
    }
}
