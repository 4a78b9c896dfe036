import Foundation

/// The true conversion probability behind the sample org: P(lead converts within 90 days of
/// CreatedDate) = sigmoid(logit), with every term below (docs/sample-org.md lists them all).
///
/// Why it is built this way: the sample org is the project's test bed for honest offline evaluation.
/// The logit is a function **only of values visible in the exported row** (a missing value is its own
/// level) and of CreatedDate, with no noise term and no hidden variable. So the AUC of this probability
/// on the realised labels is the ceiling a model trained on the export can reach, and a good model
/// should land within about 0.01 of it. Fields that are set after the outcome (Status, Rating,
/// LastActivityDate, ConvertedDate, …) never enter the logit; they are the leakage traps.
enum LatentConversionModel {
    /// What the model reads from one exported lead. `nil` means the exported cell is empty.
    struct Inputs: Sendable {
        var leadSource: SampleVocabulary.LeadSource?
        /// Index into ``SampleVocabulary/industries``.
        var industry: Int?
        var numberOfEmployees: Int?
        var annualRevenue: Int?
        /// Recovered from Title by its keywords; `nil` when Title is empty.
        var seniority: SampleVocabulary.Seniority?
        var function: SampleVocabulary.JobFunction?
        var email: EmailKind
        var hasPhone: Bool
        var country: SampleVocabulary.Country?
        /// Product_Interest__c values as a bit set: bit `i` is ``SampleVocabulary/productInterests``[i].
        var productInterestMask: Int
        var emailOpens: Int?
        var webPageViews: Int?
        var pricingPageVisits: Int?
        var contentDownloads: Int?
        var webinarAttended: Bool
        var demoRequested: Bool
        var hasOptedOutOfEmail: Bool
        /// CreatedDate's calendar month, 1–12 (UTC).
        var createdMonth: Int
        /// Whether CreatedDate is on or after ``processChangeDate`` (2024-07-01).
        var createdAfterProcessChange: Bool
    }

    /// What the Email cell shows.
    enum EmailKind: Sendable {
        case corporate, freeMail, missing
    }

    /// NumberOfEmployees in the bands the industry × size interaction uses.
    enum SizeBand: Int, CaseIterable, Sendable {
        case under50, from50To199, from200To999, from1000To4999, atLeast5000, missing

        init(employees: Int?) {
            guard let employees else { self = .missing; return }
            switch employees {
            case ..<50: self = .under50
            case 50..<200: self = .from50To199
            case 200..<1000: self = .from200To999
            case 1000..<5000: self = .from1000To4999
            default: self = .atLeast5000
            }
        }
    }

    /// Industries grouped by how they buy.
    enum IndustryGroup: Int, CaseIterable, Sendable {
        case technologyFinanceHealthcare, government, retail, otherIndustry, missing

        init(industry: Int?) {
            guard let industry else { self = .missing; return }
            switch SampleVocabulary.industries[industry] {
            case "Technology", "Finance", "Healthcare": self = .technologyFinanceHealthcare
            case "Government": self = .government
            case "Retail": self = .retail
            default: self = .otherIndustry
            }
        }
    }

    /// The UTC day from which the sales process changed (new SDR team, more inbound).
    static let processChangeDate = (year: 2024, month: 7, day: 1)

    static let intercept = -4.20
    static let processChangeEffect = 0.30

    /// January … December; end of quarter and Q4 buy more, summer less.
    static let monthEffects = [-0.10, -0.05, 0.10, -0.05, 0.00, 0.10, -0.15, -0.10, 0.10, 0.00, 0.05, 0.15]

    static func leadSourceEffect(_ source: SampleVocabulary.LeadSource?) -> Double {
        guard let source else { return -0.30 }
        switch source {
        case .web: return 0.00
        case .phoneInquiry: return 0.40
        case .partnerReferral: return 1.10
        case .purchasedList: return -1.10
        case .tradeShow: return -0.20
        case .webinar: return 0.30
        case .employeeReferral: return 1.20
        case .other: return -0.30
        }
    }

    /// Rows: ``IndustryGroup``; columns: ``SizeBand`` (under 50, 50–199, 200–999, 1000–4999, 5000+, missing).
    static let industrySizeEffects: [[Double]] = [
        [-0.20, 0.40, 1.10, 1.10, 0.30, 0.10],   // Technology, Finance, Healthcare
        [-0.40, -0.50, -0.90, -1.10, -1.20, -0.60], // Government
        [-0.30, -0.20, -0.20, -0.20, -0.30, -0.30], // Retail
        [-0.25, 0.00, 0.20, 0.20, 0.00, -0.05],  // every other industry
        [-0.30, -0.05, 0.10, 0.10, -0.10, -0.20], // Industry empty
    ]

    static func seniorityEffect(_ seniority: SampleVocabulary.Seniority?) -> Double {
        guard let seniority else { return -0.20 }
        switch seniority {
        case .cLevel: return 0.30
        case .vicePresident: return 0.35
        case .director: return 0.30
        case .manager: return 0.15
        case .individualContributor: return 0.00
        case .entry: return -0.60
        }
    }

