/// One sObject record: its type, its fields, and (when it came from Salesforce) its `attributes.url`.
///
/// Query results nest parents as objects (`"Owner": {"attributes": …, "Name": "Ada"}`); the path
/// subscript reads them as `record["Owner.Name"]`. Records built for a write carry only the fields to
/// set; the client adds `attributes: {type}` itself.
public struct SalesforceRecord: Sendable, Equatable {
    /// The sObject type from `attributes.type` (e.g. `Lead`); nil for aggregate rows.
    public var type: String?
    /// `attributes.url`, the record's REST path.
    public var url: String?
    /// Every member but `attributes`.
    public var fields: [String: SalesforceValue]

    public init(type: String? = nil, fields: [String: SalesforceValue]) {
        self.type = type
        self.url = nil
        self.fields = fields
    }

    /// A record from a JSON object as the REST API returns it.
    init(json members: [String: SalesforceValue]) {
        var fields = members
        let attributes = fields.removeValue(forKey: "attributes")?.objectValue
        self.type = attributes?["type"]?.stringValue
        self.url = attributes?["url"]?.stringValue
        self.fields = fields
    }

    /// The record Id (the `Id` field), when it was selected or set.
    public var id: String? { fields["Id"]?.stringValue }

    /// A field by API name, or a parent's field by dotted path (`Owner.Name`). Salesforce field names are
    /// case-insensitive, so a name that misses exactly is looked up ignoring case.
    public subscript(path: String) -> SalesforceValue? {
        var current: [String: SalesforceValue] = fields
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            guard let value = Self.member(String(part), in: current) else { return nil }
            if index == parts.count - 1 { return value }
            guard case let .object(next) = value else {
                // A null parent (no owner, no converted account) makes every field below it null.
                return value.isNull ? .null : nil
            }
            current = next
        }
        return nil
    }

    private static func member(_ name: String, in members: [String: SalesforceValue]) -> SalesforceValue? {
        if let exact = members[name] { return exact }
        let lowered = name.lowercased()
        return members.first { $0.key.lowercased() == lowered }?.value
    }

    /// The JSON an sObject Collections request carries for this record: its fields plus `attributes.type`.
    func collectionJSON(type: String) -> SalesforceValue {
        var members = fields
        members["attributes"] = .object(["type": .string(self.type ?? type)])
        return .object(members)
    }
}
