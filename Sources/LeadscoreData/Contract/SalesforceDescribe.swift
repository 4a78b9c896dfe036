import Foundation

/// The parts of a Salesforce `sobjects/Lead/describe` response that a contract needs.
public struct SalesforceDescribe: Sendable, Decodable {
    public var name: String
    public var fields: [Field]

    public struct Field: Sendable, Decodable {
        public var name: String
        public var label: String?
        public var type: String
        public var length: Int?
        public var nillable: Bool?
        public var custom: Bool?
        public var calculated: Bool?
        public var picklistValues: [PicklistValue]?
    }

    public struct PicklistValue: Sendable, Decodable {
        public var value: String
        public var active: Bool?
    }

    /// Decodes a describe response, with errors that say what was expected.
    public static func decode(_ data: Data, source: String) throws -> SalesforceDescribe {
        do {
            return try JSONDecoder().decode(SalesforceDescribe.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw InputError(source: source, field: (context.codingPath + [key]).map(\.stringValue).joined(separator: "."),
                             problem: "is missing, so this is not a describe response",
                             fix: "save the output of GET /services/data/vXX.X/sobjects/Lead/describe")
        } catch let DecodingError.typeMismatch(_, context) {
            throw InputError(source: source, field: context.codingPath.map(\.stringValue).joined(separator: "."),
                             problem: "has the wrong type (\(context.debugDescription))",
                             fix: "save the describe response unchanged")
        } catch {
            throw InputError(source: source, problem: "is not valid JSON",
                             fix: "save the output of GET /services/data/vXX.X/sobjects/Lead/describe")
        }
    }
}
