import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Sorts an error thrown while sending a request or reading its answer into what the retry loop does.
///
/// Connection resets, timeouts, and a TLS stream cut mid-response are the weather of long extracts
/// (proxies recycle connections, Salesforce moves pods): they are retried. A certificate that does not
/// verify will not verify next time either, and cancellation means the caller has stopped.
enum TransportFailure: Equatable {
    /// Worth another attempt. `requestMayHaveArrived` is false when the failure happened before the request
    /// left (connection refused, connect timeout): safe to resend even a non-idempotent create.
    case retriable(reason: String, requestMayHaveArrived: Bool)
    case untrustedCertificate(reason: String)
    case final

    static func classify(_ error: any Error) -> TransportFailure {
        if error is CancellationError { return .final }
        if error is SalesforceAPIError || error is SalesforceAuthError || error is SalesforceClientError
            || error is SalesforceJSONError {
            return .final
        }
        if let clientError = error as? HTTPClientError { return classify(clientError) }
        if let sslError = error as? NIOSSLError { return classify(sslError) }
        if error is NIOSSLExtraError { return .untrustedCertificate(reason: "\(error)") }
        if let parserError = error as? HTTPParserError {
            // The connection closed before the body's end (a cut chunked stream): the answer is incomplete.
            if parserError == .invalidEOFState || parserError == .closedConnection {
                return .retriable(reason: "connection closed mid-response", requestMayHaveArrived: true)
            }
            return .final
        }
        if let ioError = error as? IOError {
            let refused = ioError.errnoCode == ECONNREFUSED
            return .retriable(reason: refused ? "connection refused" : "I/O error \(ioError.errnoCode)",
                              requestMayHaveArrived: !refused)
        }
        if let channelError = error as? ChannelError {
            if case .connectTimeout = channelError { return .retriable(reason: "connect timeout", requestMayHaveArrived: false) }
            return .retriable(reason: "connection closed (\(channelError))", requestMayHaveArrived: true)
        }
        // NIO's connection errors (NIOConnectionError, DNS failures) come from modules leadscore does not link;
        // they all mean the connection was never made.
        let typeName = String(describing: type(of: error))
        if typeName.contains("Connect") || typeName.contains("Resolver") {
            return .retriable(reason: "cannot connect (\(typeName))", requestMayHaveArrived: false)
        }
        return .final
    }

    private static func classify(_ error: HTTPClientError) -> TransportFailure {
        switch error {
        case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
            return .retriable(reason: "\(error)", requestMayHaveArrived: false)
        case .remoteConnectionClosed, .readTimeout, .writeTimeout, .deadlineExceeded, .uncleanShutdown,
             .bodyLengthMismatch:
            return .retriable(reason: "\(error)", requestMayHaveArrived: true)
        default:
            return .final
        }
    }

    private static func classify(_ error: NIOSSLError) -> TransportFailure {
        switch error {
        case .uncleanShutdown:
            return .retriable(reason: "TLS connection closed mid-response", requestMayHaveArrived: true)
        case let .handshakeFailed(reason):
            let text = "\(reason)"
            if text.contains("CERTIFICATE") || text.contains("certificate") {
                return .untrustedCertificate(reason: text)
            }
            return .retriable(reason: "TLS handshake failed", requestMayHaveArrived: false)
        default:
            return .retriable(reason: "TLS error (\(error))", requestMayHaveArrived: true)
        }
    }
}
