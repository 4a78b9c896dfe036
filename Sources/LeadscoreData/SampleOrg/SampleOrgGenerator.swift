import Foundation

/// Writes a synthetic Salesforce org: what an admin would export for Leads, plus the truth behind it.
///
/// The sample org is the demo default and the project's test bed. It is deterministic (the same seed
/// gives byte-identical files), it looks like a real Data Loader export (quoting, CRLF, nulls as `""`,
/// commas and quotes in company names, non-ASCII names, missing values at field-specific rates), and
/// it hides a documented answer: `truth.csv` carries the true probability from
/// ``LatentConversionModel`` and the realised 90-day outcome of every lead. docs/sample-org.md
/// describes every column, rate and coefficient.
///
/// ```swift
/// let summary = try SampleOrgGenerator(leads: 50_000, seed: 42).write(to: URL(fileURLWithPath: "sample-org"))
/// // sample-org/Lead.csv, truth.csv, describe.json and LeadHistory.csv
/// ```
public struct SampleOrgGenerator: Sendable {
    /// The moment of the export, fixed so that files never depend on today's date: 2025-07-01T00:00:00Z.
    public static let exportTime = Date(timeIntervalSince1970: TimeInterval(exportDay * secondsPerDay))
    /// The label window: a lead is positive when it converts within this many days of CreatedDate.
    public static let labelWindowDays = 90
    /// The files ``write(to:)`` produces.
    public static let fileNames = ["Lead.csv", "truth.csv", "describe.json", "LeadHistory.csv"]

    public let leads: Int
    public let seed: UInt64

    public init(leads: Int, seed: UInt64) {
        self.leads = leads
        self.seed = seed
    }

    /// Writes Lead.csv, truth.csv, describe.json and LeadHistory.csv into `directory`, creating it when needed.
    ///
    /// Throws ``SampleOrgError/invalidLeadCount(_:)`` for fewer than one lead, and the other
    /// ``SampleOrgError`` cases when the directory or a file cannot be written.
    public func write(to directory: URL) throws -> SampleOrgSummary {
        guard leads >= 1 else { throw SampleOrgError.invalidLeadCount(leads) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SampleOrgError.cannotCreateDirectory(path: directory.path, reason: error.localizedDescription)
        }
        var leadFile = try SampleCSVFileWriter(url: directory.appendingPathComponent(Self.fileNames[0]))
        var truthFile = try SampleCSVFileWriter(url: directory.appendingPathComponent(Self.fileNames[1]))
        var historyFile = try SampleCSVFileWriter(url: directory.appendingPathComponent(Self.fileNames[3]))
        var run = SampleOrgRun(leadCount: leads, seed: seed)
        try run.writeAll(leads: &leadFile, truth: &truthFile, history: &historyFile)
        try leadFile.close()
        try truthFile.close()
        try historyFile.close()

        let describeURL = directory.appendingPathComponent(Self.fileNames[2])
        do {
            try SampleDescribe.jsonData().write(to: describeURL, options: .atomic)
        } catch {
            throw SampleOrgError.cannotWriteFile(path: describeURL.path, reason: error.localizedDescription)
        }
        return SampleOrgSummary(
            leads: leads, seed: seed, converted: run.convertedCount,
            positivesWithinWindow: run.positiveCount, matureLeads: run.matureCount,
            maturePositivesWithinWindow: run.maturePositiveCount, historyRows: run.historyRowCount, files: Self.fileNames
        )
    }

    // MARK: Calendar