    /// Multiplies log1p(Pricing_Page_Visits__c): pricing interest from a buyer counts, from an intern not.
    static func pricingSlope(_ seniority: SampleVocabulary.Seniority?) -> Double {
        guard let seniority else { return 0.35 }
        switch seniority {
        case .cLevel, .vicePresident: return 1.00
        case .director: return 0.90
        case .manager: return 0.50
        case .individualContributor: return 0.20
        case .entry: return 0.00
        }
    }

    static func functionEffect(_ function: SampleVocabulary.JobFunction?) -> Double {
        guard let function else { return 0.00 }
        switch function {
        case .executive: return 0.10
        case .sales: return 0.00
        case .marketing: return 0.10
        case .itEngineering: return 0.15
        case .finance: return 0.05
        case .operations: return 0.00
        case .humanResources: return -0.25
        case .general: return 0.00
        }
    }

    static func countryEffect(_ country: SampleVocabulary.Country?) -> Double {
        guard let country else { return -0.15 }
        switch country {
        case .unitedStates, .canada, .unitedKingdom, .australia, .netherlands: return 0.00
        case .germany: return -0.05
        case .france: return -0.10
        case .india: return -0.35
        case .brazil: return -0.30
        case .japan: return -0.25
        }
    }

    static func emailEffect(_ email: EmailKind) -> Double {
        switch email {
        case .corporate: 0.00
        case .freeMail: -0.70
        case .missing: -0.40
        }
    }

    static func revenueEffect(_ revenue: Int?) -> Double {
        guard let revenue else { return 0.00 }
        switch revenue {
        case ..<1_000_000: return -0.10
        case 1_000_000..<50_000_000: return 0.10
        default: return 0.00
        }
    }

    static let noPhoneEffect = -0.20
    /// By how many Product_Interest__c values are selected: 0 (empty), 1, 2, 3.
    static let productInterestEffects = [0.00, 0.20, 0.35, 0.45]
    /// Security interest from a regulated buyer (Finance, Banking, Healthcare, Insurance, Government).
    static let securityRegulatedEffect = 0.25
    static let regulatedIndustries: Set<String> = ["Finance", "Banking", "Healthcare", "Insurance", "Government"]

    static let emailOpensSlope = 0.22
    static let webPageViewsSlope = 0.40
    static let contentDownloadsSlope = 0.30
    /// Applied instead of the slope term when the engagement cell is empty (no marketing-automation match).
    static let emailOpensMissingEffect = -0.20
    static let webPageViewsMissingEffect = -0.20
    static let pricingPageVisitsMissingEffect = -0.15
    static let contentDownloadsMissingEffect = -0.10
    static let webinarEffect = 0.55
    static let demoEffect = 1.60
    static let optedOutEffect = -0.80

    private static let regulatedIndustryIndexes: Set<Int> = Set(
        SampleVocabulary.industries.indices.filter { regulatedIndustries.contains(SampleVocabulary.industries[$0]) }
    )
    /// ``IndustryGroup`` of each industry index, so the hot path does not compare strings.
    private static let industryGroups = SampleVocabulary.industries.indices.map { IndustryGroup(industry: $0) }
    private static let securityIndex = SampleVocabulary.productInterests.firstIndex(of: "Security") ?? 3

    static func logit(_ lead: Inputs) -> Double {
        var logit = intercept
        if lead.createdAfterProcessChange { logit += processChangeEffect }
        logit += monthEffects[lead.createdMonth - 1]
        logit += leadSourceEffect(lead.leadSource)
        let industryGroup = lead.industry.map { industryGroups[$0] } ?? .missing
        logit += industrySizeEffects[industryGroup.rawValue][SizeBand(employees: lead.numberOfEmployees).rawValue]
        logit += revenueEffect(lead.annualRevenue)
        logit += seniorityEffect(lead.seniority) + functionEffect(lead.function)
        logit += countryEffect(lead.country) + emailEffect(lead.email)
        if !lead.hasPhone { logit += noPhoneEffect }
        logit += productInterestEffects[min(lead.productInterestMask.nonzeroBitCount, productInterestEffects.count - 1)]
        if let industry = lead.industry, regulatedIndustryIndexes.contains(industry),
           lead.productInterestMask & (1 << securityIndex) != 0 {
            logit += securityRegulatedEffect
        }
        logit += lead.emailOpens.map { emailOpensSlope * log1p(Double($0)) } ?? emailOpensMissingEffect
        logit += lead.webPageViews.map { webPageViewsSlope * log1p(Double($0)) } ?? webPageViewsMissingEffect
        logit += lead.pricingPageVisits.map { pricingSlope(lead.seniority) * log1p(Double($0)) } ?? pricingPageVisitsMissingEffect
        logit += lead.contentDownloads.map { contentDownloadsSlope * log1p(Double($0)) } ?? contentDownloadsMissingEffect
        if lead.webinarAttended { logit += webinarEffect }
        if lead.demoRequested { logit += demoEffect }
        if lead.hasOptedOutOfEmail { logit += optedOutEffect }
        return logit
    }

    static func probability(_ lead: Inputs) -> Double {
        1.0 / (1.0 + exp(-logit(lead)))
    }
}
