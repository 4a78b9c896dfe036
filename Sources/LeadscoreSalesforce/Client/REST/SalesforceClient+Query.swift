import Foundation
import LeadscoreData

/// REST reads: SOQL queries page by page, counts, describe, and single records.
extension SalesforceClient {
    /// Runs a SOQL query and hands each page to `onPage` as it arrives, following `nextRecordsUrl` until
    /// Salesforce says `done`. Returns the number of records delivered.
    ///
    /// `includeDeleted` uses `queryAll`, which also returns deleted (Recycle Bin) and archived records.
    /// `onPage` runs before the next page is requested, so a slow consumer slows the query instead of
    /// queueing pages in memory (Salesforce keeps the cursor for about 15 minutes between pages).
    @discardableResult
    public func query(_ soql: String, includeDeleted: Bool = false,
                      onPage: (SalesforceQueryPage) async throws -> Void) async throws -> Int {
        let resource = includeDeleted ? "queryAll" : "query"
        let operation = "\(resource) \(SOQLLabel.object(in: soql))"
        var request = SalesforceRequest(method: .GET, path: transport.dataPath("/\(resource)"),
                                        queryItems: [("q", soql)], operation: operation, soql: soql)
        var index = 0
        var delivered = 0
        var followed: Set<String> = []
        while true {
            let body = try await transport.json(request)
            guard let page = body.objectValue, let done = page["done"]?.boolValue,
                  let totalSize = page["totalSize"]?.intValue, let items = page["records"]?.arrayValue else {
                throw SalesforceClientError.invalidResponse(operation: operation,
                                                            problem: "a query page lacks done, totalSize or records")
            }
            let records = try items.map { item -> SalesforceRecord in
                guard let members = item.objectValue else {
                    throw SalesforceClientError.invalidResponse(operation: operation, problem: "a record is not a JSON object")
                }
                return SalesforceRecord(json: members)
            }
            try await onPage(SalesforceQueryPage(index: index, records: records, totalSize: totalSize, isLast: done))
            delivered += records.count
            if done { return delivered }
            // A next page must be another page of this query on this instance, and must make progress:
            // anything else would loop forever or send the token elsewhere.
            guard let next = page["nextRecordsUrl"]?.stringValue, Self.isDataPath(next), !records.isEmpty,
                  followed.insert(next).inserted else {
                throw SalesforceClientError.invalidResponse(
                    operation: operation, problem: "page \(index + 1) is not done but has no usable nextRecordsUrl")
            }
            request = SalesforceRequest(method: .GET, path: next, operation: operation, soql: soql)
            index += 1
        }
    }

    /// The row count of a query, normally `SELECT COUNT() FROM …` (answered without records).
    public func count(_ soql: String) async throws -> Int {
        let operation = "count \(SOQLLabel.object(in: soql))"
        let request = SalesforceRequest(method: .GET, path: transport.dataPath("/query"), queryItems: [("q", soql)],
                                        operation: operation, soql: soql)
        guard let total = try await transport.json(request)["totalSize"]?.intValue, total >= 0 else {
            throw SalesforceClientError.invalidResponse(operation: operation, problem: "the answer has no totalSize")
        }
        return total
    }

    /// The object's describe (`/sobjects/{object}/describe`) as Salesforce sent it; decode it with
    /// `SalesforceDescribe` from LeadscoreData.
    public func describe(_ object: String) async throws -> Data {
        try Self.checkName(object, what: "object")
        let request = SalesforceRequest(method: .GET, path: transport.dataPath("/sobjects/\(object)/describe"),
                                        operation: "describe \(object)")
        return try await transport.data(request)
    }

    /// One record by Id with the given fields (all readable fields when `fields` is empty).
    public func record(_ object: String, id: String, fields: [String] = []) async throws -> SalesforceRecord {
        try Self.checkName(object, what: "object")
        guard SalesforceId.isValid(id) else {
            throw SalesforceClientError.invalidArgument(
                name: "record id '\(id)'", problem: "is not a 15- or 18-character Salesforce Id. Fix: pass the record's Id field")
        }
        for field in fields { try Self.checkName(field, what: "field") }
        let items: [(name: String, value: String)] = fields.isEmpty ? [] : [("fields", fields.joined(separator: ","))]
        let request = SalesforceRequest(method: .GET, path: transport.dataPath("/sobjects/\(object)/\(id)"),
                                        queryItems: items, operation: "get \(object) record")
        guard let members = try await transport.json(request).objectValue else {
            throw SalesforceClientError.invalidResponse(operation: "get \(object) record", problem: "the record is not a JSON object")
        }
        return SalesforceRecord(json: members)
    }

    /// An API name as Salesforce allows it (`Lead`, `AI_Score__c`, `ns__Thing__c`): it goes into a URL path,
    /// so nothing else may pass.
    static func checkName(_ name: String, what: String) throws {
        let valid = name.first?.isLetter == true && name.count <= 255
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }
        guard valid else {
            throw SalesforceClientError.invalidArgument(
                name: "\(what) name '\(name)'",
                problem: "is not a Salesforce API name. Fix: use the API name (letters, digits, underscores), e.g. Lead or AI_Score__c")
        }
    }

    /// A path under this instance's data API, without a host, dot segments or a scheme.
    static func isDataPath(_ path: String) -> Bool {
        path.hasPrefix("/services/data/") && !path.contains("..") && !path.contains("://") && !path.contains("\\")
    }
}