    static let secondsPerDay = 86_400
    /// Days since 1970-01-01 (UTC) of the first and last CreatedDate, of the export, and of the
    /// process change.
    static let firstCreatedDay = epochDay(year: 2023, month: 7, day: 1)
    static let lastCreatedDay = epochDay(year: 2025, month: 6, day: 30)
    static let exportDay = epochDay(year: 2025, month: 7, day: 1)
    static let processChangeDay = epochDay(
        year: LatentConversionModel.processChangeDate.year,
        month: LatentConversionModel.processChangeDate.month,
        day: LatentConversionModel.processChangeDate.day
    )

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's `days_from_civil`),
    /// so dates are formatted without Foundation's calendar and its time-zone state.
    static func epochDay(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of ``epochDay(year:month:day:)`` (Hinnant's `civil_from_days`).
    static func civilDate(epochDay: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = epochDay + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// What ``SampleOrgGenerator/write(to:)`` produced, for the CLI to print and tests to check.
public struct SampleOrgSummary: Sendable, Codable, Equatable {
    public let leads: Int
    public let seed: UInt64
    /// Leads with IsConverted = true in the export (conversions after the export time are not visible).
    public let converted: Int
    /// Leads whose realised outcome is a conversion within 90 days of CreatedDate (truth.csv's 1s),
    /// whether or not the export can show it yet.
    public let positivesWithinWindow: Int
    /// Leads created at least 90 days before the export: the ones whose label is fully observable.
    public let matureLeads: Int
    public let maturePositivesWithinWindow: Int
    /// Rows in LeadHistory.csv (creation events and Status/Rating changes), header excluded.
    public let historyRows: Int
    /// File names written into the output directory.
    public let files: [String]
}

/// Why a sample org could not be written, with what to do about it.
public enum SampleOrgError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case invalidLeadCount(Int)
    case cannotCreateDirectory(path: String, reason: String)
    case cannotWriteFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidLeadCount(let count):
            "--leads must be at least 1 (got \(count))"
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the output directory \(path) (\(reason)); choose a writable location"
        case .cannotWriteFile(let path, let reason):
            "cannot write \(path) (\(reason)); check free disk space and permissions"
        }
    }

    public var errorDescription: String? { description }
}

// MARK: - One generation pass

/// One pass over the org: the random stream, the pools leads draw from, and the running counts.
///
/// Every lead is drawn in three steps that mirror the real world: what marketing knows when the lead
/// arrives (``SampleLeadProfile``), what happens next (``SampleLeadOutcome``, drawn from the true
/// probability), and what the export shows. Only the first step feeds ``LatentConversionModel``.
/// Companies are a pool of `leads / 3 + 20`, so several leads share a company's facts.
struct SampleOrgRun {
    private var random: SeededRandom
    private let companies: [SampleVocabulary.Company]
    private let owners: [[UInt8]]
    private let ownerTable: SeededRandom.WeightedTable<Int>
    private let queues: [[UInt8]]
    private let createdSeconds: [Int]
    private let days: SampleDayTable
    private var leadCounter: UInt64
    private var opportunityCounter: UInt64
    /// LeadHistory.csv's rows come from their own stream, so adding them leaves Lead.csv unchanged.
    private var history: SampleHistoryWriter

    private(set) var convertedCount = 0
    private(set) var positiveCount = 0
    private(set) var matureCount = 0
    private(set) var maturePositiveCount = 0
    var historyRowCount: Int { history.rowCount }

    init(leadCount: Int, seed: UInt64) {
        var random = SeededRandom(seed: seed)
        days = SampleDayTable(firstDay: SampleOrgGenerator.firstCreatedDay, lastDay: SampleOrgGenerator.exportDay)
        var companies: [SampleVocabulary.Company] = []
        companies.reserveCapacity(leadCount / 3 + 20)
        for _ in 0..<(leadCount / 3 + 20) { companies.append(SampleVocabulary.makeCompany(using: &random)) }
        self.companies = companies

        // ~40 reps with uneven territories, and two lead queues for unassigned new leads.
        var userCounter = 0x2_0000_0000 + UInt64(random.int(below: 1 << 30))
        var owners: [[UInt8]] = []
        var ownerWeights: [(Int, Double)] = []
        for index in 0..<40 {
            userCounter += UInt64(1 + random.int(below: 5000))
            owners.append(Self.mintId(prefix: "005", counter: userCounter))
            ownerWeights.append((index, random.uniform(0.3, 1.7)))
        }
        self.owners = owners
        ownerTable = SeededRandom.WeightedTable(ownerWeights)
        var queueCounter = 0x1_0000_0000 + UInt64(random.int(below: 1 << 30))
        queues = (0..<2).map { _ in
            queueCounter += 17
            return Self.mintId(prefix: "00G", counter: queueCounter)
        }

        var created: [Int] = []
        created.reserveCapacity(leadCount)
        let dayTable = Self.creationVolume()
        for _ in 0..<leadCount {
            let day = SampleOrgGenerator.firstCreatedDay + dayTable.index(using: &random)
            let second = Int(random.normal(mean: 16.5 * 3600, standardDeviation: 3.2 * 3600))
            let secondOfDay = ((second % SampleOrgGenerator.secondsPerDay) + SampleOrgGenerator.secondsPerDay)
                % SampleOrgGenerator.secondsPerDay
            created.append(day * SampleOrgGenerator.secondsPerDay + secondOfDay)
        }
        created.sort()
        createdSeconds = created
        leadCounter = 0x30_0000_0000 + UInt64(random.int(below: 1 << 34))
        opportunityCounter = 0x20_0000_0000 + UInt64(random.int(below: 1 << 34))
        history = SampleHistoryWriter(seed: seed, days: days)
        self.random = random
    }

