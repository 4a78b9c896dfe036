/// The fields of one sObject, so queries can be checked and their names resolved.
///
/// SOQL names are case-insensitive: `select id from lead` is the same query as `SELECT Id FROM Lead`.
/// The schema maps any spelling to the canonical one, which is also the SQLite column name.
public struct SOQLSchema: Sendable {
    /// One field: its canonical API name and how it is compared and stored.
    public struct Field: Sendable, Hashable {
        public var name: String
        public var type: SOQLFieldType

        public init(name: String, type: SOQLFieldType) {
            self.name = name
            self.type = type
        }
    }

    /// The sObject's canonical API name, e.g. `Lead`.
    public let object: String
    /// The fields in the order given.
    public let fields: [Field]
    private let fieldsByLowercasedName: [String: Field]

    /// A schema for `object`. When two fields differ only by case, the first one is kept.
    public init(object: String, fields: [(name: String, type: SOQLFieldType)]) {
        self.object = object
        self.fields = fields.map { Field(name: $0.name, type: $0.type) }
        self.fieldsByLowercasedName = Dictionary(
            self.fields.map { ($0.name.lowercased(), $0) },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// The field spelled `name` in any case.
    public func field(named name: String) -> Field? {
        fieldsByLowercasedName[name.lowercased()]
    }

    /// The field spelled `name`, or Salesforce's `INVALID_FIELD` error for this object.
    func resolve(_ name: String) throws(SOQLError) -> Field {
        guard let field = field(named: name) else { throw .noSuchColumn(name, on: object) }
        return field
    }
}
