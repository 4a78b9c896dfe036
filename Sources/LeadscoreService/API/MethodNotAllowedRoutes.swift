import Hummingbird

/// Any other method on a known path is 405 with `Allow` (RFC 9110 §15.5.6), not 404: Hummingbird's
/// router answers both cases as not found. The known paths and methods are the OpenAPI document's,
/// so the document and the server cannot disagree.
struct MethodNotAllowedRoutes {
    /// Path templates (`/v1/jobs/{jobId}`) and the methods each one has, upper-cased.
    let paths: [String: [String]]

    static let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options, .trace]

    func add(to router: Router<ServiceContext>) {
        for (template, allowed) in paths {
            let path = RouterPath(Self.routerPath(template))
            let allow = allowed.sorted().joined(separator: ", ")
            for method in Self.methods where !allowed.contains(method.rawValue) {
                router.on(path, method: method) { request, _ -> Response in
                    throw APIError(.methodNotAllowed, code: "method_not_allowed",
                                   message: "\(request.method) is not allowed on \(request.uri.path); use \(allow)",
                                   headers: [.allow: allow])
                }
            }
        }
    }

    /// `/v1/jobs/{jobId}` as the router writes it: `/v1/jobs/:jobId`.
    static func routerPath(_ template: String) -> String {
        template.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : segment
        }.joined(separator: "/")
    }
}
