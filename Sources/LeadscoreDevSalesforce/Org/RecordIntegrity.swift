import Foundation
import GRDB
import LeadscoreData

/// The checks a save makes against the rest of the org, inside the write transaction, failing the way
/// Salesforce fails one record:
///
/// - a converted Lead cannot be updated, nor referenced by another record: CANNOT_UPDATE_CONVERTED_LEAD,
///   "cannot reference converted lead" (Salesforce Help, "CANNOT_UPDATE_CONVERTED_LEAD": you are updating
///   a converted lead, or referencing its Id after conversion);
/// - a unique field's value cannot repeat another record's: DUPLICATE_VALUE, "duplicate value found:
///   <field> duplicates value on record with id: <id>";
/// - a lookup must name a record of the object it looks up: FIELD_INTEGRITY_EXCEPTION for an Id of
///   another object, INVALID_CROSS_REFERENCE_KEY for one that does not exist. Lookups to objects this org
///   does not hold (User, Contact) are taken as given.
struct RecordIntegrity {
    let catalog: OrgCatalog
    let object: ObjectDescribe

    static let convertedLead = RecordError("CANNOT_UPDATE_CONVERTED_LEAD", "cannot reference converted lead")

    /// Whether record `id` exists, refusing it when it is a converted Lead.
    func existingRecord(_ id: String, in db: Database) throws -> Bool {
        guard object.name == "Lead", object.field(named: "IsConverted") != nil else {
            return try Int.fetchOne(db, sql: "SELECT 1 FROM \"\(object.name)\" WHERE \"Id\" = ?", arguments: [id]) != nil
        }
        guard let converted = try Row.fetchOne(db, sql: "SELECT \"IsConverted\" FROM \"Lead\" WHERE \"Id\" = ?", arguments: [id]) else {
            return false
        }
        if (converted[0] as Int64?) == 1 { throw Self.convertedLead }
        return true
    }

    /// Checks the values a save writes (all of them for a create, the changed ones for an update of `id`).
    func check(_ values: [(ObjectDescribe.FieldDescribe, DatabaseValue)], updating id: String?, in db: Database) throws {
        for (field, value) in values where !value.isNull {
            if field.unique == true { try checkUnique(field, value, updating: id, in: db) }
            if field.type == "reference", case let .string(reference) = value.storage { try checkReference(field, reference, in: db) }
        }
    }

    private func checkUnique(_ field: ObjectDescribe.FieldDescribe, _ value: DatabaseValue, updating id: String?, in db: Database) throws {
        let collation = field.comparesIgnoringCase ? " COLLATE NOCASE" : ""
        let sql = "SELECT \"Id\" FROM \"\(object.name)\" WHERE \"\(field.name)\" = ?\(collation) AND \"Id\" IS NOT ? LIMIT 1"
        if let other = try String.fetchOne(db, sql: sql, arguments: [value, id]) {
            throw RecordError("DUPLICATE_VALUE", "duplicate value found: \(field.name) duplicates value on record with id: \(other)",
                              fields: [field.name])
        }
    }

    private func checkReference(_ field: ObjectDescribe.FieldDescribe, _ reference: String, in db: Database) throws {
        let targets = (field.referenceTo ?? []).compactMap { catalog.object(named: $0) }.filter { !$0.isPlatformEvent }
        guard let target = targets.first(where: { $0.keyPrefix.map(reference.hasPrefix) ?? false }) else {
            // Every object the lookup may point at is known, and none has this Id's key prefix.
            if !targets.isEmpty, targets.count == field.referenceTo?.count {
                throw RecordError("FIELD_INTEGRITY_EXCEPTION", "\(field.displayLabel): id value of incorrect type: \(reference)",
                                  fields: [field.name])
            }
            return
        }
        let exists: Bool
        do {
            exists = try RecordIntegrity(catalog: catalog, object: target).existingRecord(reference, in: db)
        } catch let error as RecordError {
            throw RecordError(error.statusCode, error.message, fields: [field.name])
        }
        guard exists else {
            throw RecordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", fields: [field.name])
        }
    }
}
