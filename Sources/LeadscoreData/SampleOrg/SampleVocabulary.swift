import Foundation

/// The words the sample org is made of: picklist values, people, companies, titles, places.
///
/// Values that the latent model reacts to (lead source, industry, seniority, function, country) are
/// enums or indexes here, so the model and the generator share one definition of each level. Display
/// strings are kept as UTF-8 bytes because the generator writes a million rows and should not build a
/// `String` per value.
enum SampleVocabulary {
    // MARK: Picklists

    /// Lead.LeadSource. The first five are the standard picklist; the rest are the usual additions.
    enum LeadSource: Int, CaseIterable, Sendable {
        case web, phoneInquiry, partnerReferral, purchasedList, tradeShow, webinar, employeeReferral, other

        var label: String {
            switch self {
            case .web: "Web"
            case .phoneInquiry: "Phone Inquiry"
            case .partnerReferral: "Partner Referral"
            case .purchasedList: "Purchased List"
            case .tradeShow: "Trade Show"
            case .webinar: "Webinar"
            case .employeeReferral: "Employee Referral"
            case .other: "Other"
            }
        }
    }

    /// The standard Salesforce Lead Industry picklist, in its describe order.
    static let industries = [
        "Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals", "Communications", "Construction",
        "Consulting", "Education", "Electronics", "Energy", "Engineering", "Entertainment", "Environmental",
        "Finance", "Food & Beverage", "Government", "Healthcare", "Hospitality", "Insurance", "Machinery",
        "Manufacturing", "Media", "Not For Profit", "Other", "Recreation", "Retail", "Shipping", "Technology",
        "Telecommunications", "Transportation", "Utilities",
    ]

    /// How often each industry appears among the org's companies (a B2B software vendor's mix).
    static let industryWeights: [String: Double] = [
        "Technology": 16, "Manufacturing": 7, "Healthcare": 7, "Finance": 6, "Retail": 5, "Education": 4,
        "Government": 4, "Consulting": 4, "Banking": 3, "Insurance": 3, "Telecommunications": 2.5,
        "Media": 2, "Electronics": 2, "Engineering": 2, "Energy": 2, "Transportation": 2,
        "Not For Profit": 2, "Biotechnology": 1.5, "Construction": 1.5, "Hospitality": 1.5,
        "Food & Beverage": 1.5, "Communications": 1.5, "Entertainment": 1, "Utilities": 1, "Chemicals": 1,
        "Machinery": 1, "Shipping": 1, "Agriculture": 0.8, "Apparel": 0.8, "Environmental": 0.6,
        "Recreation": 0.6, "Other": 3,
    ]

    /// Lead.Status, the standard four values in picklist order.
    enum LeadStatus: Int, CaseIterable, Sendable {
        case openNotContacted, workingContacted, closedConverted, closedNotConverted

        var label: String {
            switch self {
            case .openNotContacted: "Open - Not Contacted"
            case .workingContacted: "Working - Contacted"
            case .closedConverted: "Closed - Converted"
            case .closedNotConverted: "Closed - Not Converted"
            }
        }
    }

    /// Lead.Rating, set by reps after they have talked to the lead.
    enum Rating: Int, CaseIterable, Sendable {
        case hot, warm, cold

        var label: String {
            switch self {
            case .hot: "Hot"
            case .warm: "Warm"
            case .cold: "Cold"
            }
        }
    }
    /// Product_Interest__c values in picklist order; Salesforce writes selected values in this order.
    static let productInterests = ["Analytics", "Automation", "Integrations", "Security", "Support"]

    // MARK: Geography

    enum Country: Int, CaseIterable, Sendable {
        case unitedStates, canada, unitedKingdom, germany, france, australia, india, netherlands, brazil, japan

        var label: String {
            switch self {
            case .unitedStates: "United States"
            case .canada: "Canada"
            case .unitedKingdom: "United Kingdom"
            case .germany: "Germany"
            case .france: "France"
            case .australia: "Australia"
            case .india: "India"
            case .netherlands: "Netherlands"
            case .brazil: "Brazil"
            case .japan: "Japan"
            }
        }

        /// Share of the org's companies headquartered here.
        var weight: Double {
            switch self {
            case .unitedStates: 55
            case .canada: 7
            case .unitedKingdom: 9
            case .germany: 6
            case .france: 4
            case .australia: 5
            case .india: 6
            case .netherlands: 3
            case .brazil: 2.5
            case .japan: 2.5
            }
        }

