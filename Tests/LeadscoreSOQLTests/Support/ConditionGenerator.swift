import LeadscoreSOQL

/// Random WHERE trees over the test leads' fields, with values chosen to hit rows (in other cases,
/// other forms) as often as to miss them, nulls and boundaries included.
struct ConditionGenerator {
    var random: SeededGenerator

    private static let textValues: [String: [String]] = [
        "LastName": ["smith", "SMITH", "Müller", "MÜLLER", "garcía", "Garcia", "ünal", "Élodie", "a", "abc", "zz",
                     "_Under", "~tilde", "O'Brien", "slash\\", "percent%", "nobody", ""],
        "Company": ["acme", "ACME corp", "50% off deals", "under_score inc", "back\\slash ltd", "tab\tco", "zeta",
                    "ümit ltd", "éclair", "nguyen & sons", "initech", ""],
        "Status": ["open", "Working", "CLOSED", "Converted"],
        "Rating": ["hot", "Warm", "COLD", "", "Lukewarm"],
    ]
    private static let likeTexts = ["s", "SM", "mü", "ü", "ga", "50%", "_", "under_", "\\", "acme", "e", "o", "é", "lt", " "]
    private static let numbers: [SOQLValue] = [
        .integer(-5), .integer(0), .integer(1), .integer(2), .integer(7), .integer(40), .integer(100), .integer(101),
        .integer(1200), .integer(2_147_483_648), .decimal(0.5), .decimal(2.25), .decimal(99.99), .decimal(100.0),
        .decimal(1_000_000.5), .decimal(41.5),
    ]
    private static let dateLiterals: [SOQLDateLiteral] = [
        .today, .yesterday, .tomorrow, .lastNDays(0), .lastNDays(1), .lastNDays(7), .lastNDays(60), .nextNDays(1),
        .nextNDays(7), .nextNDays(45), .thisMonth, .lastMonth, .thisYear, .lastYear,
    ]
    private static let days = ["2023-12-31", "2024-01-01", "2024-02-29", "2024-12-31", "2025-01-01", "2025-02-21",
                               "2025-02-22", "2025-02-28", "2025-03-01", "2025-03-02", "2025-03-09", "2025-04-01"]
    private static let instants: [Int64] = [
        1_740_787_199_999, 1_740_787_200_000, 1_740_816_000_000, 1_740_816_000_001, 1_740_873_599_999,
        1_740_873_600_000, 1_740_182_400_000, 1_740_182_399_999, 1_735_689_600_000, 1_704_067_200_000, 0,
    ]

    private static let fields = ["LastName", "Company", "Status", "Rating", "NumberOfEmployees", "AnnualRevenue",
                                 "IsConverted", "HasOptedOutOfEmail", "ConvertedDate", "CreatedDate", "Id", "OwnerId"]

    mutating func condition(depth: Int = 0) -> SOQLCondition {
        guard depth < 3, random.chance(0.55) else { return fieldExpression() }
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return .not(condition(depth: depth + 1))
        case 1, 2: return .and((0..<Int.random(in: 2...3, using: &random)).map { _ in condition(depth: depth + 1) })
        default: return .or((0..<Int.random(in: 2...3, using: &random)).map { _ in condition(depth: depth + 1) })
        }
    }

    private mutating func fieldExpression() -> SOQLCondition {
        let field = random.pick(Self.fields)
        let isBoolean = field == "IsConverted" || field == "HasOptedOutOfEmail"
        let isText = Self.textValues[field] != nil
        let shape = Int.random(in: 0..<10, using: &random)
        if isText && shape == 0 {
            return .field(field, .like(likePattern()))
        }
        if shape <= 2 {
            let values = (0..<Int.random(in: 1...3, using: &random)).map { _ in value(for: field, ordered: false) }
            return .field(field, random.chance(0.5) ? .isIn(values) : .notIn(values))
        }
        let comparisons: [SOQLComparisonOperator] = isBoolean ? [.equal, .notEqual] : SOQLComparisonOperator.allCases
        let comparison = random.pick(comparisons)
        let ordered = comparison != .equal && comparison != .notEqual
        return .field(field, .compare(comparison, value(for: field, ordered: ordered)))
    }

    private mutating func value(for field: String, ordered: Bool) -> SOQLValue {
        if !ordered, random.chance(0.12) { return .null }
        switch field {
        case "IsConverted", "HasOptedOutOfEmail": return .boolean(random.chance(0.5))
        case "NumberOfEmployees", "AnnualRevenue": return random.pick(Self.numbers)
        case "ConvertedDate":
            if random.chance(0.5) { return .dateLiteral(random.pick(Self.dateLiterals)) }
            let parts = random.pick(Self.days).split(separator: "-").compactMap { Int($0) }
            return .date(SOQLDay(year: parts[0], month: parts[1], day: parts[2])!)
        case "CreatedDate":
            return random.chance(0.5) ? .dateLiteral(random.pick(Self.dateLiterals)) : .dateTime(millisecondsSinceEpoch: random.pick(Self.instants))
        case "Id", "OwnerId":
            let lead = random.pick(TestLead.all)
            let id = field == "Id" ? lead.id : (lead.ownerId ?? TestLead.ownerA)
            return .string(random.chance(0.5) ? String(id.prefix(15)) : id)
        default:
            // Ordering text against non-ASCII values is refused by design (see TypeCheckTests).
            let candidates = Self.textValues[field]!.filter { !ordered || $0.unicodeScalars.allSatisfy(\.isASCII) }
            return .string(random.pick(candidates))
        }
    }

    private mutating func likePattern() -> SOQLLikePattern {
        var elements: [SOQLLikePattern.Element] = []
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            switch Int.random(in: 0..<4, using: &random) {
            case 0: elements.append(.anyCharacters)
            case 1: elements.append(.anyCharacter)
            default: elements.append(.text(random.pick(Self.likeTexts)))
            }
        }
        return SOQLLikePattern(elements)
    }
}
