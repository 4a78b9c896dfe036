import NIOCore
import NIOPosix

/// A TCP listener on loopback that accepts connections and never answers: a database host that hangs.
struct SilentPeer {
    let channel: any Channel

    var port: Int { channel.localAddress?.port ?? 0 }

    static func start() async throws -> SilentPeer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { $0.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        return SilentPeer(channel: channel)
    }

    func stop() async throws {
        try await channel.close()
    }
}
