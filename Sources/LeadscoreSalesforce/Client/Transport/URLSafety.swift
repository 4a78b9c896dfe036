import Foundation

/// Decides which URLs may receive an access token or a secret.
///
/// Salesforce itself is https only. Plain http is accepted for loopback hosts, where a local test
/// server listens and nothing crosses a network; anywhere else it would send the bearer token in clear.
public enum URLSafety {
    static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "[::1]", "localhost"]

    /// Throws unless `url` is https, or http on a loopback host.
    public static func check(_ url: String, origin: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw SalesforceClientError.invalidArgument(
                name: origin, problem: "'\(url)' is not an absolute URL. Fix: write it as https://host, e.g. https://login.salesforce.com")
        }
        switch scheme {
        case "https":
            return
        case "http":
            if isLoopback(host) { return }
            throw SalesforceClientError.insecureURL(url: url, origin: origin)
        default:
            throw SalesforceClientError.invalidArgument(
                name: origin, problem: "'\(url)' uses \(scheme)://. Fix: use https://")
        }
    }

    /// A loopback name, or an IPv4 address in 127.0.0.0/8 written as one (`127.example.com` is a name
    /// anyone may register, not loopback).
    static func isLoopback(_ host: String) -> Bool {
        if loopbackHosts.contains(host.lowercased()) { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
