import Crypto
import Foundation
import LeadscoreData

/// "Deploys" SFDX packages into the org's catalog, as `sf project deploy start` deploys them into a
/// real org: a standard object (Lead) gains the package's custom fields in its describe, a custom object
/// (`Lead_Scoring_Event__c`) becomes a new object with Salesforce's system fields plus its own, and a
/// platform event (`Hot_Lead__e`) becomes an object that can be published to. ``OrgSchema`` then gives
/// the SQLite org the matching tables and columns.
///
/// A deploy is all or nothing: every file is read and checked before the catalog changes, and any
/// problem (bad XML, an unknown field type, a field defined twice, a standard object the org does not
/// have) is an `InputError` naming the file.
enum PackageDeployer {
    /// Deploys the packages in `directories` (in order) into `catalog`.
    static func deploy(_ directories: [URL], into catalog: inout OrgCatalog) throws {
        var merged: [SFDXPackage.ObjectSource] = []
        for directory in directories {
            for object in try SFDXPackage.read(directory).objects {
                guard let index = merged.firstIndex(where: { $0.name == object.name }) else {
                    merged.append(object)
                    continue
                }
                if let definition = object.definition {
                    guard merged[index].definition == nil else {
                        let earlier = merged[index].definitionSource ?? "another package"
                        throw InputError(source: object.definitionSource ?? object.name,
                                         problem: "defines \(object.name), which \(earlier) defines too", fix: "deploy one definition of each object")
                    }
                    merged[index].definition = definition
                    merged[index].definitionSource = object.definitionSource
                }
                merged[index].fields += object.fields
            }
        }
        var updated = catalog
        for object in merged.sorted(by: { $0.name < $1.name }) {
            try checkDistinctFields(of: object)
            updated.install(try describe(object, in: updated))
        }
        catalog = updated
    }

    private static func checkDistinctFields(of object: SFDXPackage.ObjectSource) throws {
        var seen: [String: String] = [:]
        for (field, source) in object.fields {
            if let earlier = seen[field.fullName.lowercased()] {
                throw InputError(source: source, field: field.fullName, problem: "is defined again (\(earlier) defines it)",
                                 fix: "keep one definition of each field")
            }
            seen[field.fullName.lowercased()] = source
        }
    }

    /// The object's describe once the package is deployed.
    private static func describe(_ object: SFDXPackage.ObjectSource, in catalog: OrgCatalog) throws -> ObjectDescribe {
        let fields = object.fields.map(\.definition.describeField)
        let source = object.definitionSource ?? object.fields.first?.source ?? object.name
        if let existing = catalog.object(named: object.name) {
            // A standard object, or an object the org directory already describes: it gains the fields.
            return try DescribeDocument.adding(fields, to: existing, source: source)
        }
        guard let definition = object.definition else {
            let problem = object.name.hasSuffix("__c") || object.name.hasSuffix("__e")
                ? "adds fields to \(object.name), which neither the org nor the package defines"
                : "adds fields to \(object.name), a standard object the org directory has no describe for"
            throw InputError(source: source, problem: problem,
                             fix: "add objects/\(object.name)/\(object.name).object-meta.xml, or an \(object.name).describe.json to the org")
        }
        switch definition.kind {
        case .custom:
            let prefix = keyPrefix(for: object.name, taken: Set(catalog.objects.compactMap(\.keyPrefix)))
            var describe = try DescribeDocument.make(
                .init(name: object.name, label: definition.label ?? object.name, labelPlural: definition.pluralLabel ?? object.name,
                      keyPrefix: prefix, custom: true),
                fields: definition.systemFields + fields, source: source)
            describe.autoNumberFormat = definition.nameField?.displayFormat
            return describe
        case .platformEvent:
            return try DescribeDocument.make(
                .init(name: object.name, label: definition.label ?? object.name, labelPlural: definition.pluralLabel ?? object.name,
                      keyPrefix: "e00", custom: true, isEvent: true),
                fields: CustomObjectDefinition.eventSystemFields + fields, source: source)
        case .standard:
            throw InputError(source: source, problem: "defines \(object.name), a standard object the org directory has no describe for",
                             fix: "add \(object.name).describe.json (its describe response) to the org directory")
        }
    }

    /// A custom object's key prefix: `a` and two base-62 characters taken from the SHA-256 of its name, so
    /// the prefix (and with it every record Id) stays the same across restarts and reloads; the next free
    /// one when another object already has it. Real orgs hand out `a00`…`a0z` in creation order, which
    /// an org rebuilt from files has no record of.
    static func keyPrefix(for name: String, taken: Set<String>) -> String {
        let digest = Array(SHA256.hash(data: Data(name.utf8)))
        let alphabet = RandomText.base62
        var slot = (Int(digest[0]) << 8 | Int(digest[1])) % (alphabet.count * alphabet.count)
        while true {
            let prefix = "a" + String(alphabet[slot / alphabet.count]) + String(alphabet[slot % alphabet.count])
            if !taken.contains(prefix) { return prefix }
            slot = (slot + 1) % (alphabet.count * alphabet.count)
        }
    }
}
