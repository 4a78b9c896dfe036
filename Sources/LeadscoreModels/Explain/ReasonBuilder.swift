import LeadscoreData

/// Turns a lead's field contributions into its top reasons and a `reasonText` short enough for a
/// Salesforce text field. Only fields the contract allows in explanations are ever named.
public struct ReasonBuilder: Sendable {
    /// The longest `reasonText` written (a Salesforce Text(255) field).
    public static let maximumTextLength = 255

    private let settings: ExplanationSettings
    private let labels: [String: String]
    private let explainable: Set<String>
    /// Derived columns, whose codes (`c_level`, `free`) read better as words.
    private let derived: Set<String>
    /// Each explainable field's reason code stem (`DEMO_REQUESTED`), made once rather than per reason.
    private let codeStems: [String: String]

    public init(contract: DataContract, settings: ExplanationSettings) {
        self.settings = settings
        var labels: [String: String] = [:]
        var explainable = Set<String>()
        var derived = Set<String>()
        for field in contract.fields {
            derived.formUnion(field.derive.map { $0.columnName(for: field.name) })
            labels[field.name] = field.label ?? field.name
            if field.explain && !field.pii { explainable.insert(field.name) }
            for derivation in field.derive where field.explain {
                let column = derivation.columnName(for: field.name)
                labels[column] = Self.derivedLabel(derivation)
                explainable.insert(column)
            }
        }
        self.labels = labels
        self.explainable = explainable
        self.derived = derived
        codeStems = Dictionary(uniqueKeysWithValues: explainable.map { ($0, Self.codeStem(field: $0)) })
    }

    public func label(of field: String) -> String { labels[field] ?? field }

    public func isExplainable(_ field: String) -> Bool { explainable.contains(field) }

    /// The lead's top reasons by |impact|, positive and negative together.
    public func reasons(_ contributions: FieldContributions, value: (String) -> FieldValue, scoringMoment: Double) -> [Reason] {
        contributions.byField
            .filter { isExplainable($0.key) && abs($0.value) >= settings.minimumImpact }
            .sorted { abs($0.value) != abs($1.value) ? abs($0.value) > abs($1.value) : $0.key < $1.key }
            .prefix(settings.top)
            .map { field, impact in
                Reason(code: (codeStems[field] ?? Self.codeStem(field: field)) + (impact >= 0 ? "_UP" : "_DOWN"),
                       text: text(field: field, value: value(field), scoringMoment: scoringMoment),
                       impact: (impact * 1000).rounded() / 1000, field: field)
            }
    }

    /// "+ Demo Requested: yes; - Email domain: free-mail", cut at a reason boundary to fit 255.
    public static func reasonText(_ reasons: [Reason]) -> String {
        var text = ""
        for reason in reasons {
            let part = (reason.impact >= 0 ? "+ " : "- ") + reason.text
            let candidate = text.isEmpty ? part : text + "; " + part
            if candidate.count > maximumTextLength {
                if text.isEmpty { text = String(part.prefix(maximumTextLength - 1)) + "…" }
                break
            }
            text = candidate
        }
        return text
    }

    static func code(field: String, impact: Double) -> String {
        codeStem(field: field) + (impact >= 0 ? "_UP" : "_DOWN")
    }

    /// `Demo_Requested__c` → `DEMO_REQUESTED`.
    static func codeStem(field: String) -> String {
        var name = field
        if name.hasSuffix("__c") { name.removeLast(3) }
        let upper = name.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        return upper.split(separator: "_").joined(separator: "_")
    }

    func text(field: String, value: FieldValue, scoringMoment: Double) -> String {
        var shown = Self.display(value, scoringMoment: scoringMoment)
        if derived.contains(field), case let .text(code) = value { shown = Self.derivedValues[code] ?? code }
        if let template = settings.templates[field], value != .missing {
            return template.replacingOccurrences(of: "{value}", with: shown)
        }
        return "\(label(of: field)): \(shown)"
    }

    static func display(_ value: FieldValue, scoringMoment: Double) -> String {
        switch value {
        case .missing: return "not provided"
        case let .bool(flag): return flag ? "yes" : "no"
        case let .number(number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String((number * 100).rounded() / 100)
        case let .time(time):
            let days = Int(((scoringMoment - time) / 86_400).rounded(.down))
            if days < 0 { return "after scoring" }
            return days == 0 ? "today" : days == 1 ? "1 day ago" : "\(days) days ago"
        case let .text(text):
            return text
        }
    }

    private static let derivedValues = [
        "free": "free-mail", "corporate": "company domain", "invalid": "invalid address",
        "c_level": "C-level", "vp": "VP", "director": "Director", "manager": "Manager",
        "individual": "Individual contributor", "entry": "Entry level",
    ]

    private static func derivedLabel(_ derivation: Derivation) -> String {
        switch derivation {
        case .emailDomainClass: return "Email domain"
        case .titleSeniority: return "Seniority"
        case .titleFunction: return "Job function"
        }
    }
}
