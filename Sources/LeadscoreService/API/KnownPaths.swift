/// The API's paths and their methods, as the OpenAPI document lists them: another method on one of
/// these paths, whatever it is (`DELETE`, `QUERY`, …), is 405 with `Allow` (RFC 9110 §15.5.6), not the
/// 404 Hummingbird's router gives for any request it has no route for. Taking the paths from the
/// document keeps the document and the server from disagreeing.
struct KnownPaths: Sendable {
    private let templates: [(segments: [Substring], allowed: [String])]

    /// - Parameter methods: path templates (`/v1/jobs/{jobId}`) and their methods, upper-cased.
    init(_ methods: [String: [String]]) {
        templates = methods.map { (segments: $0.key.split(separator: "/"), allowed: $0.value.sorted()) }
    }

    /// The methods `path` has, or nil when it is no known path.
    func allowed(for path: String) -> [String]? {
        let segments = path.split(separator: "/")
        return templates.first { template in
            template.segments.count == segments.count && zip(template.segments, segments).allSatisfy { pattern, segment in
                pattern.hasPrefix("{") && pattern.hasSuffix("}") || pattern == segment
            }
        }?.allowed
    }
}
