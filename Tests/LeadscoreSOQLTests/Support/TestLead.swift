import Foundation
import LeadscoreSOQL

/// One row of the small lead table the execution tests query, with plain Swift values so the reference
/// evaluator can judge it without SQL.
///
/// The rows cover what a translation can get wrong: nulls in every nullable column (booleans too),
/// the same text in several cases (ASCII and not), LIKE's special characters in data, numbers beyond
/// 32 bits, negative and fractional, and dates and datetimes on both sides of every day, month and year
/// boundary around ``TestLead/now`` (2025-03-01T08:00:00Z).
struct TestLead: Sendable {
    var number: Int
    var lastName: String?
    var company: String?
    var status: String?
    var rating: String?
    var employees: Int64?
    var revenue: Double?
    var converted: Bool?
    var optedOut: Bool?
    var convertedDate: String?
    /// `YYYY-MM-DDThh:mm:ss.sssZ`, stored as epoch milliseconds.
    var created: String?
    var ownerId: String?

    /// The moment relative date literals resolve against: today is 2025-03-01, yesterday the last day
    /// of February (so LAST_MONTH is February), and THIS_YEAR is 2025.
    static let now = Date(timeIntervalSince1970: 1_740_816_000)  // 2025-03-01T08:00:00Z

    static let schema = SOQLSchema(object: "Lead", fields: [
        ("Id", .id), ("LastName", .text), ("Company", .text), ("Status", .text), ("Rating", .text),
        ("NumberOfEmployees", .integer), ("AnnualRevenue", .double), ("IsConverted", .boolean),
        ("HasOptedOutOfEmail", .boolean), ("ConvertedDate", .date), ("CreatedDate", .dateTime), ("OwnerId", .id),
    ])

    static let history = SOQLSchema(object: "LeadHistory", fields: [
        ("Id", .id), ("LeadId", .id), ("Field", .text), ("OldValue", .anyType), ("NewValue", .anyType),
        ("CreatedDate", .dateTime),
    ])

    /// The 15-character id of row `number`; rows are stored with the 18-character form.
    static func shortId(_ number: Int) -> String {
        let digits = String(number)
        return "00Q5g00000Lq" + String(repeating: "0", count: 3 - digits.count) + digits
    }

    var id: String { RecordIds.eighteenCharacter(Self.shortId(number)) }

    static let ownerA = RecordIds.eighteenCharacter("0055g00000AbCdE")
    static let ownerB = RecordIds.eighteenCharacter("0055g00000AbCdF")
    static let ownerC = RecordIds.eighteenCharacter("0055g00000xYz12")

