import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One call to the org's API, before it has a host or a token: the path under the instance URL, the
/// query parameters, the JSON body, and how the retry loop may treat it.
struct SalesforceRequest: Sendable {
    var method: HTTPMethod
    /// Starts with `/services/`; the instance URL is prefixed per attempt.
    var path: String
    var queryItems: [(name: String, value: String)] = []
    var body: Data?
    /// A Bulk API upload's CSV, streamed from disk as it is sent; used instead of `body`.
    var upload: BulkUploadBody?
    var accept = "application/json"
    /// Whether sending it twice is harmless. Creates are not: they are resent only when the first attempt
    /// surely never reached Salesforce.
    var idempotent = true
    /// For logs and errors, e.g. `query Lead` (never the SOQL or record values).
    var operation: String
    /// The SOQL, when the request runs one: attached to errors so `MALFORMED_QUERY` can show the position.
    var soql: String?

    init(method: HTTPMethod, path: String, queryItems: [(name: String, value: String)] = [], body: Data? = nil,
         operation: String, soql: String? = nil) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.body = body
        self.operation = operation
        self.soql = soql
    }

    /// The request as sent to `instanceURL` with `session`'s token.
    func httpRequest(session: SalesforceSession) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: session.instanceURL + path + Self.queryString(queryItems))
        request.method = method
        request.headers.add(name: "Authorization", value: session.authorization)
        request.headers.add(name: "Accept", value: accept)
        request.headers.add(name: "User-Agent", value: "leadscore")
        if let upload {
            request.headers.add(name: "Content-Type", value: "text/csv")
            request.body = .stream(upload, length: .known(Int64(upload.length)))
        } else if let body {
            request.headers.add(name: "Content-Type", value: "application/json; charset=UTF-8")
            request.body = .bytes(ByteBuffer(data: body))
        }
        return request
    }

    /// `?a=1&b=2` with every value percent-encoded; empty for no items.
    static func queryString(_ items: [(name: String, value: String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { "\(percentEncoded($0.name))=\(percentEncoded($0.value))" }.joined(separator: "&")
    }

    /// RFC 3986 unreserved characters stay; everything else (spaces, quotes, `&`, `=`, `+`) is escaped, so a
    /// SOQL literal can never split a parameter.
    static func percentEncoded(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output.append("%")
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            }
        }
        return output
    }
}