        /// State or province codes, weighted roughly by business population; empty where the org
        /// does not record a state.
        var states: [(String, Double)] {
            switch self {
            case .unitedStates:
                [("CA", 14), ("TX", 9), ("NY", 9), ("FL", 6), ("IL", 5), ("MA", 5), ("WA", 4), ("PA", 4),
                 ("GA", 3.5), ("NJ", 3.5), ("NC", 3), ("CO", 3), ("OH", 3), ("VA", 3), ("MI", 2.5),
                 ("AZ", 2.5), ("MN", 2), ("OR", 2), ("UT", 1.5), ("TN", 1.5), ("MO", 1.5), ("WI", 1.5),
                 ("MD", 1.5), ("IN", 1), ("CT", 1), ("DC", 1)]
            case .canada:
                [("ON", 40), ("QC", 22), ("BC", 16), ("AB", 12), ("MB", 4), ("NS", 3), ("SK", 3)]
            case .australia:
                [("NSW", 35), ("VIC", 28), ("QLD", 18), ("WA", 10), ("SA", 6), ("ACT", 3)]
            default:
                []
            }
        }

        /// Legal-form suffixes companies here put after their name, with weights; "" means none.
        /// ", Inc." (with its comma) is deliberate: it is the classic CSV-quoting trap.
        var legalSuffixes: [(String, Double)] {
            switch self {
            case .unitedStates, .canada:
                [(" Inc.", 30), (", Inc.", 15), (" LLC", 20), (" Corp.", 10), (" Co.", 5), ("", 20)]
            case .unitedKingdom: [(" Ltd", 55), (" plc", 10), (" LLP", 10), ("", 25)]
            case .germany: [(" GmbH", 60), (" AG", 15), (" GmbH & Co. KG", 10), ("", 15)]
            case .france: [(" SAS", 45), (" S.A.", 25), (" SARL", 15), ("", 15)]
            case .australia: [(" Pty Ltd", 70), ("", 30)]
            case .india: [(" Pvt. Ltd.", 60), (" Ltd.", 20), ("", 20)]
            case .netherlands: [(" B.V.", 65), (" N.V.", 10), ("", 25)]
            case .brazil: [(" Ltda.", 60), (" S.A.", 25), ("", 15)]
            case .japan: [(" K.K.", 45), (" Co., Ltd.", 35), ("", 20)]
            }
        }
    }

    // MARK: People

    /// First names, ASCII ones first; the non-ASCII ones are drawn through ``NamePool`` at a set rate.
    static let firstNames = [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen",
        "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Steven", "Ashley",
        "Andrew", "Emily", "Kevin", "Michelle", "Brian", "Amanda", "George", "Melissa", "Timothy", "Stephanie",
        "Ryan", "Rebecca", "Jason", "Laura", "Eric", "Emma", "Jacob", "Olivia", "Nicholas", "Sophia",
        "Jonathan", "Hannah", "Samuel", "Grace", "Benjamin", "Chloe", "Priya", "Rahul", "Ananya", "Arjun",
        "Wei", "Mei", "Hiroshi", "Yuki", "Kenji", "Sakura", "Lucas", "Gabriel", "Mariana", "Pedro",
        "Lars", "Anna", "Lukas", "Sophie", "Pierre", "Camille", "Oliver", "Charlotte", "Liam", "Ava",
        "Noah", "Mia", "Ethan", "Isabella", "Aiden", "Fatima", "Omar", "Aisha", "Daan", "Sanne",
        "José", "François", "Zoë", "Jürgen", "Søren", "Björn", "Renée", "Chloé", "Siobhán", "Łukasz",
        "Inês", "João", "Hélène", "Małgorzata", "Noémie", "Jörg",
    ]

