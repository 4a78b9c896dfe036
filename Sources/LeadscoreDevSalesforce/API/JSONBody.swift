import Foundation
import Hummingbird

/// Reads a request's JSON body, refusing what Salesforce refuses: a body over the limit (REST API
/// requests are capped; this server takes up to 8 MB) or text that is not JSON (400 JSON_PARSER_ERROR).
enum JSONBody {
    static let maximumBytes = 8 * 1_024 * 1_024

    static func read(_ request: Request) async throws -> JSONValue {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBytes)
        } catch {
            throw SalesforceError(status: .contentTooLarge, errorCode: "REQUEST_ENTITY_TOO_LARGE",
                                  message: "The request body is larger than \(maximumBytes / 1_048_576) MB")
        }
        do {
            return try JSONValue.parse(Data(buffer: buffer))
        } catch {
            throw SalesforceError.jsonParser("The request body is not valid JSON: \(error.reason)")
        }
    }
}
