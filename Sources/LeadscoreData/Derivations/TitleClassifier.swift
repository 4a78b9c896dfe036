/// Reads seniority and function out of a free-text job title by keywords, so a model can use them
/// without the title itself (which the contract may treat as personal data).
public enum TitleClassifier {
    public enum Seniority: String, Sendable, CaseIterable {
        case cLevel = "c_level", vp, director, manager, individual, entry, unknown
    }

    public enum Function: String, Sendable, CaseIterable {
        case sales, marketing, it, finance, operations, hr, executive, other
    }

    /// Checked in order: the first rule whose keyword appears wins ("Assistant to the CEO" is entry,
    /// "VP, Chief of Staff" is vp), so the more specific phrases come first.
    private static let seniorityRules: [(Seniority, [String])] = [
        (.entry, ["intern", "assistant", "student", "trainee", "apprentice", "junior", "jr"]),
        (.vp, ["vp", "vice president", "svp", "evp", "avp"]),
        (.cLevel, ["chief", "ceo", "cfo", "cto", "cmo", "coo", "cio", "cro", "ciso", "founder", "owner",
                   "president", "managing director", "partner", "principal"]),
        (.director, ["director", "head of", "head"]),
        (.manager, ["manager", "lead", "supervisor", "mgr"]),
        (.individual, ["specialist", "analyst", "engineer", "consultant", "associate", "executive",
                       "coordinator", "representative", "rep", "developer", "administrator", "admin",
                       "architect", "scientist", "accountant", "designer", "officer", "advisor", "agent"]),
    ]

    private static let functionRules: [(Function, [String])] = [
        (.executive, ["ceo", "founder", "owner", "president", "general manager", "managing director", "chief executive", "coo"]),
        (.marketing, ["marketing", "cmo", "brand", "growth", "demand", "content", "communications", "seo"]),
        (.sales, ["sales", "account executive", "business development", "bdr", "sdr", "cro", "revenue", "account manager"]),
        (.it, ["it", "cto", "cio", "ciso", "engineer", "engineering", "developer", "software", "technology", "data",
               "security", "systems", "devops", "architect", "technical"]),
        (.finance, ["finance", "cfo", "financial", "accountant", "accounting", "controller", "treasurer"]),
        (.hr, ["hr", "human resources", "people", "talent", "recruit", "recruiter", "recruiting"]),
        (.operations, ["operations", "ops", "procurement", "supply", "logistics", "facilities", "coo"]),
    ]

    public static func seniority(of title: String) -> Seniority {
        let words = normalizedWords(title)
        for (level, keywords) in seniorityRules where keywords.contains(where: { contains(words, $0) }) {
            return level
        }
        return .unknown
    }

    public static func function(of title: String) -> Function {
        let words = normalizedWords(title)
        for (function, keywords) in functionRules where keywords.contains(where: { contains(words, $0) }) {
            return function
        }
        return .other
    }

    /// Lower-cased words with punctuation removed, padded with spaces for whole-word matching.
    private static func normalizedWords(_ title: String) -> String {
        let letters = title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }
        return " " + String(letters).split(separator: " ").joined(separator: " ") + " "
    }

    private static func contains(_ words: String, _ keyword: String) -> Bool {
        words.contains(" \(keyword) ")
    }
}
