/// Writes the sample org's `LeadHistory.csv`: how each lead's tracked fields reached their exported values.
///
/// Salesforce records a row when a lead is created and whenever a tracked field changes; the sample
/// org tracks Status and Rating, the two fields reps fill in after talking to a lead. The rows are
/// drawn from their own random stream, so Lead.csv and truth.csv stay byte-identical to an org
/// without history, and they always replay to the lead's final Lead.csv values: every change lies
/// between CreatedDate and SystemModstamp (which is before the export time).
///
/// Rows are ordered by lead (Lead.csv order), each lead's rows by CreatedDate; Ids increase down the file.
/// docs/sample-org.md describes the timeline and its rates.
struct SampleHistoryWriter {
    /// What the history needs to know about one lead: its exported values and the moments that bound them.
    struct Lead {
        var id: [UInt8]
        var createdSecond: Int
        var leadSource: SampleVocabulary.LeadSource?
        var status: SampleVocabulary.LeadStatus
        var rating: SampleVocabulary.Rating?
        /// When the lead was converted, for leads converted before the export.
        var conversionSecond: Int?
        /// SystemModstamp: the last edit, so no history row may come later.
        var lastEditSecond: Int
    }

    static let header = ["Id", "LeadId", "CreatedDate", "Field", "OldValue", "NewValue"]
    /// Share of web-form leads whose form sets Rating at creation (no history row for it).
    static let webFormRatingShare = 0.35
    /// Share of rep-rated leads rated twice (e.g. Warm, then Hot).
    static let ratedTwiceShare = 0.2
    /// Mean delay from creation to the first call, and from the first call to the rep's rating.
    static let firstTouchMeanSeconds = 1.5 * Double(SampleOrgGenerator.secondsPerDay)
    static let ratingMeanSeconds = 21.0 * Double(SampleOrgGenerator.secondsPerDay)
    /// Share of closed leads whose rating is set in the closing edit (conversion, or Closed - Not Converted).
    static let ratedAtClosingShare = 0.6

    private var random: SeededRandom
    private var idCounter: UInt64
    private let days: SampleDayTable
    private(set) var rowCount = 0

    private struct Event {
        var second: Int
        var field: [UInt8]
        var oldValue: [UInt8]?
        var newValue: [UInt8]?
    }

    /// `seed` is the org's seed: the history stream is derived from it but separate from the leads' stream.
    init(seed: UInt64, days: SampleDayTable) {
        var random = SeededRandom(seed: seed ^ 0x4C65_6164_4869_7374) // "LeadHist"
        idCounter = 0x40_0000_0000 + UInt64(random.int(below: 1 << 34))
        self.random = random
        self.days = days
    }

    func writeHeader(to file: inout SampleCSVFileWriter) {
        for name in Self.header { file.textField(Array(name.utf8)) }
        file.endRow()
    }

    mutating func write(_ lead: Lead, to file: inout SampleCSVFileWriter) {
        var events = [Event(second: lead.createdSecond, field: Self.createdEvent, oldValue: nil, newValue: nil)]
        let firstTouch = statusEvents(lead, into: &events)
        ratingEvents(lead, firstTouch: firstTouch, into: &events)
        // Stable order: by time, then in the order the events happened to the lead.
        let ordered = events.indices.sorted { (events[$0].second, $0) < (events[$1].second, $1) }
        for index in ordered {
            let event = events[index]
            idCounter += UInt64(1 + random.int(below: 3))
            file.textField(SampleOrgRun.mintId(prefix: "017", counter: idCounter))
            file.textField(lead.id)
            file.dateTimeField(event.second, days: days)
            file.textField(event.field)
            file.textField(event.oldValue)
            file.textField(event.newValue)
            file.endRow()
        }
        rowCount += events.count
    }

