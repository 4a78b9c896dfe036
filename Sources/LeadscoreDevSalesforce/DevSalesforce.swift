/// A local Salesforce-compatible server: serves a sample org (held in SQLite) over HTTPS on loopback
/// with Salesforce's documented wire shapes, for tests, the demo and users' sandboxes.
/// ``DevSalesforceServer`` runs it; docs/dev-salesforce.md says what it implements and refuses.
public enum DevSalesforce {
    /// The API version the server advertises last (newest) in `/services/data`.
    public static let latestAPIVersion = "62.0"

    /// The oldest version served: 31.0 (Summer '14), the first the REST API Developer Guide's version
    /// list still documents.
    static let oldestMajorVersion = 31

    /// Every version served, oldest first, as `GET /services/data/` lists them:
    /// `{"label": "Winter '25", "url": "/services/data/v62.0", "version": "62.0"}`.
    static var versions: [(version: String, label: String)] {
        let newest = Int(latestAPIVersion.dropLast(2)) ?? 62
        return (oldestMajorVersion...newest).map { major in
            // Three releases a year: 31.0 is Summer '14, 32.0 Winter '15, 33.0 Spring '15, …
            let step = major - oldestMajorVersion
            let season = ["Summer", "Winter", "Spring"][step % 3]
            let year = 14 + (step + 2) / 3
            return ("\(major).0", "\(season) '\(year)")
        }
    }

    /// The served version named by a path segment such as `v62.0`, or `nil` when it is not served.
    static func version(fromPathSegment segment: String) -> String? {
        guard segment.hasPrefix("v") else { return nil }
        let number = String(segment.dropFirst())
        return versions.contains { $0.version == number } ? number : nil
    }
}