    /// Relative lead volume for each creation day: fewer leads at weekends, in summer and at Christmas,
    /// more in January and at quarter ends, a steady 30% growth over the two years, and a 15% step up
    /// with the process change.
    private static func creationVolume() -> SeededRandom.WeightedTable<Int> {
        let monthVolume = [1.10, 1.05, 1.10, 1.00, 1.00, 0.95, 0.85, 0.80, 1.05, 1.10, 1.00, 0.75]
        let weekdayVolume = [1.15, 1.20, 1.20, 1.10, 0.90, 0.30, 0.25] // Monday … Sunday
        let first = SampleOrgGenerator.firstCreatedDay
        let span = Double(SampleOrgGenerator.lastCreatedDay - first)
        return SeededRandom.WeightedTable((first...SampleOrgGenerator.lastCreatedDay).map { day in
            let month = SampleOrgGenerator.civilDate(epochDay: day).month
            let weekday = (day + 3) % 7 // 1970-01-01 was a Thursday
            var weight = monthVolume[month - 1] * weekdayVolume[weekday] * (1 + 0.3 * Double(day - first) / span)
            if day >= SampleOrgGenerator.processChangeDay { weight *= 1.15 }
            return (day - first, weight)
        })
    }

    /// A 15-character Id (key prefix, pod "5e", reserved "0", nine base-62 digits of `counter`) with
    /// its case-safe suffix: 18 bytes.
    static func mintId(prefix: String, counter: UInt64) -> [UInt8] {
        var id = Array(prefix.utf8) + Array("5e0".utf8)
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: 9)
        var remaining = counter
        for position in stride(from: 8, through: 0, by: -1) {
            digits[position] = base62[Int(remaining % 62)]
            remaining /= 62
        }
        id += digits
        return id + SalesforceId.checksumSuffix(of: id)
    }

    private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    // MARK: Writing

    mutating func writeAll(leads leadFile: inout SampleCSVFileWriter, truth truthFile: inout SampleCSVFileWriter,
                           history historyFile: inout SampleCSVFileWriter) throws {
        for name in SampleDescribe.columnNames { leadFile.textField(Array(name.utf8)) }
        leadFile.endRow()
        truthFile.append(Array("Id,TrueProbability,ConvertedWithinWindow\n".utf8))
        history.writeHeader(to: &historyFile)

        let matureBefore = (SampleOrgGenerator.exportDay - SampleOrgGenerator.labelWindowDays) * SampleOrgGenerator.secondsPerDay
        for createdSecond in createdSeconds {
            leadCounter += UInt64(1 + random.int(below: 37))
            let id = Self.mintId(prefix: "00Q", counter: leadCounter)
            let profile = drawProfile(createdSecond: createdSecond)
            let outcome = drawOutcome(profile)
            writeLead(id: id, profile, outcome, to: &leadFile)
            writeTruth(id: id, outcome, to: &truthFile)
            history.write(SampleHistoryWriter.Lead(
                id: id, createdSecond: createdSecond, leadSource: profile.inputs.leadSource, status: outcome.status,
                rating: outcome.rating, conversionSecond: outcome.conversionSecond,
                lastEditSecond: outcome.systemModstampSecond), to: &historyFile)
            if outcome.convertedDay != nil { convertedCount += 1 }
            if outcome.convertsWithinWindow { positiveCount += 1 }
            if createdSecond <= matureBefore {
                matureCount += 1
                if outcome.convertsWithinWindow { maturePositiveCount += 1 }
            }
            try leadFile.flushIfFull()
            try truthFile.flushIfFull()
            try historyFile.flushIfFull()
        }
    }
}

