import Foundation
import LeadscoreData

/// One sObject as its `describe` document defines it: the table the server keeps for it, the fields
/// a write is checked against, and the document itself, served back on `/sobjects/{name}/describe`.
///
/// Every object the org serves comes from a describe, so adding an object (a custom object from an
/// SFDX package, say) is adding a describe file: nothing in the server names Lead's fields.
public struct ObjectDescribe: Sendable {
    public var name: String
    /// The three-character Id prefix (`00Q` for Lead), used to mint Ids of created records.
    public var keyPrefix: String?
    public var fields: [FieldDescribe]
    /// The describe JSON as given; ``OrgCatalog/servedDescribe(of:version:)`` is what a client receives.
    public var document: Data
    /// The display format of an auto-number `Name` (`LSE-{000000}`), from the CustomObject's `nameField`.
    /// A describe does not carry it, so only objects deployed from an SFDX package have one.
    public var autoNumberFormat: String?

    /// A platform event (`Hot_Lead__e`): published, never stored as a record, queried or updated.
    public var isPlatformEvent: Bool { name.hasSuffix("__e") }

    /// One field of a describe, with what a write must respect.
    public struct FieldDescribe: Sendable, Decodable {
        public var name: String
        public var label: String?
        public var type: String
        public var length: Int?
        public var nillable: Bool?
        public var createable: Bool?
        public var updateable: Bool?
        public var calculated: Bool?
        public var defaultedOnCreate: Bool?
        public var picklistValues: [PicklistValue]?
        public var restrictedPicklist: Bool?
        /// An external id: upserts may match records on it.
        public var externalId: Bool?
        /// Standard fields that identify a record for upserts (Id, Lead's Email) without being external ids.
        public var idLookup: Bool?
        public var unique: Bool?
        /// Whether a unique or external id text field tells `abc` from `ABC`; Salesforce's default is not.
        public var caseSensitive: Bool?
        public var referenceTo: [String]?
        public var defaultValue: CheckboxDefault?
        /// The record's name (`Name`): a create that leaves a text name out gets the record's Id.
        public var nameField: Bool?
        /// Numbered by Salesforce on create (`LSE-000042`), never written by a client.
        public var autoNumber: Bool?
        public var precision: Int?
        public var scale: Int?

        /// A describe's `defaultValue`, kept when it is a checkbox's `true`/`false`: the other defaults are
        /// formulas, which this server does not evaluate.
        public struct CheckboxDefault: Sendable, Decodable {
            public var value: Bool?

            public init(from decoder: any Decoder) throws {
                value = try? decoder.singleValueContainer().decode(Bool.self)
            }
        }

        public struct PicklistValue: Sendable, Decodable {
            public var value: String
            public var defaultValue: Bool?
        }

        public var kind: FieldKind { FieldKind(describeType: type) }
        public var isNillable: Bool { nillable ?? true }
        /// Calculated fields and the Id are never written by a client, whatever the document says.
        public var isUpdateable: Bool { (updateable ?? true) && calculated != true && type != "id" }
        public var isCreateable: Bool { (createable ?? true) && calculated != true && type != "id" }
        /// The label errors name the field by, as Salesforce's messages do.
        public var displayLabel: String { label ?? name }
        /// Text keys compare without regard to case unless the field says otherwise.
        public var comparesIgnoringCase: Bool { kind == .text && caseSensitive != true }

        /// The value a create gets when the client leaves the field out (checkboxes are their default or
        /// false, picklists take their default value).
        public var defaultValueOnCreate: JSONValue? {
            if kind == .boolean { return .bool(defaultValue?.value ?? false) }
            if let value = picklistValues?.first(where: { $0.defaultValue == true })?.value { return .string(value) }
            return nil
        }
    }

    private struct Document: Decodable {
        var name: String
        var keyPrefix: String?
        var fields: [FieldDescribe]
    }

    /// Reads a describe document, naming the file and the member when it is not one. Every sObject has
    /// an Id; platform events (`requiresId: false`) have a ReplayId instead.
    public static func decode(_ data: Data, source: String, requiresId: Bool = true) throws -> ObjectDescribe {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw InputError(source: source, field: (context.codingPath + [key]).map(\.stringValue).joined(separator: "."),
                             problem: "is missing, so this is not an sObject describe",
                             fix: "save the output of GET /services/data/vXX.X/sobjects/<Object>/describe unchanged")
        } catch let DecodingError.typeMismatch(_, context) {
            throw InputError(source: source, field: context.codingPath.map(\.stringValue).joined(separator: "."),
                             problem: "has the wrong type", fix: "save the describe response unchanged")
        } catch {
            throw InputError(source: source, problem: "is not valid JSON",
                             fix: "save the output of GET /services/data/vXX.X/sobjects/<Object>/describe unchanged")
        }
        guard document.name.range(of: "^[A-Za-z][A-Za-z0-9_]*$", options: .regularExpression) != nil else {
            throw InputError(source: source, field: "name", problem: "'\(document.name)' is not an sObject API name",
                             fix: "use the describe of a real object (letters, digits and underscores)")
        }
        var seen = Set<String>()
        for field in document.fields {
            guard field.name.range(of: "^[A-Za-z][A-Za-z0-9_]*$", options: .regularExpression) != nil else {
                throw InputError(source: source, field: "fields.\(field.name)", problem: "is not a field API name",
                                 fix: "use letters, digits and underscores, as Salesforce does")
            }
            guard seen.insert(field.name.lowercased()).inserted else {
                throw InputError(source: source, field: "fields.\(field.name)", problem: "is listed twice",
                                 fix: "keep one entry per field")
            }
        }
        guard !requiresId || document.fields.contains(where: { $0.name == "Id" }) else {
            throw InputError(source: source, field: "fields", problem: "has no Id field",
                             fix: "every sObject describe lists Id; save the describe response unchanged")
        }
        return ObjectDescribe(name: document.name, keyPrefix: document.keyPrefix, fields: document.fields, document: data)
    }

    /// The field called `name`, matched without regard to case as Salesforce matches API names.
    public func field(named name: String) -> FieldDescribe? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }
}
