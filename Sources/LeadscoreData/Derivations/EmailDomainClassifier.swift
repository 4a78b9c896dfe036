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
        ASCIIText.withBytes(of: email, classifyASCII) ?? classifyUnicode(email)
    }

    /// `classifyUnicode`'s rules on ASCII bytes, without building the lowercased text and its parts
    /// (this runs on every lead of a snapshot and a scored batch).
    private static func classifyASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> DomainClass {
        let at = UInt8(ascii: "@"), dot = UInt8(ascii: ".")
        guard let sign = bytes.firstIndex(of: at), sign > 0, bytes[(sign + 1)...].firstIndex(of: at) == nil else {
            return .invalid
        }
        // The domain's labels (runs between dots, empty ones skipped), from the last: the last three and the count.
        var labels: [Range<Int>] = []
        var count = 0
        var end = bytes.count
        var index = bytes.count - 1
        while index >= sign {
            if index == sign || bytes[index] == dot {
                if index + 1 < end {
                    count += 1
                    if labels.count < 3 { labels.append((index + 1)..<end) }
                }
                end = index
            }
            index -= 1
        }
        guard count >= 2 else { return .invalid }
        func lowercased(_ range: Range<Int>) -> String { ASCIIText.lowercased(bytes[range]) }
        let suffixLength = count >= 3 && genericSecondLevels.contains(lowercased(labels[1])) ? 2 : 1
        return freeMailProviders.contains(lowercased(labels[suffixLength])) ? .free : .corporate
    }

    static func classifyUnicode(_ email: String) -> DomainClass {
        let parts = email.lowercased().split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return .invalid }
        let labels = parts[1].split(separator: ".")
        guard labels.count >= 2 else { return .invalid }
        // The provider name is the label before the public suffix: gmail.com, yahoo.co.uk, gmx.de.
        let suffixLength = labels.count >= 3 && genericSecondLevels.contains(String(labels[labels.count - 2])) ? 2 : 1
        let provider = String(labels[labels.count - 1 - suffixLength])
        return freeMailProviders.contains(provider) ? .free : .corporate
    }

    /// Second-level labels of public suffixes such as `co.uk` and `com.au`.
    private static let genericSecondLevels: Set<String> = ["co", "com", "net", "org"]
}
