/// The server's own `https://127.0.0.1:PORT` origin, known once the listener is bound (`--port 0`
/// lets the system choose). The token endpoint answers it as `instance_url` and accepts it as a JWT
/// audience, like an org's My Domain URL.
actor ServerOrigin {
    private(set) var port: Int?

    func bound(to port: Int) {
        self.port = port
    }

    /// `https://127.0.0.1:PORT`, or `nil` before the listener is bound.
    var url: String? {
        port.map { "https://127.0.0.1:\($0)" }
    }

    /// The audiences a JWT bearer assertion may name: this server (by address or name) and Salesforce's
    /// production and sandbox login URLs, which clients written for a real org use.
    var audiences: [String] {
        var accepted = ["https://login.salesforce.com", "https://test.salesforce.com"]
        if let port { accepted += ["https://127.0.0.1:\(port)", "https://localhost:\(port)"] }
        return accepted
    }
}
