import LeadscoreData

/// The point set used when `leadscore.yaml` has no `rules:`: the kind of sheet a marketing-ops team
/// starts with, built from the contract's engagement and fit fields by their names and types.
///
/// - engagement counters (visits, views, opens, clicks, downloads…): 2 points each (pricing: 5), at
///   most 15, fading with a 30-day half-life after the last activity date;
/// - intent flags (demo, trial, webinar, meeting, contact request): +15; opt-outs: −10;
/// - fit: company size ≥ 200 employees +10, revenue ≥ 10M +5, senior titles +10, managers +5,
///   corporate e-mail +5, free-mail −10, invalid e-mail −15.
public enum DefaultRules {
    static let engagementWords = ["visit", "view", "open", "click", "download", "session", "event", "attend"]
    static let intentWords = ["demo", "trial", "webinar", "meeting", "contact", "request"]
    static let optOutWords = ["optedout", "optout", "donotcall", "unsubscribe"]
    static let activityDateNames = ["LastActivityDate", "Last_Activity_Date__c", "LastActivity"]

    public static func make(contract: DataContract) -> RulesModel {
        var rules: [PointRule] = []
        var decayField: String?
        for field in contract.fields {
            for derivation in field.derive where field.scoring == .allowed {
                rules += derivedRules(column: derivation.columnName(for: field.name), derivation: derivation)
            }
            guard field.scoring == .allowed, !field.pii else { continue }
            let name = field.name.lowercased().replacingOccurrences(of: "_", with: "")
            switch field.type {
            case .boolean:
                if optOutWords.contains(where: name.contains) {
                    rules.append(PointRule(condition: FieldCondition(field: field.name, test: .oneOf(["true"])), points: -10))
                } else if intentWords.contains(where: name.contains) {
                    rules.append(PointRule(condition: FieldCondition(field: field.name, test: .oneOf(["true"])),
                                           points: 15, engagement: true))
                }
            case .number, .integer:
                if name.contains("employee") {
                    rules.append(PointRule(condition: FieldCondition(field: field.name, test: .atLeast(200)), points: 10))
                } else if name.contains("revenue") {
                    rules.append(PointRule(condition: FieldCondition(field: field.name, test: .atLeast(10_000_000)), points: 5))
                } else if engagementWords.contains(where: name.contains) {
                    rules.append(PointRule(condition: FieldCondition(field: field.name, test: .present), pointsEach: name.contains("pricing") ? 5 : 2,
                                           cap: 15, engagement: true))
                }
            case .date, .datetime:
                if activityDateNames.contains(field.name) { decayField = field.name }
            default:
                break
            }
        }
        return RulesModel(rules: rules, decayField: decayField, isDefault: true)
    }

    private static func derivedRules(column: String, derivation: Derivation) -> [PointRule] {
        switch derivation {
        case .emailDomainClass:
            return [
                PointRule(condition: FieldCondition(field: column, test: .oneOf(["corporate"])), points: 5),
                PointRule(condition: FieldCondition(field: column, test: .oneOf(["free"])), points: -10),
                PointRule(condition: FieldCondition(field: column, test: .oneOf(["invalid"])), points: -15),
            ]
        case .titleSeniority:
            return [
                PointRule(condition: FieldCondition(field: column, test: .oneOf(["c_level", "vp", "director"])), points: 10),
                PointRule(condition: FieldCondition(field: column, test: .oneOf(["manager"])), points: 5),
            ]
        case .titleFunction:
            return []
        }
    }
}
