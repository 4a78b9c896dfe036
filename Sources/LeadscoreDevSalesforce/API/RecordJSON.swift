import GRDB
import LeadscoreData

/// A record as the REST API renders it: `attributes` first (`type` and the record's `url`), then the
/// fields in the order asked for, each typed by ``FieldKind/json(_:)``.
enum RecordJSON {
    static func render(type: String, id: String?, version: String,
                       fields: [(name: String, kind: FieldKind, value: DatabaseValue)]) -> JSONValue {
        var attributes: [(String, JSONValue)] = [("type", .string(type))]
        if let id { attributes.append(("url", .string("/services/data/v\(version)/sobjects/\(type)/\(id)"))) }
        return .object([("attributes", .object(attributes))] + fields.map { ($0.name, $0.kind.json($0.value)) })
    }

    /// The Id of a record as a client may write it (15 or 18 characters) in its 18-character form, or
    /// `nil` when it is not an Id of `object` (wrong length, characters, checksum or key prefix).
    static func canonicalId(_ text: String, of object: ObjectDescribe) -> String? {
        guard SalesforceId.isValid(text) else { return nil }
        if let prefix = object.keyPrefix, !text.hasPrefix(prefix) { return nil }
        return SalesforceId.caseSafe(text)
    }
}
