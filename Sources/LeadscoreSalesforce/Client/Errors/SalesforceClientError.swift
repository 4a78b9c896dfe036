/// Failures that are not a Salesforce error body: the network, TLS, an answer that breaks the documented
/// shape, a Bulk job that failed, or a request the client refuses to send. Each says what to do.
public enum SalesforceClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No answer (connection refused or reset, timeout, TLS closed mid-response) through every attempt.
    case unreachable(operation: String, attempts: Int, reason: String)
    /// The server's certificate is not trusted.
    case untrustedCertificate(host: String, reason: String)
    /// The answer does not have the shape Salesforce documents (a proxy, a truncated body, a wrong URL).
    case invalidResponse(operation: String, problem: String)
    /// A Bulk API 2.0 query job ended `Failed` or `Aborted`.
    case bulkJobFailed(jobId: String, state: String, message: String)
    /// A Bulk API 2.0 query job was still running when `bulk_timeout_minutes` ran out.
    case bulkJobTimedOut(jobId: String, state: String, minutes: Int)
    /// A plain-HTTP URL for a non-loopback host: the access token would cross the network unencrypted.
    case insecureURL(url: String, origin: String)
    /// An argument the client will not put in a URL or a request (an object name with a slash, an empty list).
    case invalidArgument(name: String, problem: String)

    public var description: String {
        switch self {
        case let .unreachable(operation, attempts, reason):
            return "\(operation) got no answer from Salesforce after \(attempts) attempt\(attempts == 1 ? "" : "s") "
                + "(\(reason)). Fix: check the network, salesforce.login_url and the proxy settings; "
                + "raise salesforce.timeout_seconds if large pages time out"
        case let .untrustedCertificate(host, reason):
            return "the TLS certificate of \(host) is not trusted (\(reason)). Fix: for a server with a private or "
                + "self-signed CA, put its CA certificate (PEM) in a file and set salesforce.ca_file to it"
        case let .invalidResponse(operation, problem):
            return "\(operation) got an answer Salesforce does not send: \(problem). Fix: check that salesforce.login_url "
                + "points at a Salesforce org (not a proxy's login page), then run again"
        case let .bulkJobFailed(jobId, state, message):
            return "Bulk API query job \(jobId) ended \(state): \(message). Fix: the message names the problem; the job "
                + "and its details are in Setup → Bulk Data Load Jobs"
        case let .bulkJobTimedOut(jobId, state, minutes):
            return "Bulk API query job \(jobId) was still \(state) after \(minutes) minutes. Fix: check it in Setup → "
                + "Bulk Data Load Jobs, or raise salesforce.bulk_timeout_minutes"
        case let .insecureURL(url, origin):
            return "\(origin) \(url) uses plain http:// for a host that is not loopback. Fix: use https:// "
                + "(http:// is accepted only for 127.0.0.1, ::1 and localhost)"
        case let .invalidArgument(name, problem):
            return "\(name) \(problem)"
        }
    }
}
