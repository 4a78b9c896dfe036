import Foundation
import Hummingbird
import Logging
import NIOCore

/// TEST DOUBLE: an incoming-webhook endpoint on 127.0.0.1 (plain HTTP) that keeps every JSON body posted
/// to it and answers 200 `ok` as Slack does, or `status` when a test wants the webhook to fail.
final class WebhookReceiver: @unchecked Sendable {
    private let lock = NSLock()
    private var bodies: [Data] = []
    private var answer = 200
    private(set) var url = ""

    /// Every message received, parsed as JSON objects.
    var messages: [[String: Any]] {
        lock.withLock { bodies }.compactMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }

    /// Answer every later post with `status` (e.g. 404, as Slack does for a revoked webhook).
    func answer(with status: Int) {
        lock.withLock { answer = status }
    }

    static func run<T: Sendable>(_ body: @escaping @Sendable (WebhookReceiver) async throws -> T) async throws -> T {
        let receiver = WebhookReceiver()
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in
                let data = try await request.body.collect(upTo: 1 << 20)
                let status = receiver.lock.withLock {
                    receiver.bodies.append(Data(data.readableBytesView))
                    return receiver.answer
                }
                return Response(status: .init(code: status), body: .init(byteBuffer: ByteBuffer(string: status == 200 ? "ok" : "no_service")))
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
            receiver.url = "http://127.0.0.1:\(port)/services/T000/B000/secret"
            group.addTask { try await body(receiver) }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }
}