// MARK: - Drawing a lead

/// What is known about a lead before anyone works it: everything the latent model may read.
private struct SampleLeadProfile {
    var createdSecond: Int
    var inputs: LatentConversionModel.Inputs
    /// Index into the run's company pool (an index, so profiles do not copy the company's arrays).
    var companyIndex: Int
    var state: Int?
    var firstName: Int?
    var lastName: Int
    /// Index into ``SampleVocabulary/titles`` and which written variant.
    var title: (index: Int, variant: Int)?
    var emailStyle: Int
    var freeMailDomain: Int
    var freeMailNumber: Int?
    /// Random digits for the phone number, `nil` when Phone is empty.
    var phoneDigits: UInt64?
}

/// What happened to a lead afterwards, and how much of it the export can see.
private struct SampleLeadOutcome {
    var probability: Double
    var convertsWithinWindow: Bool
    /// ConvertedDate as an epoch day, only when the conversion happened before the export.
    var convertedDay: Int?
    /// The moment of that conversion (08:00–20:00 on ConvertedDate): Status and LeadHistory change then.
    var conversionSecond: Int?
    var status: SampleVocabulary.LeadStatus
    /// `nil` when Rating is empty.
    var rating: SampleVocabulary.Rating?
    var lastActivityDay: Int?
    var systemModstampSecond: Int
    var owner: [UInt8]
    var opportunityId: [UInt8]?
}

extension SampleOrgRun {
    private static let sourcesBeforeChange = SeededRandom.WeightedTable<SampleVocabulary.LeadSource>([
        (.web, 25), (.phoneInquiry, 8), (.partnerReferral, 8), (.purchasedList, 20), (.tradeShow, 15),
        (.webinar, 10), (.employeeReferral, 4), (.other, 10),
    ])
    private static let sourcesAfterChange = SeededRandom.WeightedTable<SampleVocabulary.LeadSource>([
        (.web, 33), (.phoneInquiry, 8), (.partnerReferral, 9), (.purchasedList, 9), (.tradeShow, 8),
        (.webinar, 19), (.employeeReferral, 5), (.other, 9),
    ])
    /// Small companies are run by their founders, so their leads are C-level more often.
    private static let senioritySmallCompany = SeededRandom.WeightedTable(SampleVocabulary.Seniority.allCases.map {
        ($0, SampleVocabulary.seniorityWeight($0) * ($0 == .cLevel ? 3 : 1))
    })
    private static let seniorityOther = SeededRandom.WeightedTable(SampleVocabulary.Seniority.allCases.map {
        ($0, SampleVocabulary.seniorityWeight($0))
    })
    /// Rating by what reps have seen (`nil` is an empty Rating): converted leads are nearly all Hot,
    /// leads still being worked towards a conversion mostly Hot or Warm, the rest rarely Hot.
    private static let ratingConverted = SeededRandom.WeightedTable<SampleVocabulary.Rating?>([
        (.hot, 85), (.warm, 12), (.cold, 3),
    ])
    private static let ratingInProgress = SeededRandom.WeightedTable<SampleVocabulary.Rating?>([
        (.hot, 40), (.warm, 35), (.cold, 5), (nil, 20),
    ])
    private static let ratingOther = SeededRandom.WeightedTable<SampleVocabulary.Rating?>([
        (.hot, 4), (.warm, 25), (.cold, 30), (nil, 41),
    ])

    /// How much a lead source's leads care, on the latent interest scale.
    private static func interestShift(_ source: SampleVocabulary.LeadSource?) -> Double {
        switch source {
        case .web, .webinar: 0.15
        case .phoneInquiry: 0.20
        case .partnerReferral, .employeeReferral: 0.30
        case .purchasedList: -0.50
        case .tradeShow: -0.10
        case .other: 0.00
        case nil: -0.10
        }
    }

