import Foundation

/// Writes the describe document of an object this server defines itself (the built-in Task, a custom
/// object or platform event from an SFDX package) and reads it back as an ``ObjectDescribe``, so those
/// objects are checked and served exactly like the ones an org directory brings as describe files.
enum DescribeDocument {
    /// What the document says about the object besides its fields.
    struct Object: Sendable {
        var name: String
        var label: String
        var labelPlural: String
        var keyPrefix: String
        var custom: Bool
        /// Platform events are created (published) but never updated, queried or deleted.
        var isEvent = false
    }

    static func make(_ object: Object, fields: [DescribeField], source: String) throws -> ObjectDescribe {
        let base = "/services/data/v\(DevSalesforce.latestAPIVersion)/sobjects/\(object.name)"
        var urls = ["sobject": base, "describe": base + "/describe"]
        if !object.isEvent { urls["rowTemplate"] = base + "/{ID}" }
        let document: [String: Any] = [
            "name": object.name, "label": object.label, "labelPlural": object.labelPlural, "keyPrefix": object.keyPrefix,
            "custom": object.custom, "customSetting": false, "createable": true, "updateable": !object.isEvent,
            "deletable": !object.isEvent, "queryable": !object.isEvent, "retrieveable": !object.isEvent,
            "searchable": !object.isEvent, "layoutable": !object.isEvent, "replicateable": !object.isEvent,
            "triggerable": true, "undeletable": !object.isEvent, "mergeable": false, "urls": urls,
            "fields": fields.map(\.json),
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return try ObjectDescribe.decode(data, source: source, requiresId: !object.isEvent)
    }

    /// `object`'s describe with `fields` appended: a standard object gaining the custom fields of a
    /// package. A field the describe already lists (an org exported after an earlier deploy) is replaced
    /// by the package's definition, as a deploy replaces it.
    static func adding(_ fields: [DescribeField], to object: ObjectDescribe, source: String) throws -> ObjectDescribe {
        guard var document = try JSONSerialization.jsonObject(with: object.document) as? [String: Any] else {
            throw DescribeDocumentError.notAnObject(object.name)
        }
        let added = Set(fields.map { $0.name.lowercased() })
        let kept = ((document["fields"] as? [[String: Any]]) ?? []).filter { !added.contains(($0["name"] as? String ?? "").lowercased()) }
        document["fields"] = kept + fields.map(\.json)
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        var extended = try ObjectDescribe.decode(data, source: source, requiresId: !object.isPlatformEvent)
        extended.autoNumberFormat = object.autoNumberFormat
        return extended
    }
}

/// A describe document this server holds that is not a JSON object: only a corrupted describe file gets here.
enum DescribeDocumentError: Error, CustomStringConvertible {
    case notAnObject(String)

    var description: String {
        switch self {
        case let .notAnObject(name): "the describe of \(name) is not a JSON object; save the describe response unchanged"
        }
    }
}
