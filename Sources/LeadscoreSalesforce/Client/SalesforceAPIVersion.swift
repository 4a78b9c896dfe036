import LeadscoreData

/// A REST API version such as `62.0`, as it appears in `/services/data/v62.0/`.
public struct SalesforceAPIVersion: Sendable, Equatable, CustomStringConvertible {
    public static let defaultVersion = SalesforceAPIVersion(major: 62)

    public let major: Int

    public init(major: Int) {
        self.major = major
    }

    /// Reads `62.0`, `v62.0` or `62`; versions before 31.0 lack the endpoints leadscore uses.
    public init(parsing text: String, source: String) throws {
        var body = Substring(text)
        if body.hasPrefix("v") { body = body.dropFirst() }
        if body.hasSuffix(".0") { body = body.dropLast(2) }
        guard let major = Int(body), (31...99).contains(major) else {
            throw InputError(source: source, field: "api_version", problem: "'\(text)' is not a Salesforce API version",
                             fix: "write it as 62.0 (Setup → Apex Classes → API version shows what your org supports)")
        }
        self.major = major
    }

    /// `v62.0`, the path segment.
    public var pathSegment: String { "v\(major).0" }
    public var description: String { "\(major).0" }
}
