import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// Per-request state: the request id every log line, audit row and error carries, the peer's
/// address, and the caller once authenticated.
public struct ServiceContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestId = ""
    public var identity: ClientIdentity? {
        didSet { caller.withLockedValue { $0 = identity?.client } }
    }
    /// The connected peer (nil in router tests without a socket).
    public let remoteAddress: SocketAddress?
    /// The authenticated client id, seen by the outer middleware too: a context is a value, so the copy
    /// auth fills in is not the one the request log holds.
    let caller = NIOLockedValueBox<String?>(nil)

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The peer's IP address, for the authentication back-off.
    var sourceAddress: String? { remoteAddress?.ipAddress }
}