    private static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// Draws everything marketing knows when the lead arrives, with the export's missing values applied.
    fileprivate mutating func drawProfile(createdSecond: Int) -> SampleLeadProfile {
        let createdDay = createdSecond / SampleOrgGenerator.secondsPerDay
        let afterChange = createdDay >= SampleOrgGenerator.processChangeDay
        let source: SampleVocabulary.LeadSource? = random.bernoulli(0.03) ? nil
            : (afterChange ? Self.sourcesAfterChange : Self.sourcesBeforeChange).pick(using: &random)
        let companyIndex = random.int(below: companies.count)
        let company = companies[companyIndex]
        let industry = random.bernoulli(0.20) ? nil : company.industry
        let employees = random.bernoulli(0.30) ? nil : company.employees
        let revenue = random.bernoulli(0.45) ? nil : company.annualRevenue
        let country = random.bernoulli(0.10) ? nil : company.country
        let state = country == nil || random.bernoulli(0.08) ? nil : company.state
        let firstName = random.bernoulli(0.03) ? nil : SampleVocabulary.firstNamePool.pick(accentedShare: 0.05, using: &random)
        let lastName = SampleVocabulary.lastNamePool.pick(accentedShare: 0.05, using: &random)

        var title: (index: Int, variant: Int)?
        if !random.bernoulli(0.15) {
            let seniorities = company.employees < 50 ? Self.senioritySmallCompany : Self.seniorityOther
            let candidates = SampleVocabulary.titleIndexesBySeniority[seniorities.pick(using: &random).rawValue]
            title = (random.pick(candidates), SampleVocabulary.titleVariantWeights.pick(using: &random))
        }

        // Email: 3% empty, then a quarter of the rest free-mail (0.03 + 0.97 × 0.25 = 0.2725).
        let emailDraw = random.uniform()
        let email: LatentConversionModel.EmailKind = emailDraw < 0.03 ? .missing : emailDraw < 0.2725 ? .freeMail : .corporate
        let emailStyle = random.int(below: 20)
        let freeMailDomain = random.int(below: SampleVocabulary.freeMailDomains.count)
        let freeMailNumber = random.bernoulli(0.5) ? random.int(in: 1...99) : nil
        let phoneDigits: UInt64? = random.bernoulli(0.25) ? nil : random.next()

        // Engagement follows a latent interest the export never shows; the model reads only the counts.
        let interest = random.normal() + Self.interestShift(source)
        let optedOut = random.bernoulli(Self.sigmoid(-2.7 - 0.5 * interest + (source == .purchasedList ? 0.9 : 0)))
        let noMarketingRecord = random.bernoulli(0.04)
        let opens = random.poisson(mean: exp(1.2 + 0.55 * interest) * (optedOut ? 0.25 : 1))
        let views = random.poisson(mean: exp(1.5 + 0.6 * interest))
        let pricing = random.poisson(mean: exp(-1.1 + 0.9 * interest))
        let downloads = random.poisson(mean: exp(-0.7 + 0.6 * interest))
        let webinar = random.bernoulli(source == .webinar ? 0.8 : Self.sigmoid(-2.3 + 0.8 * interest))
        let demo = random.bernoulli(Self.sigmoid(-2.8 + 0.9 * interest + (pricing > 0 ? 0.5 : 0)))

        var interests = 0
        if !random.bernoulli(0.35) {
            let extraChance = Self.sigmoid(-0.8 + 0.5 * interest)
            let count = 1 + (random.bernoulli(extraChance) ? 1 : 0) + (random.bernoulli(extraChance * 0.5) ? 1 : 0)
            while interests.nonzeroBitCount < count {
                interests |= 1 << random.int(below: SampleVocabulary.productInterests.count)
            }
        }

        let inputs = LatentConversionModel.Inputs(
            leadSource: source,
            industry: industry,
            numberOfEmployees: employees,
            annualRevenue: revenue,
            seniority: title.map { SampleVocabulary.titles[$0.index].seniority },
            function: title.map { SampleVocabulary.titles[$0.index].function },
            email: email,
            hasPhone: phoneDigits != nil,
            country: country,
            productInterestMask: interests,
            emailOpens: noMarketingRecord || random.bernoulli(0.015) ? nil : opens,
            webPageViews: noMarketingRecord || random.bernoulli(0.015) ? nil : views,
            pricingPageVisits: noMarketingRecord || random.bernoulli(0.015) ? nil : pricing,
            contentDownloads: noMarketingRecord || random.bernoulli(0.015) ? nil : downloads,
            webinarAttended: webinar,
            demoRequested: demo,
            hasOptedOutOfEmail: optedOut,
            createdMonth: days.month(of: createdDay),
            createdAfterProcessChange: afterChange
        )
        return SampleLeadProfile(
            createdSecond: createdSecond, inputs: inputs, companyIndex: companyIndex, state: state,
            firstName: firstName, lastName: lastName, title: title, emailStyle: emailStyle,
            freeMailDomain: freeMailDomain, freeMailNumber: freeMailNumber, phoneDigits: phoneDigits
        )
    }

