import Testing
@testable import LeadscoreData

struct ValueParsingTests {
    @Test(arguments: [
        ("2025-03-04T15:22:10.000+0000", 1_741_101_730.0),
        ("2025-03-04T15:22:10Z", 1_741_101_730.0),
        ("2025-03-04T16:22:10+01:00", 1_741_101_730.0),
        ("2025-03-04T10:22:10.000-0500", 1_741_101_730.0),
        ("2025-03-04 15:22:10", 1_741_101_730.0),
        ("2025-03-04", 1_741_046_400.0),
        ("3/4/2025", 1_741_046_400.0),
        ("3/4/2025 3:22 PM", 1_741_101_720.0),
        ("3/4/2025, 12:05 AM", 1_741_046_700.0),
        ("2024-02-29", 1_709_164_800.0),
        ("1969-12-31", -86_400.0),
    ])
    func parsesSalesforceDateFormats(text: String, seconds: Double) {
        #expect(SalesforceDate.parse(text) == seconds)
    }

    @Test(arguments: ["2025-02-30", "2025-13-01", "13/40/2025", "yesterday", "2025-03-04T25:00:00Z", "2025-03-04T10:00:00+5", ""])
    func refusesInvalidDates(text: String) {
        #expect(SalesforceDate.parse(text) == nil)
    }

    @Test func formatsRoundTrip() {
        let seconds = 1_741_101_730.0
        #expect(SalesforceDate.formatDateTime(seconds) == "2025-03-04T15:22:10Z")
        #expect(SalesforceDate.formatSalesforceDateTime(seconds) == "2025-03-04T15:22:10.000+0000")
        #expect(SalesforceDate.formatDate(seconds) == "2025-03-04")
        #expect(SalesforceDate.formatDate(-1) == "1969-12-31")
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = SalesforceDate.civilFromDays(day)
            #expect(SalesforceDate.daysFromCivil(y, m, d) == day)
        }
    }

    @Test func formatsEveryDayAndTimeAsPrintfDoes() {
        // Days from year 0 to 9999 (and beyond, where the year is not four digits), times across each day.
        for day in stride(from: -719_528 - 400, through: 2_932_896 + 400, by: 373) {
            let secondOfDay = (day &* 7_919) % 86_400
            let seconds = Double(day * 86_400 + (secondOfDay < 0 ? secondOfDay + 86_400 : secondOfDay)) + 0.75
            let (days, second) = Int(seconds.rounded(.down)).floorDivided(by: 86_400)
            let (y, m, d) = SalesforceDate.civilFromDays(days)
            let year = y >= 0 ? String(format: "%04d", y) : String(y).leftPadded(to: 4)
            let date = year + String(format: "-%02d-%02d", m, d)
            #expect(SalesforceDate.formatDate(seconds) == date, "day \(day)")
            #expect(SalesforceDate.formatDateTime(seconds)
                == date + String(format: "T%02d:%02d:%02dZ", second / 3600, (second % 3600) / 60, second % 60), "day \(day)")
        }
    }

    @Test(arguments: [("1,200", 1200.0), ("$2,500,000.50", 2_500_000.5), ("12.5%", 12.5), ("-3", -3.0), ("1e3", 1000.0)])
    func parsesExportedNumbers(text: String, value: Double) {
        #expect(FieldParser.parseNumber(text) == value)
    }

    @Test(arguments: ["12abc", "1,20", "1.2.3", "nan", "inf", "--1"])
    func refusesNonNumbers(text: String) {
        #expect(FieldParser.parseNumber(text) == nil)
    }

    @Test(arguments: ["1e39", "-1e300", "340282350000000000000000000000000000001"])
    func refusesNumbersBeyondFloatRange(text: String) {
        guard case let .failure(problem) = FieldParser.parse(text, as: .number) else {
            Issue.record("\(text) parsed although a model input (Float) cannot hold it")
            return
        }
        #expect(problem.problem.contains("beyond the range"))
        #expect(FieldParser.parse("3e38", as: .number) == .success(.number(3e38)))
    }

    @Test func parsesBooleansAndRefusesOthers() {
        for yes in ["true", "TRUE", "1", "Yes", "y"] { #expect(FieldParser.parseBoolean(yes) == true) }
        for no in ["false", "0", "No", "N"] { #expect(FieldParser.parseBoolean(no) == false) }
        #expect(FieldParser.parseBoolean("maybe") == nil)
        guard case let .failure(problem) = FieldParser.parse("maybe", as: .boolean) else {
            Issue.record("'maybe' parsed as a boolean")
            return
        }
        #expect(problem.fix.contains("Yes/No"))
    }

    @Test func emptyIsMissingAndIdsAreChecked() {
        #expect(FieldParser.parse("  ", as: .number) == .success(.missing))
        #expect(FieldParser.parse(SalesforceId.caseSafe("00Q000000000001"), as: .id) == .success(.text(SalesforceId.caseSafe("00Q000000000001"))))
        if case .success = FieldParser.parse("00Q000000000001XYZ", as: .id) { Issue.record("bad checksum accepted") }
    }

    @Test func derivesEmailClassAndTitleParts() {
        #expect(EmailDomainClassifier.classify("Ann@Gmail.com") == .free)
        #expect(EmailDomainClassifier.classify("ann@mail.yahoo.co.uk") == .free)
        #expect(EmailDomainClassifier.classify("ann@acme.io") == .corporate)
        #expect(EmailDomainClassifier.classify("not-an-email") == .invalid)
        #expect(TitleClassifier.seniority(of: "Chief Executive Officer") == .cLevel)
        #expect(TitleClassifier.seniority(of: "Vice President, Marketing") == .vp)
        #expect(TitleClassifier.seniority(of: "Head of Operations") == .director)
        #expect(TitleClassifier.seniority(of: "Sales Team Lead") == .manager)
        #expect(TitleClassifier.seniority(of: "Executive Assistant to the CEO") == .entry)
        #expect(TitleClassifier.seniority(of: "Account Executive") == .individual)
        #expect(TitleClassifier.function(of: "CTO") == .it)
        #expect(TitleClassifier.function(of: "VP of Sales") == .sales)
        #expect(TitleClassifier.function(of: "Director of People") == .hr)
        #expect(TitleClassifier.function(of: "Vice President, Finance") == .finance)
        #expect(TitleClassifier.function(of: "Chief Information Officer") == .it)
        #expect(TitleClassifier.function(of: "Chief Operating Officer") == .operations)
        #expect(TitleClassifier.function(of: "Founder & President") == .executive)
        // Two-word keywords match only adjacent words, in order, anywhere in the title.
        #expect(TitleClassifier.function(of: "Senior Human Resources Partner") == .hr)
        #expect(TitleClassifier.function(of: "Resources Human") == .other)
        #expect(TitleClassifier.function(of: "Business Development Rep") == .sales)
        #expect(TitleClassifier.seniority(of: "Partner, Managing Director") == .cLevel)
        #expect(TitleClassifier.seniority(of: "Director, Managing") == .director)
    }
}
