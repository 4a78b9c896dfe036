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
    private static let seniorityRules: [(Seniority, [Keyword])] = compile([
        (.entry, ["intern", "assistant", "student", "trainee", "apprentice", "junior", "jr"]),
        (.vp, ["vp", "vice president", "svp", "evp", "avp"]),
        (.cLevel, ["chief", "ceo", "cfo", "cto", "cmo", "coo", "cio", "cro", "ciso", "founder", "owner",
                   "president", "managing director", "partner", "principal"]),
        (.director, ["director", "head of", "head"]),
        (.manager, ["manager", "lead", "supervisor", "mgr"]),
        (.individual, ["specialist", "analyst", "engineer", "consultant", "associate", "executive",
                       "coordinator", "representative", "rep", "developer", "administrator", "admin",
                       "architect", "scientist", "accountant", "designer", "officer", "advisor", "agent"]),
    ])

    private static let functionRules: [(Function, [Keyword])] = compile([
        (.marketing, ["marketing", "cmo", "brand", "growth", "demand", "content", "communications", "seo"]),
        (.sales, ["sales", "account executive", "business development", "bdr", "sdr", "cro", "revenue", "account manager"]),
        (.it, ["it", "cto", "cio", "ciso", "engineer", "engineering", "developer", "software", "technology", "data",
               "security", "systems", "devops", "architect", "technical", "information"]),
        (.finance, ["finance", "cfo", "financial", "accountant", "accounting", "controller", "treasurer"]),
        (.hr, ["hr", "human resources", "people", "talent", "recruit", "recruiter", "recruiting"]),
        (.operations, ["operations", "operating", "ops", "procurement", "supply", "logistics", "facilities", "coo"]),
        // Last, so "Vice President, Sales" is sales and only function-less leaders are executive.
        (.executive, ["ceo", "founder", "owner", "president", "general manager", "managing director", "chief executive"]),
    ])

    public static func seniority(of title: String) -> Seniority {
        let words = Words(title)
        for (level, keywords) in seniorityRules where keywords.contains(where: words.contains) {
            return level
        }
        return .unknown
    }

    public static func function(of title: String) -> Function {
        let words = Words(title)
        for (function, keywords) in functionRules where keywords.contains(where: words.contains) {
            return function
        }
        return .other
    }

    /// A keyword of one word, or of two that must be adjacent ("vice president").
    private struct Keyword {
        let first: Substring
        let second: Substring?

        init(_ text: String) {
            let parts = text.split(separator: " ")
            first = parts[0]
            second = parts.count > 1 ? parts[1] : nil
        }
    }

    private static func compile<Class>(_ rules: [(Class, [String])]) -> [(Class, [Keyword])] {
        rules.map { ($0.0, $0.1.map(Keyword.init)) }
    }

    /// The title's lower-cased words, for whole-word keyword lookups. A title has a handful of words, so
    /// a scan beats hashing (titles are classified millions of times in a snapshot).
    private struct Words {
        private let list: [Substring]

        init(_ title: String) {
            // Byte-level split: ASCII letters and digits, and any non-ASCII byte, belong to words.
            list = title.lowercased().utf8.split { byte in
                byte < 0x80 && !((byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39))
            }.map { Substring($0) }
        }

        func contains(_ keyword: Keyword) -> Bool {
            guard let second = keyword.second else { return list.contains(keyword.first) }
            return list.indices.dropLast().contains { list[$0] == keyword.first && list[$0 + 1] == second }
        }
    }
}
