import Logging
import NIOCore
import Synchronization

/// Caps the open connections of one server: a connection past `limit` is closed as soon as it is
/// accepted, before it can hold memory or a file descriptor. With the idle timeout (which closes a
/// connection that sends no complete request, such as half a header), slow clients cannot pile up.
final class ConnectionCap: Sendable {
    let limit: Int
    private let open = Atomic<Int>(0)
    private let metrics: ServiceMetrics
    private let logger: Logger

    init(limit: Int, metrics: ServiceMetrics, logger: Logger) {
        self.limit = limit
        self.metrics = metrics
        self.logger = logger
    }

    /// Connections counted now.
    var openConnections: Int { open.load(ordering: .relaxed) }

    /// A handler for one new connection's pipeline.
    func handler() -> Handler { Handler(cap: self) }

    fileprivate func admit() -> Bool {
        let count = open.add(1, ordering: .relaxed).newValue
        guard count > limit else { return true }
        metrics.connectionRefused()
        if count == limit + 1 {
            logger.warning("connection cap reached: refusing new connections", metadata: ["max_connections": "\(limit)"])
        }
        return false
    }

    fileprivate func release() {
        open.subtract(1, ordering: .relaxed)
    }

    /// Counts its connection while it is open; closes it at once when the cap is reached.
    final class Handler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = Any

        private let cap: ConnectionCap
        private var counted = false

        fileprivate init(cap: ConnectionCap) {
            self.cap = cap
        }

        func handlerAdded(context: ChannelHandlerContext) {
            if context.channel.isActive { count(context) }
        }

        func channelActive(context: ChannelHandlerContext) {
            count(context)
            context.fireChannelActive()
        }

        func channelInactive(context: ChannelHandlerContext) {
            uncount()
            context.fireChannelInactive()
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            uncount()
        }

        private func count(_ context: ChannelHandlerContext) {
            guard !counted else { return }
            counted = true
            if !cap.admit() { context.close(promise: nil) }
        }

        private func uncount() {
            guard counted else { return }
            counted = false
            cap.release()
        }
    }
}

@available(*, unavailable)
extension ConnectionCap.Handler: Sendable {}
