/// Classifies an email address by its domain, so a model can use "corporate vs free-mail" without
/// ever storing the address.
public enum EmailDomainClassifier {
    public enum DomainClass: String, Sendable, CaseIterable {
        case corporate, free, invalid
    }

    /// Consumer mail providers. Matching is on the registrable part, so `mail.yahoo.co.uk` is free.
    static let freeMailProviders: Set<String> = [
        "gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn", "aol", "icloud", "me",
        "mac", "gmx", "web", "mail", "protonmail", "proton", "yandex", "qq", "163", "126", "zoho", "fastmail",
        "tutanota", "hey", "rediffmail", "libero", "orange", "wanadoo", "free", "t-online", "comcast",
        "verizon", "att", "sbcglobal", "btinternet", "naver", "daum", "seznam", "wp", "o2", "laposte",
    ]

    public static func classify(_ email: String) -> DomainClass {
        let parts = email.lowercased().split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return .invalid }
        let labels = parts[1].split(separator: ".")
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return .invalid }
        // The provider name is the label before the public suffix: gmail.com, yahoo.co.uk, gmx.de.
        let suffixLength = labels.count >= 3 && ["co", "com", "net", "org"].contains(labels[labels.count - 2]) ? 2 : 1
        let provider = String(labels[labels.count - 1 - suffixLength])
        return freeMailProviders.contains(provider) ? .free : .corporate
    }
}
