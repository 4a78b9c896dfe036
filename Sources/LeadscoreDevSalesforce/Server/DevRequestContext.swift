import Hummingbird
import NIOCore

/// Per-request state: the connection (so a dropped-connection fault can close it without answering)
/// and the API version of a `/services/data/vXX.X` call once the session middleware accepted it.
struct DevRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel
    var apiVersion = DevSalesforce.latestAPIVersion

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
