import Hummingbird

/// Per-request state: the request id every log line, audit row and error carries, and the caller
/// once authenticated.
public struct ServiceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestId = ""
    public var identity: ClientIdentity?

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
