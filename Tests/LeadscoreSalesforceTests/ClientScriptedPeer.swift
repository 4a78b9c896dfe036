import Foundation
import HTTPTypes
import Hummingbird
import LeadscoreSalesforce
import Logging
import NIOCore

/// TEST DOUBLE: a plain-HTTP server on 127.0.0.1 that answers from a script, so the client's HTTP
/// behaviour (paging, re-authentication, retries, chunking, Bulk locators) can be pinned without an org.
/// It is not a Salesforce emulator: each test scripts exactly the answers it needs, shaped like the
/// examples in Salesforce's documentation.
final class ScriptedPeer: @unchecked Sendable {
    /// A request as the peer saw it.
    struct Received: Sendable {
        let method: String
        let path: String
        let query: [String: String]
        let authorization: String?
        let contentType: String?
        let body: Data

        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        /// `application/x-www-form-urlencoded` fields.
        var form: [String: String] { ScriptedPeer.decodeQuery(String(decoding: body, as: UTF8.self)) }
    }

    /// What to answer.
    struct Reply: Sendable {
        var status = 200
        var headers: [String: String] = [:]
        var body = Data()
        /// Send only this many body bytes, then fail the stream (the connection closes mid-response).
        var cutAfter: Int?

        static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> Reply {
            var merged = headers
            merged["Content-Type"] = "application/json;charset=UTF-8"
            return Reply(status: status, headers: merged, body: Data(text.utf8))
        }

        static func csv(_ text: String, headers: [String: String] = [:], cutAfter: Int? = nil) -> Reply {
            var merged = headers
            merged["Content-Type"] = "text/csv"
            return Reply(status: 200, headers: merged, body: Data(text.utf8), cutAfter: cutAfter)
        }
    }

    typealias Script = @Sendable (_ request: Received, _ base: String) async -> Reply

    private let lock = NSLock()
    private var log: [Received] = []
    private let script: Script
    private(set) var base = ""

    private init(script: @escaping Script) {
        self.script = script
    }

    /// Every request received so far, in order.
    var received: [Received] {
        lock.withLock { log }
    }

    /// Requests other than the OAuth token endpoint.
    var apiRequests: [Received] { received.filter { $0.path != "/services/oauth2/token" } }
    var tokenRequests: [Received] { received.filter { $0.path == "/services/oauth2/token" } }

    /// Starts the peer on an ephemeral loopback port, runs `body` with its base URL, and stops it.
    static func run<T: Sendable>(_ script: @escaping Script,
                                 _ body: @escaping @Sendable (ScriptedPeer) async throws -> T) async throws -> T {
        let peer = ScriptedPeer(script: script)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "scripted-peer")
        logger.logLevel = .critical
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in try await peer.respond(to: request) },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
            peer.base = "http://127.0.0.1:\(port)"
            group.addTask { try await body(peer) }
            // The first task to finish is the test body (the server runs until cancelled).
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }

    private func respond(to request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 << 20)
        let received = Received(
            method: request.method.rawValue,
            path: request.uri.path,
            query: Self.decodeQuery(request.uri.query ?? ""),
            authorization: request.headers[.authorization],
            contentType: request.headers[.contentType],
            body: Data(body.readableBytesView)
        )
        lock.withLock { log.append(received) }
        let reply = await script(received, base)
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
        }
        let status = HTTPResponse.Status(code: reply.status)
        guard let cut = reply.cutAfter else {
            return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: Array(reply.body))))
        }
        let prefix = reply.body.prefix(cut)
        return Response(status: status, headers: fields, body: .init { writer in
            try await writer.write(ByteBuffer(bytes: Array(prefix)))
            throw CancellationError()
        })
    }

    static func decodeQuery(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            result[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return result
    }

    /// A successful token response for the refresh-token flow, with the peer as the instance.
    static func tokenReply(base: String, token: String) -> Reply {
        .json("""
        {"access_token":"\(token)","instance_url":"\(base)","id":"\(base)/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS",
         "token_type":"Bearer","issued_at":"1700000000000","signature":"c2lnbmF0dXJl"}
        """)
    }
}
