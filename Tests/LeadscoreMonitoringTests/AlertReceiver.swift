import Foundation
import Hummingbird
import Logging

/// TEST DOUBLE: an incoming-webhook endpoint on 127.0.0.1 (plain HTTP, port 0) that keeps every body
/// posted to it and answers as scripted: the queued statuses first (each with `Retry-After: 0`, so a
/// retry waits no time), then `200 ok` as Slack does. Follows LeadscoreSyncTests' `WebhookReceiver`.
final class AlertReceiver: @unchecked Sendable {
    private let lock = NSLock()
    private var bodies: [Data] = []
    private var accepted: [Data] = []
    private var script: [Int] = []
    private var fallback = 200
    private(set) var url = ""

    /// Every body received, as text, in arrival order (failed attempts included).
    var posts: [String] {
        lock.withLock { bodies }.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bodies of the posts answered 2xx, parsed as JSON objects.
    var messages: [[String: Any]] {
        lock.withLock { accepted }.compactMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }

    /// Answer the next posts with `statuses`, one each, then `status` for every later one.
    func answer(_ statuses: [Int], thenAlways status: Int = 200) {
        lock.withLock {
            script = statuses
            fallback = status
        }
    }

    private func receive(_ body: Data) -> Int {
        lock.withLock {
            bodies.append(body)
            let status = script.isEmpty ? fallback : script.removeFirst()
            if (200..<300).contains(status) { accepted.append(body) }
            return status
        }
    }

    static func run<T: Sendable>(_ body: @escaping @Sendable (AlertReceiver) async throws -> T) async throws -> T {
        let receiver = AlertReceiver()
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "alert-receiver")
        logger.logLevel = .critical
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in
                let data = try await request.body.collect(upTo: 1 << 20)
                let status = receiver.receive(Data(data.readableBytesView))
                var headers = HTTPFields()
                if status != 200 { headers[.retryAfter] = "0" }
                return Response(status: .init(code: status), headers: headers,
                                body: .init(byteBuffer: ByteBuffer(string: status == 200 ? "ok" : "no_service")))
            },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
            receiver.url = "http://127.0.0.1:\(port)/services/T000/B000/secret-token"
            group.addTask { try await body(receiver) }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }
}
