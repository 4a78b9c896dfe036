import NIOCore
import NIOPosix

/// A raw HTTP/1.1 exchange over loopback, for requests the test client cannot make (a chunked body,
/// many at once on their own connections): writes `request` as given and returns everything the server
/// sent until it closed the connection.
enum RawHTTP {
    /// - Parameter source: the local address to connect from (any of 127.0.0.0/8 is loopback on Linux),
    ///   so a test can be two clients on two sources.
    /// - Parameter limit: how long to wait for the server to close before failing the test with
    ///   `TimedOut` rather than hanging it.
    static func exchange(_ request: String, port: Int, from source: String = "127.0.0.1",
                         limit: Duration = .seconds(60)) async throws -> String {
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await exchangeUnbounded(request, port: port, from: source) }
            group.addTask {
                try await Task.sleep(for: limit)
                throw TimedOut(limit: limit)
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    struct TimedOut: Error, CustomStringConvertible {
        var limit: Duration
        var description: String { "the server kept the connection open for more than \(limit)" }
    }

    private static func exchangeUnbounded(_ request: String, port: Int, from source: String) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(to: try SocketAddress(ipAddress: source, port: 0))
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: request))
            var answer = ""
            for try await buffer in inbound { answer += String(buffer: buffer) }
            return answer
        }
    }

    /// A POST whose body goes as one chunk of `body` (Transfer-Encoding: chunked, no Content-Length).
    static func chunkedPost(_ path: String, body: String, headers: [String: String]) -> String {
        var lines = ["POST \(path) HTTP/1.1", "Host: 127.0.0.1", "Transfer-Encoding: chunked", "Connection: close"]
        lines += headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        return lines.joined(separator: "\r\n") + "\r\n\r\n"
            + String(body.utf8.count, radix: 16) + "\r\n" + body + "\r\n0\r\n\r\n"
    }

    /// A POST with a Content-Length body on its own connection, closed after the answer.
    static func post(_ path: String, body: String, headers: [String: String]) -> String {
        var lines = ["POST \(path) HTTP/1.1", "Host: 127.0.0.1", "Content-Length: \(body.utf8.count)", "Connection: close"]
        lines += headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    /// The status code, head (status line and headers) and body of a raw answer with a Content-Length body.
    static func parse(_ answer: String) -> (status: Int, body: String, head: String) {
        let parts = answer.components(separatedBy: "\r\n\r\n")
        let status = parts.first?.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, parts.dropFirst().joined(separator: "\r\n\r\n"), parts.first ?? "")
    }

    /// Polls `condition` every 20 ms until it holds or `limit` passes; returns whether it held. A bound
    /// for liveness (something must happen), not a speed check.
    static func eventually(within limit: Duration = .seconds(30), _ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}