    /// Status starts at the picklist default and moves as reps work the lead: Working - Contacted at the
    /// first call, Closed - Converted at conversion (with a `leadConverted` row), Closed - Not Converted
    /// at the lead's last edit. Returns the first call, when there was one.
    private mutating func statusEvents(_ lead: Lead, into events: inout [Event]) -> Int? {
        let created = lead.createdSecond
        func change(_ second: Int, _ from: SampleVocabulary.LeadStatus, _ to: SampleVocabulary.LeadStatus) {
            events.append(Event(second: second, field: Self.statusField, oldValue: Self.statusBytes[from.rawValue],
                                newValue: Self.statusBytes[to.rawValue]))
        }
        switch lead.status {
        case .openNotContacted:
            return nil
        case .workingContacted:
            let touch = firstTouch(created: created, before: lead.lastEditSecond + 1) ?? lead.lastEditSecond
            change(touch, .openNotContacted, .workingContacted)
            return touch
        case .closedConverted:
            let converted = lead.conversionSecond ?? lead.lastEditSecond
            let touch = random.bernoulli(0.9) ? firstTouch(created: created, before: converted) : nil
            if let touch { change(touch, .openNotContacted, .workingContacted) }
            change(converted, touch == nil ? .openNotContacted : .workingContacted, .closedConverted)
            events.append(Event(second: converted, field: Self.convertedEvent, oldValue: nil, newValue: nil))
            return touch
        case .closedNotConverted:
            let closed = lead.lastEditSecond
            let touch = random.bernoulli(0.8) ? firstTouch(created: created, before: closed) : nil
            if let touch { change(touch, .openNotContacted, .workingContacted) }
            change(closed, touch == nil ? .openNotContacted : .workingContacted, .closedNotConverted)
            return touch
        }
    }

    /// Rating mostly starts empty and is set by a rep days after the first call (before any conversion);
    /// some web forms set it at creation, which leaves no row; some leads are rated twice.
    private mutating func ratingEvents(_ lead: Lead, firstTouch: Int?, into events: inout [Event]) {
        guard let final = lead.rating else { return }
        var initial: SampleVocabulary.Rating?
        if lead.leadSource == .web, random.bernoulli(Self.webFormRatingShare) {
            initial = random.bernoulli(0.6) ? final : Self.neighbour(of: final, using: &random)
        }
        guard initial != final else { return }
        let start = firstTouch ?? lead.createdSecond
        let limit = max(start, lead.conversionSecond ?? lead.lastEditSecond)
        let closing = lead.status == .closedConverted || lead.status == .closedNotConverted
        let rated = closing && random.bernoulli(Self.ratedAtClosingShare)
            ? limit : delayed(from: start, mean: Self.ratingMeanSeconds, limit: limit)
        func change(_ second: Int, _ from: SampleVocabulary.Rating?, _ to: SampleVocabulary.Rating) {
            events.append(Event(second: second, field: Self.ratingField, oldValue: from.map { Self.ratingBytes[$0.rawValue] },
                                newValue: Self.ratingBytes[to.rawValue]))
        }
        if initial == nil, limit - rated >= 2, random.bernoulli(Self.ratedTwiceShare) {
            let first = Self.neighbour(of: final, using: &random)
            change(rated, nil, first)
            change(rated + 1 + random.int(below: limit - rated - 1), first, final)
        } else {
            change(rated, initial, final)
        }
    }

    /// A first call hours or days after creation and strictly before `limit`; `nil` when there is no room.
    private mutating func firstTouch(created: Int, before limit: Int) -> Int? {
        guard limit - created >= 2 else { return nil }
        return delayed(from: created, mean: Self.firstTouchMeanSeconds, limit: limit - 1)
    }

    /// `start` plus an exponential delay; a draw past `limit` falls uniformly in `start...limit` instead.
    private mutating func delayed(from start: Int, mean: Double, limit: Int) -> Int {
        let second = start + Int(random.exponential(mean: mean))
        if second <= limit { return second }
        return start + Int(random.uniform() * Double(limit - start))
    }

    /// A different rating one step away (Hot ↔ Warm ↔ Cold), as a rep's first impression would be.
    private static func neighbour(of rating: SampleVocabulary.Rating, using random: inout SeededRandom) -> SampleVocabulary.Rating {
        switch rating {
        case .hot, .cold: .warm
        case .warm: random.bernoulli(0.5) ? .hot : .cold
        }
    }

    private static let createdEvent = Array("created".utf8)
    private static let convertedEvent = Array("leadConverted".utf8)
    private static let statusField = Array("Status".utf8)
    private static let ratingField = Array("Rating".utf8)
    private static let statusBytes = SampleVocabulary.LeadStatus.allCases.map { Array($0.label.utf8) }
    private static let ratingBytes = SampleVocabulary.Rating.allCases.map { Array($0.label.utf8) }
}
