import Foundation
import JWTKit
import NIOConcurrencyHelpers

/// Proves who is calling from an `Authorization: Bearer …` value: an API key checked against the
/// store (cached briefly so a revocation takes effect within `keyCacheSeconds`), or an access token
/// this service signed. Issues tokens for the OAuth 2.0 client-credentials grant.
public final class Authenticator: Sendable {
    private let store: (any ServiceStore)?
    /// The single key of `serve --bundle` (from LEADSCORE_API_KEY), if any.
    private let staticKey: String?
    private let keys: JWTKeyCollection
    public let tokenLifetime: TimeInterval
    private let keyCacheSeconds: Double
    private let cache = NIOLockedValueBox<[String: (key: StoredAPIKey?, fetched: Double)]>([:])

    /// - Parameters:
    ///   - tokenSecret: the HMAC secret that signs access tokens; every server sharing a store must use the same one.
    public init(store: (any ServiceStore)?, staticKey: String?, tokenSecret: String, tokenLifetime: TimeInterval,
                keyCacheSeconds: Double = 5) async {
        self.store = store
        self.staticKey = staticKey
        self.tokenLifetime = tokenLifetime
        self.keyCacheSeconds = keyCacheSeconds
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: tokenSecret), digestAlgorithm: .sha256)
    }

    /// The caller behind a bearer credential, or nil when it proves nothing.
    public func identify(bearer credential: String) async -> ClientIdentity? {
        if let staticKey, Self.constantTimeEquals(credential, staticKey) {
            return ClientIdentity(client: "default", keyId: "static", scopes: [.score, .admin])
        }
        if let (id, secret) = APIKeyMaker.split(credential) {
            guard let key = await storedKey(id: id), key.revokedAt == nil,
                  APIKeyMaker.matches(secret, expected: key.secretSHA256) else { return nil }
            return ClientIdentity(client: key.client, keyId: key.id, scopes: key.scopes)
        }
        guard credential.split(separator: ".").count == 3,
              let token = try? await keys.verify(credential, as: AccessToken.self) else { return nil }
        // A token dies with its key: revoking a key also stops the tokens issued for it.
        if store != nil {
            guard let key = await storedKey(id: token.sub.value), key.revokedAt == nil else { return nil }
        }
        return ClientIdentity(client: token.client, keyId: token.sub.value, scopes: token.scopes)
    }

    /// What a token request gets.
    public enum TokenGrant: Sendable, Equatable {
        case issued(token: String, scopes: Set<Scope>)
        /// The client id and secret do not match an active key.
        case invalidClient
        /// The request asked for scopes the key does not hold (RFC 6749 §5.2 `invalid_scope`).
        case invalidScope(missing: Set<Scope>)

        /// The signed token, when one was issued.
        public var token: String? {
            guard case let .issued(token, _) = self else { return nil }
            return token
        }
    }

    /// A signed access token for a client id and secret, carrying `requested` scopes (default: all of the
    /// key's). Least privilege: a token never holds more than was asked for, nor more than the key holds.
    public func issueToken(clientId: String, clientSecret: String, requested: Set<Scope>? = nil,
                           now: Date = Date()) async -> TokenGrant {
        guard let key = await storedKey(id: clientId), key.revokedAt == nil,
              APIKeyMaker.matches(clientSecret, expected: key.secretSHA256) else { return .invalidClient }
        let scopes = requested ?? key.scopes
        guard scopes.isSubset(of: key.scopes) else { return .invalidScope(missing: scopes.subtracting(key.scopes)) }
        let token = AccessToken(sub: .init(value: key.id), client: key.client,
                                scope: scopes.sorted().map(\.rawValue).joined(separator: " "),
                                aud: .init(value: [AccessToken.audience]), iat: .init(value: now),
                                exp: .init(value: now.addingTimeInterval(tokenLifetime)))
        guard let signed = try? await keys.sign(token) else { return .invalidClient }
        return .issued(token: signed, scopes: scopes)
    }

    private func storedKey(id: String) async -> StoredAPIKey? {
        let now = Date().timeIntervalSince1970
        if let cached = cache.withLockedValue({ $0[id] }), now - cached.fetched < keyCacheSeconds { return cached.key }
        guard let store else { return nil }
        let key = try? await store.apiKey(id: id)
        cache.withLockedValue { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[id] = (key, now)
        }
        return key
    }

    static func constantTimeEquals(_ left: String, _ right: String) -> Bool {
        APIKeyMaker.matches(left, expected: APIKeyMaker.digest(right))
    }
}
