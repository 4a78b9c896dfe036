import Crypto
import Foundation
import LeadscoreData

/// Makes and reads API keys of the form `lsk_<12 hex id>.<secret>`. The id is public (and is the
/// OAuth client id); the secret is shown once and stored only as its SHA-256.
public enum APIKeyMaker {
    public static let idPrefix = "lsk_"

    /// A new key for `client`: the text to hand over once, and what to store.
    public static func make(client: String, scopes: Set<Scope>, at date: Date = Date()) -> (key: String, stored: StoredAPIKey) {
        let id = idPrefix + randomHex(bytes: 6)
        let secret = randomBase64URL(bytes: 30)
        let stored = StoredAPIKey(id: id, client: client, secretSHA256: digest(secret), scopes: scopes, createdAt: date)
        return ("\(id).\(secret)", stored)
    }

    /// The id and secret of a presented key, or nil when it is not shaped like one.
    public static func split(_ key: String) -> (id: String, secret: String)? {
        guard key.hasPrefix(idPrefix), let dot = key.firstIndex(of: ".") else { return nil }
        let id = String(key[..<dot])
        let secret = String(key[key.index(after: dot)...])
        guard id.count == idPrefix.count + 12, !secret.isEmpty else { return nil }
        return (id, secret)
    }

    public static func digest(_ secret: String) -> Data {
        Data(SHA256.hash(data: Data(secret.utf8)))
    }

    /// True when `secret` hashes to `expected`, comparing every byte whatever the first difference.
    public static func matches(_ secret: String, expected: Data) -> Bool {
        let actual = digest(secret)
        guard actual.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(actual, expected) { difference |= left ^ right }
        return difference == 0
    }

    static func randomHex(bytes: Int) -> String {
        Checksum.hex((0..<bytes).map { _ in UInt8.random(in: 0...255) })
    }

    static func randomBase64URL(bytes: Int) -> String {
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