    /// Draws the outcome from the true probability, then what reps did and what the export can see.
    fileprivate mutating func drawOutcome(_ profile: SampleLeadProfile) -> SampleLeadOutcome {
        let probability = LatentConversionModel.probability(profile.inputs)
        let createdDay = profile.createdSecond / SampleOrgGenerator.secondsPerDay
        let exportDay = SampleOrgGenerator.exportDay
        let convertsWithinWindow = random.bernoulli(probability)
        var conversionDay: Int?
        if convertsWithinWindow {
            var delay: Int
            repeat { delay = 1 + random.geometric(successProbability: 1.0 / 16) } while delay > 89
            conversionDay = createdDay + delay
        } else if random.bernoulli(0.03) {
            var delay: Int
            repeat { delay = 91 + random.geometric(successProbability: 1.0 / 30) } while delay > 200
            conversionDay = createdDay + delay
        }
        let convertedDay = conversionDay.flatMap { $0 < exportDay ? $0 : nil }
        let convertsAfterExport = conversionDay != nil && convertedDay == nil

        let status: SampleVocabulary.LeadStatus
        let rating: SampleVocabulary.Rating?
        if convertedDay != nil {
            status = .closedConverted
            rating = Self.ratingConverted.pick(using: &random)
        } else if convertsAfterExport {
            status = random.bernoulli(0.8) ? .workingContacted : .openNotContacted
            rating = Self.ratingInProgress.pick(using: &random)
        } else {
            // The older an unconverted lead, the likelier a rep has closed it.
            let age = Double(exportDay - createdDay)
            if random.bernoulli(0.92 * (1 - exp(-age / 45))) {
                status = .closedNotConverted
            } else {
                status = random.bernoulli(0.3 + 0.5 * exp(-age / 20)) ? .openNotContacted : .workingContacted
            }
            rating = Self.ratingOther.pick(using: &random)
        }

        let activityChance = convertedDay != nil ? 0.95 : convertsAfterExport ? 0.85 : 0.66
        var lastActivityDay: Int?
        if random.bernoulli(activityChance) {
            let latest = min(exportDay - 1, convertedDay ?? (createdDay + 60))
            lastActivityDay = random.int(in: createdDay...max(createdDay, latest))
        }

        // SystemModstamp: the last touch (creation, activity, conversion) plus a trailing edit,
        // never after the export.
        let exportSecond = exportDay * SampleOrgGenerator.secondsPerDay
        var lastTouch = profile.createdSecond
        if let lastActivityDay {
            lastTouch = max(lastTouch, lastActivityDay * SampleOrgGenerator.secondsPerDay + random.int(in: 28_800...72_000))
        }
        var conversionSecond: Int?
        if let convertedDay {
            let second = convertedDay * SampleOrgGenerator.secondsPerDay + random.int(in: 28_800...72_000)
            conversionSecond = second
            lastTouch = max(lastTouch, second)
        }
        lastTouch = min(lastTouch, exportSecond - 1)
        var modstamp = lastTouch + Int(random.exponential(mean: 4 * Double(SampleOrgGenerator.secondsPerDay)))
        if modstamp >= exportSecond {
            modstamp = lastTouch + Int(random.uniform() * Double(exportSecond - 1 - lastTouch))
        }

        let owner = status == .openNotContacted && random.bernoulli(0.35)
            ? queues[random.int(below: queues.count)]
            : owners[ownerTable.pick(using: &random)]
        var opportunityId: [UInt8]?
        if convertedDay != nil {
            opportunityCounter += UInt64(1 + random.int(below: 9))
            opportunityId = Self.mintId(prefix: "006", counter: opportunityCounter)
        }
        return SampleLeadOutcome(
            probability: probability, convertsWithinWindow: convertsWithinWindow, convertedDay: convertedDay,
            conversionSecond: conversionSecond, status: status, rating: rating, lastActivityDay: lastActivityDay,
            systemModstampSecond: modstamp, owner: owner, opportunityId: opportunityId
        )
    }
}

