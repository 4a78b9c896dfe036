import Foundation
import Hummingbird
import NIOCore

/// `POST /v1/score` and `POST /v1/score/batch`.
struct ScoreRoutes {
    let scoring: ScoringService
    let maxBodyBytes: Int
    let maxBatchLeads: Int

    func add(to group: RouterGroup<ServiceContext>) {
        group.post("score") { request, context in
            let body = try await Self.body(request, limit: maxBodyBytes)
            let reply = try await scoring.scoreOne(body: body, identity: context.identity!, requestId: context.requestId,
                                                   idempotencyKey: try Self.idempotencyKey(request))
            return Self.response(reply)
        }
        group.post("score/batch") { request, context in
            let body = try await Self.body(request, limit: maxBodyBytes)
            let reply = try await scoring.scoreBatch(body: body, identity: context.identity!, requestId: context.requestId,
                                                     idempotencyKey: try Self.idempotencyKey(request), limit: maxBatchLeads)
            return Self.response(reply)
        }
    }

    static func response(_ reply: ScoringService.Reply) -> Response {
        var response = RequestMiddleware.json(data: reply.body, status: .init(code: reply.status))
        if reply.replayed { response.headers[.init("Idempotent-Replayed")!] = "true" }
        return response
    }

    /// The whole body, refused with 413 past `limit`; with `json`, 415 unless it is declared as JSON
    /// (`application/json` or a `+json` type, any parameters).
    static func body(_ request: Request, limit: Int, json: Bool = true) async throws -> Data {
        if json {
            let type = request.headers[.contentType]
            let mediaType = type?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json")) else {
                let problem = type.map { "Content-Type \($0.prefix(80)) is not accepted" } ?? "the request has no Content-Type"
                throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "\(problem); send application/json",
                               details: [.init(field: "Content-Type", code: "unsupported", message: "send Content-Type: application/json")])
            }
        }
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError.tooLarge(limit: limit)
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Data(buffer: buffer)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.tooLarge(limit: limit)
        } catch is NIOTooManyBytesError {
            // A body without Content-Length (chunked) is only found too large while it is collected.
            throw APIError.tooLarge(limit: limit)
        }
    }

    /// The `Idempotency-Key` header: 1–255 printable ASCII characters.
    static func idempotencyKey(_ request: Request) throws -> String? {
        guard let key = request.headers[.init("Idempotency-Key")!] else { return nil }
        guard (1...255).contains(key.count), key.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw APIError.badRequest(field: "Idempotency-Key", "Idempotency-Key must be 1 to 255 printable ASCII characters, e.g. a UUID")
        }
        return key
    }
}
