import Crypto
import Foundation
import LeadscoreData

/// The org's objects and what the integration user may see of them.
///
/// Field-level security is modelled the way it looks from the API: a hidden field is absent from the
/// describe, a query or a record read naming it fails with INVALID_FIELD ("No such column"), and a
/// write naming it fails the same way. That is what a real org answers when the integration user's
/// permission set lacks Read on a field, so clients can be tested against it.
public struct OrgCatalog: Sendable {
    public private(set) var objects: [ObjectDescribe]
    /// Object name → lower-cased names of the fields the integration user cannot read.
    public private(set) var hiddenFields: [String: Set<String>] = [:]
    /// A digest of the org directory's describe documents: the SQLite org records it, so a changed
    /// describe file is noticed. Objects and fields added later (built-ins such as Task, SFDX packages)
    /// are not part of it: ``OrgSchema`` adds their tables and columns to an existing org instead.
    let fingerprint: String

    public init(objects: [ObjectDescribe]) {
        self.objects = objects
        var hash = SHA256()
        for object in objects {
            hash.update(data: Data(object.name.utf8))
            hash.update(data: object.document)
        }
        fingerprint = hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Adds `object`, or replaces the object of the same name (a standard object that gained fields).
    mutating func install(_ object: ObjectDescribe) {
        if let index = objects.firstIndex(where: { $0.name.caseInsensitiveCompare(object.name) == .orderedSame }) {
            objects[index] = object
        } else {
            objects.append(object)
        }
    }

    /// The object called `name`, matched without regard to case.
    public func object(named name: String) -> ObjectDescribe? {
        objects.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The fields of `object` the integration user can read, in describe order.
    public func visibleFields(of object: ObjectDescribe) -> [ObjectDescribe.FieldDescribe] {
        let hidden = hiddenFields[object.name] ?? []
        return object.fields.filter { !hidden.contains($0.name.lowercased()) }
    }

    /// The readable field called `name` on `object`, or `nil` when it does not exist or is hidden.
    public func visibleField(_ name: String, of object: ObjectDescribe) -> ObjectDescribe.FieldDescribe? {
        guard let field = object.field(named: name), !(hiddenFields[object.name] ?? []).contains(field.name.lowercased())
        else { return nil }
        return field
    }

    /// Hides `fields` of `objectName` from the integration user. Unknown objects or fields, and Id
    /// (which no profile can hide), are errors naming the entry.
    public mutating func hide(_ fields: [String], of objectName: String, source: String) throws {
        guard let object = object(named: objectName) else {
            throw InputError(source: source, field: "hidden_fields",
                             problem: "the org has no \(objectName) object", fix: "remove hidden_fields")
        }
        var hidden = hiddenFields[object.name] ?? []
        for name in fields {
            guard let field = object.field(named: name) else {
                throw InputError(source: source, field: "hidden_fields",
                                 problem: "\(object.name) has no field '\(name)'",
                                 fix: "use a field API name from the describe, e.g. AnnualRevenue")
            }
            guard field.name != "Id" else {
                throw InputError(source: source, field: "hidden_fields", problem: "Id cannot be hidden",
                                 fix: "remove Id: every user can read a record's Id")
            }
            hidden.insert(field.name.lowercased())
        }
        hiddenFields[object.name] = hidden
    }

    /// The describe document of `object` as a client receives it: hidden fields removed and every url
    /// pointing at `version` (`/services/data/v62.0/sobjects/Lead/describe`).
    public func servedDescribe(of object: ObjectDescribe, version: String) throws -> Data {
        guard var document = try JSONSerialization.jsonObject(with: object.document) as? [String: Any] else {
            throw InputError(source: object.name, problem: "describe is not a JSON object", fix: "save the describe unchanged")
        }
        let hidden = hiddenFields[object.name] ?? []
        if let fields = document["fields"] as? [[String: Any]] {
            document["fields"] = fields.filter { !hidden.contains(($0["name"] as? String ?? "").lowercased()) }
        }
        if let urls = document["urls"] as? [String: Any] {
            document["urls"] = urls.mapValues { value -> Any in
                guard let text = value as? String else { return value }
                return Self.pointing(text, at: version)
            }
        }
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// `/services/data/v60.0/…` with its version replaced by `version`.
    static func pointing(_ url: String, at version: String) -> String {
        url.replacingOccurrences(of: "/services/data/v[0-9]+\\.[0-9]+", with: "/services/data/v\(version)",
                                 options: .regularExpression)
    }
}