// MARK: - Formatting a lead

extension SampleOrgRun {
    private static let leadSourceBytes = SampleVocabulary.LeadSource.allCases.map { Array($0.label.utf8) }
    private static let industryBytes = SampleVocabulary.industries.map { Array($0.utf8) }
    private static let statusBytes = SampleVocabulary.LeadStatus.allCases.map { Array($0.label.utf8) }
    private static let ratingBytes = SampleVocabulary.Rating.allCases.map { Array($0.label.utf8) }
    private static let productBytes = SampleVocabulary.productInterests.map { Array($0.utf8) }
    private static let countryBytes = SampleVocabulary.Country.allCases.map { Array($0.label.utf8) }
    private static let stateBytes = SampleVocabulary.Country.allCases.map { $0.states.map { Array($0.0.utf8) } }
    private static let freeMailBytes = SampleVocabulary.freeMailDomains.map { Array($0.utf8) }
    private static let dotCom = Array(".com".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)

    /// Phone layouts by country; `#` is replaced by a random digit. North American numbers use the
    /// fictional 555-01xx block, UK ones Ofcom's drama range, and they come in the three ways people type them.
    private static let phonePatterns: [[[UInt8]]] = SampleVocabulary.Country.allCases.map { country in
        let patterns: [String]
        switch country {
        case .unitedStates, .canada:
            let areaCodes = country == .canada
                ? ["416", "604", "514", "403", "613", "647"]
                : ["212", "310", "312", "415", "512", "617", "646", "650", "702", "713", "206", "303", "404", "305", "214", "408"]
            patterns = areaCodes.flatMap { ["(\($0)) 555-01##", "(\($0)) 555-01##", "\($0)-555-01##", "+1 \($0) 555 01##"] }
        case .unitedKingdom: patterns = ["+44 20 7946 0###", "+44 161 496 0###"]
        case .germany: patterns = ["+49 30 ########", "+49 89 #######"]
        case .france: patterns = ["+33 1 ## ## ## ##"]
        case .australia: patterns = ["+61 2 5550 ####", "+61 3 5550 ####"]
        case .india: patterns = ["+91 22 #### ####", "+91 80 #### ####"]
        case .netherlands: patterns = ["+31 20 ### ####"]
        case .brazil: patterns = ["+55 11 ####-####"]
        case .japan: patterns = ["+81 3 #### ####"]
        }
        return patterns.map { Array($0.utf8) }
    }

    fileprivate func writeLead(id: [UInt8], _ profile: SampleLeadProfile, _ outcome: SampleLeadOutcome, to file: inout SampleCSVFileWriter) {
        let inputs = profile.inputs
        file.textField(id)
        file.textField(profile.firstName.map { SampleVocabulary.firstNameBytes[$0] })
        file.textField(SampleVocabulary.lastNameBytes[profile.lastName])
        let company = companies[profile.companyIndex]
        file.textField(company.name)
        file.textField(profile.title.map { SampleVocabulary.titleVariants[$0.index][$0.variant] })
        writeEmail(profile, to: &file)
        writePhone(profile, to: &file)
        file.textField(inputs.leadSource.map { Self.leadSourceBytes[$0.rawValue] })
        file.textField(inputs.industry.map { Self.industryBytes[$0] })
        file.textField(Self.statusBytes[outcome.status.rawValue])
        file.textField(outcome.rating.map { Self.ratingBytes[$0.rawValue] })
        file.textField(inputs.country.map { Self.countryBytes[$0.rawValue] })
        file.textField(profile.state.map { Self.stateBytes[company.country.rawValue][$0] })
        file.beginQuotedField()
        var separator = false
        for (index, product) in Self.productBytes.enumerated() where inputs.productInterestMask & (1 << index) != 0 {
            if separator { file.append(UInt8(ascii: ";")) }
            file.append(product)
            separator = true
        }
        file.endQuotedField()
        file.integerField(inputs.numberOfEmployees)
        file.integerField(inputs.annualRevenue)
        file.integerField(inputs.emailOpens)
        file.integerField(inputs.webPageViews)
        file.integerField(inputs.pricingPageVisits)
        file.integerField(inputs.contentDownloads)
        file.textField(inputs.webinarAttended ? Self.trueBytes : Self.falseBytes)
        file.textField(inputs.demoRequested ? Self.trueBytes : Self.falseBytes)
        file.textField(inputs.hasOptedOutOfEmail ? Self.trueBytes : Self.falseBytes)
        file.dateField(outcome.lastActivityDay, days: days)
        file.textField(outcome.convertedDay != nil ? Self.trueBytes : Self.falseBytes)
        file.dateField(outcome.convertedDay, days: days)
        file.textField(outcome.opportunityId)
        file.textField(outcome.owner)
        file.dateTimeField(profile.createdSecond, days: days)
        file.dateTimeField(outcome.systemModstampSecond, days: days)
        file.endRow()
    }

