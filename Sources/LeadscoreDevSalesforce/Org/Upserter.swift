import Foundation
import GRDB

/// Creates or updates one record by the value of an external id field, inside a write transaction: the
/// rule of the REST API Developer Guide ("Insert or Update (Upsert) a Record Using an External ID"),
/// which sObject Collections and Bulk API 2.0 upserts follow too:
///
/// - no record has the value: a record is created with it (unless the caller asked to update only);
/// - one record has it: that record is updated;
/// - several records have it: nothing is written, and the caller reports the matches (a 300 for a
///   single record, DUPLICATE_EXTERNAL_ID for one record of a collection).
///
/// Text keys match without regard to case unless the field is case sensitive, as external ids do.
struct Upserter {
    let catalog: OrgCatalog
    let object: ObjectDescribe
    /// The external id (or idLookup) field matched on.
    let key: ObjectDescribe.FieldDescribe
    let writer: RecordWriter

    enum Outcome: Sendable, Equatable {
        case created(id: String, eventUuid: String?)
        case updated(id: String)
        /// More than one record has the key: their Ids.
        case ambiguous([String])
        /// No record has the key and the caller asked to update only.
        case notFound
    }

    /// The field named `name` of `object` when an upsert may match on it, else `nil` (unknown or hidden).
    ///
    /// An external id always may; "on standard objects, this call can use the name of any field with the
    /// idLookup field property instead of the external ID" (SOAP API Developer Guide, "upsert()"), such as
    /// Lead's Email. The record Id may not: "Only external ids are supported. Don't use record ids."
    static func keyField(_ name: String, of object: ObjectDescribe, in catalog: OrgCatalog) -> ObjectDescribe.FieldDescribe? {
        guard let field = catalog.visibleField(name, of: object), field.type != "id" else { return nil }
        let standard = !object.name.hasSuffix("__c")
        return field.externalId == true || (standard && field.idLookup == true) ? field : nil
    }

    /// The stored form of a key as a client sent it, or why it cannot be one.
    func storedKey(_ value: JSONValue) throws -> Result<DatabaseValue, RecordError> {
        if value == .null || value == .string("") {
            return .failure(RecordError("MISSING_ARGUMENT", "\(key.name) not specified", fields: [key.name]))
        }
        return try RecordValidator(catalog: catalog, object: object).validate([(key.name, value)], mode: .update).map { $0[0].1 }
    }

    /// The Ids of the records whose key is `stored` (at most a few: enough to report an ambiguity).
    func matches(_ stored: DatabaseValue, in db: Database) throws -> [String] {
        let collation = key.comparesIgnoringCase ? " COLLATE NOCASE" : ""
        return try String.fetchAll(db, sql: "SELECT \"Id\" FROM \"\(object.name)\" WHERE \"\(key.name)\" = ?\(collation) LIMIT 10",
                                   arguments: [stored])
    }

    /// Upserts one record: `members` are its fields without the key, `keyValue` the key as the client
    /// sent it. Throws a ``RecordError`` (nothing written) when the record breaks a rule.
    func upsert(keyValue: JSONValue, members: [(String, JSONValue)], updateOnly: Bool = false, in db: Database) throws -> Outcome {
        let validator = RecordValidator(catalog: catalog, object: object)
        let stored = try storedKey(keyValue).get()
        let ids = try matches(stored, in: db)
        switch ids.count {
        case 0:
            guard !updateOnly else { return .notFound }
            let values = try validator.validate(members + [(key.name, keyValue)], mode: .create).get()
            let created = try writer.insert(values: values, in: db)
            return .created(id: created.id, eventUuid: created.eventUuid)
        case 1:
            let values = try validator.validate(members, mode: .update).get()
            guard try writer.update(id: ids[0], values: values, in: db) else {
                throw RecordError("ENTITY_IS_DELETED", "entity is deleted")
            }
            return .updated(id: ids[0])
        default:
            return .ambiguous(ids)
        }
    }

    /// The error one record of a collection or a Bulk job gets when its key matches several records.
    func ambiguity(_ ids: [String]) -> RecordError {
        RecordError("DUPLICATE_EXTERNAL_ID", "\(key.name): more than one record found for external id field: [\(ids.joined(separator: ", "))]",
                    fields: [key.name])
    }

    /// Why several records of one request share a key: "Duplicate external id specified: <value>". Every
    /// record carrying the value fails, whether or not the org has it already.
    func duplicate(_ value: JSONValue) -> RecordError {
        RecordError("DUPLICATE_VALUE", "Duplicate external id specified: \(Self.text(value))", fields: [key.name])
    }

    /// The form two keys of one request are compared in: the stored text, folded when the key ignores case.
    func comparable(_ stored: DatabaseValue) -> String {
        let text: String
        switch stored.storage {
        case let .string(value): text = value
        case let .double(value): text = JSONValue.format(value)
        case let .int64(value): text = String(value)
        default: text = ""
        }
        return key.comparesIgnoringCase ? text.lowercased() : text
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case let .string(text): return text
        case let .integer(whole): return String(whole)
        case let .double(number): return JSONValue.format(number)
        case let .bool(flag): return flag ? "true" : "false"
        default: return value.serialized
        }
    }
}
