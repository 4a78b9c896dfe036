import Foundation
import GRDB

/// The platform events published to the org, kept in one table in publish order so tests and the demo
/// can read back what a sync announced (`GET /__dev/events/Hot_Lead__e`, not a Salesforce resource).
///
/// A real org hands events to subscribers and keeps them 72 hours for replay; nothing here subscribes,
/// so the log stands in for a subscriber that saw every event. Each event gets what Salesforce sets on
/// publish (Platform Events Developer Guide, "Platform Event Fields"): a ReplayId that grows with every
/// event, an EventUuid, CreatedDate and CreatedById.
enum PlatformEventLog {
    /// Stores an event of `object` with its validated field values; returns its EventUuid.
    static func publish(_ object: ObjectDescribe, id: String, values: [(ObjectDescribe.FieldDescribe, DatabaseValue)],
                        createdMilliseconds: Int64, in db: Database) throws -> String {
        let uuid = UUID().uuidString.lowercased()
        let payload = JSONValue.object(values.map { field, value in (field.name, field.kind.json(value)) })
        try db.execute(sql: """
            INSERT INTO \(OrgSchema.eventsTable) (object, id, uuid, created, payload) VALUES (?, ?, ?, ?, ?)
            """, arguments: [object.name, id, uuid, createdMilliseconds, payload.serialized])
        return uuid
    }

    static func count(of object: ObjectDescribe, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(OrgSchema.eventsTable) WHERE object = ?", arguments: [object.name]) ?? 0
    }

    /// Every event of `object`, oldest first: the system fields, then the fields it was published with.
    static func events(of object: ObjectDescribe, createdById: String, in db: Database) throws -> [JSONValue] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT replay_id, uuid, created, payload FROM \(OrgSchema.eventsTable) WHERE object = ? ORDER BY replay_id
            """, arguments: [object.name])
        return rows.map { row in
            let created: Int64 = row["created"]
            var members: [(String, JSONValue)] = [
                ("ReplayId", .string(String(row["replay_id"] as Int64))), ("EventUuid", .string(row["uuid"])),
                ("CreatedDate", FieldKind.dateTime.json(created.databaseValue)), ("CreatedById", .string(createdById)),
            ]
            // Stored as JSON, whose member order and `93.0` do not survive parsing: the describe gives both back.
            if case let .object(fields)? = try? JSONValue.parse(Data((row["payload"] as String).utf8)) {
                let order = { (name: String) in object.fields.firstIndex { $0.name == name } ?? Int.max }
                members += fields.sorted { order($0.0) < order($1.0) }.map { name, value in
                    guard object.field(named: name)?.kind == .double, case let .integer(whole) = value else { return (name, value) }
                    return (name, .double(Double(whole)))
                }
            }
            return .object(members)
        }
    }
}