    static let all: [TestLead] = [
        TestLead(number: 1, lastName: "Smith", company: "Acme", status: "Open", rating: "Hot", employees: 50, revenue: 1_000_000.5, converted: false, optedOut: false, convertedDate: nil, created: "2025-02-28T23:59:59.999Z", ownerId: ownerA),
        TestLead(number: 2, lastName: "smith", company: "ACME", status: "Open", rating: "hot", employees: 10, revenue: 250_000, converted: false, optedOut: nil, convertedDate: nil, created: "2025-03-01T00:00:00.000Z", ownerId: ownerA),
        TestLead(number: 3, lastName: "SMITH", company: "acme corp", status: "Working", rating: nil, employees: nil, revenue: nil, converted: true, optedOut: true, convertedDate: "2025-02-28", created: "2025-03-01T07:59:59.000Z", ownerId: ownerB),
        TestLead(number: 4, lastName: "Müller", company: "Bäckerei Müller", status: "Open", rating: "Warm", employees: 3, revenue: 50_000, converted: false, optedOut: false, convertedDate: nil, created: "2025-03-01T23:59:59.999Z", ownerId: ownerA),
        TestLead(number: 5, lastName: "MÜLLER", company: "Straße GmbH", status: "Closed", rating: "Cold", employees: 1200, revenue: 9_990_000, converted: true, optedOut: false, convertedDate: "2025-01-31", created: "2025-03-02T00:00:00.000Z", ownerId: ownerB),
        TestLead(number: 6, lastName: "müller", company: nil, status: "Open", rating: nil, employees: 0, revenue: 0, converted: nil, optedOut: nil, convertedDate: nil, created: nil, ownerId: nil),
        TestLead(number: 7, lastName: "Jones", company: "50% Off Deals", status: "Working", rating: "Warm", employees: -5, revenue: 2.25, converted: false, optedOut: true, convertedDate: nil, created: "2025-02-22T00:00:00.000Z", ownerId: ownerA),
        TestLead(number: 8, lastName: "jones", company: "50 Percent", status: "Open", rating: "Hot", employees: 7, revenue: 0.5, converted: true, optedOut: false, convertedDate: "2025-03-01", created: "2025-02-21T23:59:59.999Z", ownerId: ownerB),
        TestLead(number: 9, lastName: "O'Brien", company: "under_score inc", status: "Closed", rating: nil, employees: 2_147_483_648, revenue: 1e9, converted: true, optedOut: false, convertedDate: "2024-12-31", created: "2024-12-31T23:59:59.999Z", ownerId: ownerC),
        TestLead(number: 10, lastName: "Nguyen", company: "underXscore inc", status: "Open", rating: "Cold", employees: 25, revenue: 75_000.75, converted: false, optedOut: false, convertedDate: nil, created: "2025-01-01T00:00:00.000Z", ownerId: ownerC),
        TestLead(number: 11, lastName: nil, company: "back\\slash Ltd", status: "Open", rating: "Hot", employees: 15, revenue: nil, converted: false, optedOut: false, convertedDate: nil, created: "2025-03-08T23:59:59.999Z", ownerId: ownerA),
        TestLead(number: 12, lastName: "Garcia", company: "Tab\tCo", status: "Working", rating: "Warm", employees: 100, revenue: 100, converted: true, optedOut: nil, convertedDate: "2025-03-31", created: "2025-03-09T00:00:00.000Z", ownerId: ownerB),
        TestLead(number: 13, lastName: "García", company: "Acme", status: "Open", rating: "Hot", employees: 100, revenue: 100.0, converted: false, optedOut: false, convertedDate: nil, created: "2025-02-01T00:00:00.000Z", ownerId: ownerA),
        TestLead(number: 14, lastName: "GARCÍA", company: "ACME", status: "Closed", rating: "warm", employees: 101, revenue: 99.99, converted: true, optedOut: true, convertedDate: "2025-04-01", created: "2025-01-31T23:59:59.999Z", ownerId: nil),
        TestLead(number: 15, lastName: "Lee", company: "Initech", status: "Open", rating: "Cold", employees: 40, revenue: 40_000, converted: false, optedOut: false, convertedDate: nil, created: "2024-01-01T00:00:00.000Z", ownerId: ownerC),
        TestLead(number: 16, lastName: "lee", company: "initech", status: "Working", rating: nil, employees: 41, revenue: 41_000, converted: nil, optedOut: false, convertedDate: "2024-01-01", created: "2023-12-31T23:59:59.999Z", ownerId: ownerC),
        TestLead(number: 17, lastName: "Zed", company: "Zeta", status: "Open", rating: "Hot", employees: 5, revenue: 5, converted: false, optedOut: false, convertedDate: "2023-12-31", created: "2025-03-01T08:00:00.000Z", ownerId: ownerA),
        TestLead(number: 18, lastName: "_Under", company: "Zeta", status: "Closed", rating: "Cold", employees: nil, revenue: nil, converted: true, optedOut: false, convertedDate: "2025-02-22", created: nil, ownerId: ownerB),
        TestLead(number: 19, lastName: "~Tilde", company: "Zeta", status: "Open", rating: "Warm", employees: 2, revenue: 2, converted: false, optedOut: nil, convertedDate: "2025-02-21", created: "2025-02-15T12:00:00.000Z", ownerId: ownerA),
        TestLead(number: 20, lastName: "abc", company: "Alpha", status: "Open", rating: "Hot", employees: 1, revenue: 1.5, converted: false, optedOut: false, convertedDate: "2025-03-08", created: "2025-03-15T00:00:00.000Z", ownerId: ownerC),
        TestLead(number: 21, lastName: "ABD", company: "alpha", status: "Working", rating: "Cold", employees: 2, revenue: 2.5, converted: true, optedOut: false, convertedDate: "2025-03-09", created: "2025-04-01T00:00:00.000Z", ownerId: ownerC),
        TestLead(number: 22, lastName: "a", company: "Alpha beta", status: "Open", rating: nil, employees: 3, revenue: 3.5, converted: false, optedOut: false, convertedDate: "2025-03-02", created: "2024-06-15T12:00:00.000Z", ownerId: ownerA),
        TestLead(number: 23, lastName: "Zz", company: nil, status: "Open", rating: "Hot", employees: 4, revenue: nil, converted: false, optedOut: false, convertedDate: nil, created: "2025-01-15T00:00:00.000Z", ownerId: nil),
        TestLead(number: 24, lastName: "percent%", company: "100% Pure", status: "Working", rating: "Warm", employees: 6, revenue: 6, converted: nil, optedOut: nil, convertedDate: "2025-02-27", created: "2025-02-27T12:00:00.000Z", ownerId: ownerB),
        TestLead(number: 25, lastName: "Ünal", company: "Ümit Ltd", status: "Open", rating: "Cold", employees: 8, revenue: 8, converted: false, optedOut: false, convertedDate: nil, created: "2025-02-10T00:00:00.000Z", ownerId: ownerA),
        TestLead(number: 26, lastName: "ünal", company: "ümit ltd", status: "Closed", rating: "Hot", employees: 9, revenue: 9, converted: true, optedOut: true, convertedDate: "2025-02-10", created: "2025-02-10T00:00:00.001Z", ownerId: ownerB),
        TestLead(number: 27, lastName: "Ng", company: "Nguyen & Sons", status: "Open", rating: "Hot", employees: 11, revenue: 11, converted: false, optedOut: false, convertedDate: nil, created: "2025-03-01T07:59:59.999Z", ownerId: ownerC),
        TestLead(number: 28, lastName: "NG", company: "NGUYEN & SONS", status: "Open", rating: "HOT", employees: 12, revenue: 12, converted: false, optedOut: false, convertedDate: "2025-01-01", created: "2025-03-01T08:00:00.001Z", ownerId: ownerC),
        TestLead(number: 29, lastName: "Slash\\", company: "Acme", status: "Open", rating: "Cold", employees: 13, revenue: 13, converted: false, optedOut: false, convertedDate: nil, created: "2024-02-29T12:00:00.000Z", ownerId: ownerA),
        TestLead(number: 30, lastName: "Élodie", company: "Éclair", status: "Open", rating: "Warm", employees: 14, revenue: 14, converted: false, optedOut: false, convertedDate: "2024-02-29", created: "2025-02-28T00:00:00.000Z", ownerId: ownerB),
    ]

    /// The numbers of the rows for which `predicate` holds.
    static func numbers(where predicate: (TestLead) -> Bool) -> Set<Int> {
        Set(all.filter(predicate).map(\.number))
    }

    /// `created` as epoch milliseconds, parsed independently of the module under test.
    var createdMilliseconds: Int64? {
        created.flatMap { text in
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
        }
    }
}