    /// `Id,TrueProbability,ConvertedWithinWindow` with the probability to six decimals.
    fileprivate func writeTruth(id: [UInt8], _ outcome: SampleLeadOutcome, to file: inout SampleCSVFileWriter) {
        file.append(id)
        file.append(UInt8(ascii: ","))
        let micros = Int((outcome.probability * 1_000_000).rounded())
        file.appendInteger(micros / 1_000_000)
        file.append(UInt8(ascii: "."))
        file.appendInteger(micros % 1_000_000, width: 6)
        file.append(UInt8(ascii: ","))
        file.append(UInt8(ascii: outcome.convertsWithinWindow ? "1" : "0"))
        file.append(UInt8(ascii: "\n"))
    }

    /// Corporate addresses are first.last (or flast, first, first_last) at the company's domain;
    /// free-mail ones add the odd number, as personal addresses do.
    private func writeEmail(_ profile: SampleLeadProfile, to file: inout SampleCSVFileWriter) {
        guard profile.inputs.email != .missing else {
            file.textField(nil)
            return
        }
        let last = SampleVocabulary.lastNameSlugs[profile.lastName]
        let first = profile.firstName.map { SampleVocabulary.firstNameSlugs[$0] }
        file.beginQuotedField()
        let style = profile.emailStyle
        if let first {
            if profile.inputs.email == .corporate {
                switch style {
                case 0..<14: file.append(first); file.append(UInt8(ascii: ".")); file.append(last)
                case 14..<17: file.append(first[0]); file.append(last)
                case 17..<19: file.append(first)
                default: file.append(first); file.append(UInt8(ascii: "_")); file.append(last)
                }
            } else {
                switch style {
                case 0..<10: file.append(first); file.append(UInt8(ascii: ".")); file.append(last)
                case 10..<16: file.append(first); file.append(last)
                default: file.append(first[0]); file.append(last)
                }
            }
        } else {
            file.append(last)
        }
        if profile.inputs.email == .corporate {
            file.append(UInt8(ascii: "@"))
            file.append(companies[profile.companyIndex].domain)
            file.append(Self.dotCom)
        } else {
            if let number = profile.freeMailNumber { file.appendInteger(number) }
            file.append(UInt8(ascii: "@"))
            file.append(Self.freeMailBytes[profile.freeMailDomain])
        }
        file.endQuotedField()
    }

    private func writePhone(_ profile: SampleLeadProfile, to file: inout SampleCSVFileWriter) {
        guard var digits = profile.phoneDigits else {
            file.textField(nil)
            return
        }
        let patterns = Self.phonePatterns[companies[profile.companyIndex].country.rawValue]
        let pattern = patterns[Int(digits % UInt64(patterns.count))]
        digits /= UInt64(patterns.count)
        file.beginQuotedField()
        for byte in pattern {
            if byte == UInt8(ascii: "#") {
                file.append(UInt8(ascii: "0") + UInt8(digits % 10))
                digits /= 10
            } else {
                file.append(byte)
            }
        }
        file.endQuotedField()
    }
}