    /// Last names, with umlauts, accents, apostrophes and hyphens that exports must carry intact.
    static let lastNames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
        "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker",
        "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards",
        "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed",
        "Patel", "Shah", "Kumar", "Singh", "Gupta", "Chen", "Wang", "Li", "Zhang", "Liu",
        "Tanaka", "Suzuki", "Sato", "Watanabe", "Kim", "Park", "Nguyen", "Tran", "Silva", "Santos",
        "Oliveira", "Costa", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Wagner", "Dubois", "Moreau",
        "Laurent", "Bernard", "de Vries", "van Dijk", "Jansen", "Bakker", "O'Brien", "O'Connor", "McCarthy",
        "Smith-Jones", "Hughes", "Ward", "Kelly", "Ross", "Murray",
        "Müller", "García", "Núñez", "Gómez", "Schäfer", "Dvořák", "Østergaard", "Ødegaard", "Lefèvre",
        "Björklund", "Jiménez", "Rodríguez", "Pérez", "Koç", "Wójcik", "Hernández", "Sánchez", "Brontë",
    ]

    /// Indexes into a name list split by whether the name is plain ASCII, so names with accents,
    /// umlauts or Polish letters can be drawn at a chosen rate: often enough that every export
    /// exercises UTF-8 handling, rarely enough to look like a real org.
    struct NamePool: Sendable {
        private let ascii: [Int]
        private let accented: [Int]

        init(_ names: [String]) {
            ascii = names.indices.filter { names[$0].allSatisfy(\.isASCII) }
            accented = names.indices.filter { !names[$0].allSatisfy(\.isASCII) }
        }

        func pick(accentedShare: Double, using random: inout SeededRandom) -> Int {
            random.pick(random.bernoulli(accentedShare) ? accented : ascii)
        }
    }

    static let firstNamePool = NamePool(firstNames)
    static let lastNamePool = NamePool(lastNames)
    static let companyStemPool = NamePool(companyStems)

    /// UTF-8 forms and e-mail slugs, built once so the generator's hot loop copies bytes only.
    static let firstNameBytes = firstNames.map { Array($0.utf8) }
    static let firstNameSlugs = firstNames.map { Array(asciiSlug($0).utf8) }
    static let lastNameBytes = lastNames.map { Array($0.utf8) }
    static let lastNameSlugs = lastNames.map { Array(asciiSlug($0).utf8) }

    static let freeMailDomains = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "aol.com"]

    // MARK: Companies

    /// Company name stems. A few are non-ASCII (and fold to ASCII for e-mail domains).
    static let companyStems = [
        "Acme", "Globex", "Initech", "Umbrella", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip",
        "Litware", "Adatum", "Proseware", "Woodgrove", "Lucerne", "Coho", "Alpine", "Summit", "Pioneer",
        "Cascade", "Evergreen", "Redwood", "Granite", "Harbor", "Beacon", "Keystone", "Meridian", "Horizon",
        "Atlas", "Vertex", "Apex", "Pinnacle", "Sterling", "Liberty", "Frontier", "Bluebird", "Ironwood",
        "Silverline", "Clearwater", "Riverbend", "Stonebridge", "Oakridge", "Maple", "Cedar", "Willow",
        "Falcon", "Eagle", "Hawk", "Orion", "Polaris", "Nova", "Stellar", "Quantum", "Fusion", "Nimbus",
        "Zenith", "Everest", "Sierra", "Tundra", "Coastal", "Prairie", "Lakeside", "Highland", "Midland",
        "Brightpath", "Trueline", "Bold", "Crescent", "Sapphire", "Emerald", "Cobalt", "Crimson", "Indigo",
        "Hyperion", "Titan", "Vanguard", "Sentinel", "Paragon", "Catalyst", "Momentum", "Kinetic", "Synergy",
        "Nexus", "Vector", "Matrix", "Spectrum", "Prism", "Lumen", "Radiant", "Aurora", "Solstice",
        "Greenleaf", "Blackstone", "Whitmore", "Ashford", "Barrington", "Kensington", "Hartwell", "Fairview",
        "Brookside", "Westfield", "Eastgate", "Northstar", "Southpoint", "Bayview", "Hillcrest", "Ridgeway",
        "Müller", "Schäfer", "Lumière", "Nordström", "Brückner", "Økologisk", "Société Générale de Conseil",
        "São Paulo", "Zürich", "Café Noir", "Größer", "Élan",
    ]

    /// Words that say what a company does, by industry, for names like "Northwind Analytics".
    static let industryWords: [String: [String]] = [
        "Technology": ["Software", "Systems", "Technologies", "Labs", "Data", "Digital", "Cloud", "Analytics"],
        "Finance": ["Capital", "Financial", "Investments", "Advisors", "Wealth"],
        "Banking": ["Bank", "Bancorp", "Savings", "Trust"],
        "Healthcare": ["Health", "Medical", "Care", "Clinics", "Health Partners"],
        "Government": ["County Services", "Municipal Authority", "Public Works", "Agency", "Transit Authority"],
        "Retail": ["Stores", "Outfitters", "Market", "Goods", "Supply"],
        "Manufacturing": ["Manufacturing", "Industries", "Fabrication", "Works"],
        "Education": ["Academy", "University", "Learning", "Schools"],
        "Insurance": ["Insurance", "Mutual", "Assurance"],
        "Consulting": ["Consulting", "Advisory", "Partners", "Group"],
        "Telecommunications": ["Telecom", "Networks", "Wireless"],
        "Media": ["Media", "Publishing", "Studios"],
        "Energy": ["Energy", "Power", "Renewables"],
        "Biotechnology": ["Biosciences", "Therapeutics", "Genomics"],
        "Transportation": ["Logistics", "Freight", "Transport"],
        "Hospitality": ["Hotels", "Resorts", "Hospitality"],
        "Food & Beverage": ["Foods", "Brewing", "Kitchens"],
        "Construction": ["Builders", "Construction", "Contracting"],
        "Not For Profit": ["Foundation", "Alliance", "Society"],
    ]
    static let genericIndustryWords = ["Group", "Holdings", "Enterprises", "Solutions", "Services", "International"]
    /// Nicknames companies put in quotes in their registered name ("The "Original" … Co."): the
    /// double-quote trap for CSV writers and readers.
    static let quotedNicknames = ["Original", "Big Blue", "Red Door", "Famous", "Blue Sky", "Golden"]

    // MARK: Titles

    /// How senior a title is. Each title the generator writes carries keywords that identify exactly one
    /// of these levels (see docs/sample-org.md), so a consumer can recover it with keyword rules.
    enum Seniority: Int, CaseIterable, Sendable {
        case cLevel, vicePresident, director, manager, individualContributor, entry
    }

    /// The job function a title belongs to; `general` is for titles that name no function
    /// ("Consultant", "Intern", "Coordinator").
    enum JobFunction: Int, CaseIterable, Sendable {
        case sales, marketing, itEngineering, finance, operations, humanResources, executive, general
    }

    /// One title as written in the org, with the levels it stands for.
    struct Title: Sendable {
        let text: String
        let seniority: Seniority
        let function: JobFunction
    }

    /// Every title the org uses. The keyword that identifies the seniority is part of each one:
    /// Chief/CEO/CFO/…/Founder/Owner/President, VP/Vice President, Director/Head of,
    /// Manager/Team Lead, Specialist/Analyst/Engineer/Consultant/Account Executive/Coordinator/…,
    /// Intern/Assistant/Student.
    static let titles: [Title] = {
        func make(_ seniority: Seniority, _ function: JobFunction, _ texts: [String]) -> [Title] {
            texts.map { Title(text: $0, seniority: seniority, function: function) }
        }
        return make(.cLevel, .executive, ["Chief Executive Officer", "CEO", "Founder", "Co-Founder", "Owner", "President", "Founder & CEO"])
            + make(.cLevel, .finance, ["CFO", "Chief Financial Officer"])
            + make(.cLevel, .itEngineering, ["CTO", "Chief Technology Officer", "CIO", "Chief Information Officer"])
            + make(.cLevel, .marketing, ["CMO", "Chief Marketing Officer"])
            + make(.cLevel, .sales, ["Chief Revenue Officer", "Chief Sales Officer"])
            + make(.cLevel, .operations, ["COO", "Chief Operating Officer"])
            + make(.cLevel, .humanResources, ["Chief People Officer", "Chief Human Resources Officer"])
            + make(.vicePresident, .sales, ["VP of Sales", "Vice President, Sales", "VP Sales", "SVP, Sales"])
            + make(.vicePresident, .marketing, ["Vice President, Marketing", "VP of Marketing", "VP Marketing"])
            + make(.vicePresident, .itEngineering, ["VP of Engineering", "VP, IT", "Vice President of Technology"])
            + make(.vicePresident, .finance, ["VP Finance", "Vice President, Finance"])
            + make(.vicePresident, .operations, ["VP of Operations", "Vice President, Operations"])
            + make(.vicePresident, .humanResources, ["VP People", "Vice President, Human Resources"])
            + make(.director, .itEngineering, ["Director of IT", "IT Director", "Director of Engineering", "Head of Engineering"])
            + make(.director, .operations, ["Head of Operations", "Director of Operations"])
            + make(.director, .sales, ["Director of Sales", "Sales Director", "Head of Sales"])
            + make(.director, .marketing, ["Marketing Director", "Head of Marketing", "Director, Demand Generation"])
            + make(.director, .finance, ["Finance Director", "Director of Finance"])
            + make(.director, .humanResources, ["HR Director", "Head of People"])
            + make(.manager, .marketing, ["Marketing Manager", "Demand Generation Manager"])
            + make(.manager, .sales, ["Sales Manager", "Sales Team Lead", "Regional Sales Manager"])
            + make(.manager, .itEngineering, ["IT Manager", "Engineering Manager", "Team Lead, Engineering"])
            + make(.manager, .finance, ["Finance Manager", "Accounting Manager"])
            + make(.manager, .operations, ["Operations Manager", "Procurement Manager"])
            + make(.manager, .humanResources, ["HR Manager", "Talent Acquisition Manager"])
            + make(.manager, .executive, ["General Manager"])
            + make(.manager, .general, ["Office Manager", "Project Manager"])
            + make(.individualContributor, .sales, ["Sales Specialist", "Account Executive", "Sales Representative", "Business Development Representative"])
            + make(.individualContributor, .marketing, ["Marketing Specialist", "Marketing Coordinator", "Content Marketing Specialist"])
            + make(.individualContributor, .itEngineering, ["Software Engineer", "Data Analyst", "Systems Administrator", "Solutions Architect"])
            + make(.individualContributor, .finance, ["Financial Analyst", "Accountant"])
            + make(.individualContributor, .operations, ["Operations Analyst", "Logistics Coordinator"])
            + make(.individualContributor, .humanResources, ["HR Specialist", "Recruiting Coordinator"])
            + make(.individualContributor, .general, ["Consultant", "Business Analyst", "Coordinator"])
            + make(.entry, .marketing, ["Marketing Intern", "Marketing Assistant"])
            + make(.entry, .sales, ["Sales Assistant", "Sales Intern"])
            + make(.entry, .itEngineering, ["Engineering Intern", "IT Assistant"])
            + make(.entry, .finance, ["Finance Intern"])
            + make(.entry, .operations, ["Operations Intern"])
            + make(.entry, .humanResources, ["HR Assistant"])
            + make(.entry, .general, ["Administrative Assistant", "Intern", "Executive Assistant", "Student"])
    }()

    /// How common each seniority is among leads (before the small-company boost of C-level titles).
    static func seniorityWeight(_ seniority: Seniority) -> Double {
        switch seniority {
        case .cLevel: 10
        case .vicePresident: 8
        case .director: 14
        case .manager: 22
        case .individualContributor: 34
        case .entry: 12
        }
    }

    /// Title texts as written: index 0 as listed, then lower-cased, upper-cased and with a doubled space,
    /// because hand-typed titles vary in exactly these ways and keyword rules must survive them.
    static let titleVariants: [[[UInt8]]] = titles.map { title in
        let doubled = title.text.replacingOccurrences(of: " ", with: "  ", options: [], range: title.text.range(of: " "))
        return [title.text, title.text.lowercased(), title.text.uppercased(), doubled].map { Array($0.utf8) }
    }
    static let titleVariantWeights = SeededRandom.WeightedTable([(0, 86.0), (1, 7.0), (2, 3.0), (3, 4.0)])
    /// Indexes into ``titles``, grouped by ``Seniority`` raw value.
    static let titleIndexesBySeniority: [[Int]] = Seniority.allCases.map { seniority in
        titles.indices.filter { titles[$0].seniority == seniority }
    }

    // MARK: Companies as records

    /// One company in the org. Several leads share a company, so they share its facts; each lead's export
    /// may still leave some of them empty.
    struct Company: Sendable {
        let name: [UInt8]
        /// Lower-case ASCII e-mail domain without ".com".
        let domain: [UInt8]
        /// Index into ``industries``.
        let industry: Int
        let employees: Int
        let annualRevenue: Int
        let country: Country
        /// Index into `country.states`, when the country records states.
        let state: Int?
    }

    private static let industryTable = SeededRandom.WeightedTable(
        industries.indices.map { ($0, industryWeights[industries[$0]] ?? 1) }
    )
    private static let countryTable = SeededRandom.WeightedTable(Country.allCases.map { ($0, $0.weight) })
    private static let legalSuffixTables = Country.allCases.map { SeededRandom.WeightedTable($0.legalSuffixes) }
    private static let stateTables = Country.allCases.map { country in
        country.states.isEmpty ? nil : SeededRandom.WeightedTable(country.states.indices.map { ($0, country.states[$0].1) })
    }

    /// A random company: name (with the CSV traps: ", Inc.", embedded quotes, non-ASCII), domain,
    /// industry, a log-normal head count rounded the way people type it, revenue tied to head count.
    static func makeCompany(using random: inout SeededRandom) -> Company {
        let industry = industryTable.pick(using: &random)
        let country = countryTable.pick(using: &random)
        let stem = companyStems[companyStemPool.pick(accentedShare: 0.04, using: &random)]
        let words = industryWords[industries[industry]] ?? genericIndustryWords
        var name: String
        var domain: String
        let shape = random.uniform()
        if shape < 0.006 {
            name = "The \"\(random.pick(quotedNicknames))\" \(stem) Co."
            domain = domainSlug(stem) + "co"
        } else {
            if shape < 0.60 || industries[industry] == "Government" {
                let word = random.pick(words)
                name = "\(stem) \(word)"
                domain = domainSlug(stem) + domainSlug(word)
            } else if shape < 0.88 {
                name = stem
                domain = domainSlug(stem)
            } else {
                let partner = companyStems[companyStemPool.pick(accentedShare: 0.04, using: &random)]
                name = "\(stem) & \(partner)"
                domain = domainSlug(stem) + domainSlug(partner)
            }
            if industries[industry] != "Government" {
                name += legalSuffixTables[country.rawValue].pick(using: &random)
            }
        }
        var employees = min(250_000, max(1, Int(exp(random.normal(mean: 4.4, standardDeviation: 1.7)))))
        if employees >= 1000, random.bernoulli(0.6) {
            employees = max(1000, (employees + 50) / 100 * 100)
        } else if employees >= 100, random.bernoulli(0.6) {
            employees = (employees + 5) / 10 * 10
        }
        let revenuePerEmployee = exp(random.normal(mean: log(160_000), standardDeviation: 0.7))
        let annualRevenue = roundedToTwoSignificantDigits(max(50_000, Double(employees) * revenuePerEmployee))
        return Company(
            name: Array(name.utf8), domain: Array(domain.utf8), industry: industry, employees: employees,
            annualRevenue: annualRevenue, country: country,
            state: stateTables[country.rawValue]?.pick(using: &random)
        )
    }

    /// Domain slugs of every stem and industry word, computed once for the company pool.
    private static let domainSlugs: [String: String] = Dictionary(
        (companyStems + genericIndustryWords + industryWords.values.flatMap { $0 }).map { ($0, asciiSlug($0)) },
        uniquingKeysWith: { first, _ in first }
    )

    private static func domainSlug(_ word: String) -> String {
        domainSlugs[word] ?? asciiSlug(word)
    }

    /// 2,537,113 → 2,500,000: revenue is entered as a round figure, not to the dollar.
    private static func roundedToTwoSignificantDigits(_ value: Double) -> Int {
        var scale = 1
        while Double(scale) * 100 <= value { scale *= 10 }
        return Int((value / Double(scale)).rounded()) * scale
    }

    // MARK: Folding

    /// Lower-case ASCII form of a name for e-mail addresses and domains: letters and digits only,
    /// diacritics folded ("Müller" → "muller", "Ødegaard" → "odegaard", "O'Brien" → "obrien").
    static func asciiSlug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if let folded = foldedLetters[scalar] {
                slug += folded
            } else if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            }
        }
        return slug
    }

    private static let foldedLetters: [Unicode.Scalar: String] = [
        "à": "a", "á": "a", "â": "a", "ã": "a", "ä": "a", "å": "a", "ç": "c", "è": "e", "é": "e", "ê": "e",
        "ë": "e", "ì": "i", "í": "i", "î": "i", "ï": "i", "ñ": "n", "ò": "o", "ó": "o", "ô": "o", "õ": "o",
        "ö": "o", "ø": "o", "ù": "u", "ú": "u", "û": "u", "ü": "u", "ý": "y", "ÿ": "y", "ł": "l", "ś": "s",
        "ş": "s", "ć": "c", "ń": "n", "ź": "z", "ż": "z", "ř": "r", "č": "c", "š": "s", "ž": "z", "ě": "e",
        "ß": "ss", "æ": "ae", "œ": "oe",
    ]
}
