import NIOHTTP1

/// The three sObject Collections writes. They share chunking, per-record mapping and row-lock retries,
/// and differ in method, URL and whether a request may be sent again after it may have reached Salesforce.
///
/// Salesforce REST API Developer Guide: "Create Records Using sObject Collections" (POST),
/// "Update Records Using sObject Collections" (PATCH), "Upsert Records Using sObject Collections"
/// (PATCH `/composite/sobjects/{object}/{externalIdField}`,
/// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm).
enum CollectionWrite: Sendable, Equatable {
    case create
    case update
    /// Creates or updates by the value of an external id field.
    case upsert(externalIdField: String)

    var method: HTTPMethod {
        self == .create ? .POST : .PATCH
    }

    /// For operation names in logs and errors.
    var verb: String {
        switch self {
        case .create: return "create"
        case .update: return "update"
        case .upsert: return "upsert"
        }
    }

    /// The resource under the data API, e.g. `/composite/sobjects/Lead_Scoring_Event__c/Event_Key__c`.
    func resource(object: String) -> String {
        guard case let .upsert(field) = self else { return "/composite/sobjects" }
        return "/composite/sobjects/\(object)/\(field)"
    }

    /// Whether sending the same request twice is harmless. An update sets the same values again, and an
    /// upsert finds the record its first attempt created by the external id; a create would make a
    /// second record, so it is resent only when the first attempt surely never left.
    var isResendable: Bool {
        self != .create
    }
}
