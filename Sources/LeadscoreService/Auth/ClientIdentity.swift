/// Who is calling, as proven by an API key or an access token.
public struct ClientIdentity: Sendable, Equatable {
    /// The client name: rate limits, idempotency and audit rows are per client.
    public var client: String
    /// The API key behind the call (directly or through a token).
    public var keyId: String
    public var scopes: Set<Scope>

    public init(client: String, keyId: String, scopes: Set<Scope>) {
        self.client = client
        self.keyId = keyId
        self.scopes = scopes
    }
}
