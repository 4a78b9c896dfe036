import LeadscoreData

/// Random identifiers and secrets from the system's cryptographic generator: demo credentials, access
/// tokens and cursor ids must not be guessable, even on a laptop.
enum RandomText {
    static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    static let hexDigits = Array("0123456789ABCDEF")

    static func make(count: Int, alphabet: [Character] = base62) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// An 18-character Salesforce Id with the key `prefix`, pod `5e0` and random digits.
    static func salesforceId(prefix: String) -> String {
        SalesforceId.caseSafe(prefix + "5e0" + make(count: 9))
    }
}
