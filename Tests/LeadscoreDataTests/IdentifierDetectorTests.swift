import Foundation
import Testing
@testable import LeadscoreData

/// Identifier columns (UUIDs, sequence numbers, codes, record Ids) must not become features, while
/// measures that happen to be nearly unique (revenue, durations) and plain text must.
struct IdentifierDetectorTests {
    static let rowCount = 200

    /// One value per row for each fixture column, in export order (oldest lead first).
    static func fixtureColumns() -> [(header: String, values: [String])] {
        var random = SeededRandom(seed: 3)
        let hex = Array("0123456789abcdef")
        func uuid() -> String {
            [8, 4, 4, 4, 12].map { length in String((0..<length).map { _ in hex[random.int(below: 16)] }) }.joined(separator: "-")
        }
        let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let rows = 0..<rowCount
        let companies = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent"]
        return [
            ("Lead Key", rows.map { _ in uuid() }),
            ("Lead Number", rows.map { String(41_000 + 3 * $0) }),
            ("Lead Code", rows.map { "L-" + String(format: "%06d", 120 + $0) }),
            ("Record Ref", rows.map { _ in
                SalesforceId.caseSafe("00Q5e0000" + String((0..<6).map { _ in alphanumerics[random.int(below: alphanumerics.count)] }))
            }),
            ("Annual Revenue", rows.map { _ in String(random.int(in: 100...90_000) * 1_000 + random.int(in: 0...999)) }),
            ("Call Duration", rows.map { _ in String(format: "%.2f", random.uniform(1, 3_600)) }),
            ("Pages Viewed", rows.map { _ in String(random.int(in: 1...40)) }),
            ("Company Name", rows.map { "\(companies[$0 % 10]) \(["Labs", "Group", "Systems", "Partners"][$0 / 10 % 4]) \($0 / 40 + 1)" }),
            ("Converted", rows.map { _ in random.bernoulli(0.2) ? "1" : "0" }),
        ]
    }

    static func finding(_ values: [String], created: [Double?]? = nil) -> IdentifierDetector.Finding? {
        var detector = IdentifierDetector(rowLimit: values.count)
        for value in values { detector.observe(value) }
        return detector.finding(createdTimes: created)
    }

    @Test func flagsUUIDsSequenceNumbersCodesAndSalesforceIds() throws {
        let columns = Self.fixtureColumns()
        for header in ["Lead Key", "Lead Number", "Lead Code", "Record Ref"] {
            let values = try #require(columns.first { $0.header == header }).values
            #expect(Self.finding(values) != nil, "\(header) should be an identifier")
        }
        let number = try #require(Self.finding(columns[1].values))
        #expect(number.reason.contains("rise with the row order"))
        #expect(number.complete)
        #expect(Self.finding(Array(columns[1].values.reversed()))?.reason.contains("fall") == true)
    }

    @Test func leavesMeasuresCountsAndNamesAlone() throws {
        let columns = Self.fixtureColumns()
        for header in ["Annual Revenue", "Call Duration", "Pages Viewed", "Company Name", "Converted"] {
            let values = try #require(columns.first { $0.header == header }).values
            #expect(Set(values).count > 1)
            #expect(Self.finding(values) == nil, "\(header) is not an identifier")
        }
        // Revenue is as unique as a lead number; only its lack of order tells them apart.
        let revenue = columns[4].values
        #expect(Double(Set(revenue).count) >= 0.98 * Double(revenue.count))
    }

    @Test func aShuffledSequenceIsFoundThroughTheCreationDate() {
        var random = SeededRandom(seed: 5)
        let order = (0..<Self.rowCount).map { ($0, random.uniform()) }.sorted { $0.1 < $1.1 }.map(\.0)
        let numbers = order.map { String(7_000 + $0) }
        let created = order.map { Optional(1_700_000_000 + Double($0 / 3) * 86_400) }  // three leads a day
        #expect(Self.finding(numbers) == nil)
        #expect(Self.finding(numbers, created: created)?.reason.contains("creation date") == true)
        // Revenue in the same rows does not follow creation.
        let revenue = order.map { _ in String(random.int(in: 1...1_000_000)) }
        #expect(Self.finding(revenue, created: created) == nil)
    }

    @Test func needsEnoughRowsAndNearlyAllDistinct() {
        func hex(_ number: Int, width: Int) -> String {
            let digits = String(number, radix: 16)
            return String(repeating: "0", count: width - digits.count) + digits
        }
        let uuids = (0..<100).map { "\(hex($0 * 7_919, width: 8))-0000-4000-8000-\(hex($0, width: 12))" }
        #expect(Self.finding(Array(uuids.prefix(IdentifierDetector.minimumRows - 1))) == nil)
        #expect(Self.finding(Array(uuids.prefix(IdentifierDetector.minimumRows))) != nil)
        #expect(Self.finding(Array(uuids.prefix(50)) + Array(uuids.prefix(50))) == nil)
        // Gaps, blank or written as a placeholder, are not repeats; but such a column cannot be the id.
        let withGaps = uuids.enumerated().map { $0.offset % 10 == 0 ? ($0.offset % 20 == 0 ? "" : "N/A") : $0.element }
        #expect(Self.finding(withGaps)?.complete == false)
    }

    @Test func theDrafterExcludesIdentifiersAndOffersTheFirstAsIdField() throws {
        let columns = Self.fixtureColumns() + [
            ("Email", (0..<Self.rowCount).map { "person\($0)@example\($0 % 7).com" }),
        ]
        let lines = [columns.map(\.header).joined(separator: ",")]
            + (0..<Self.rowCount).map { row in columns.map { $0.values[row] }.joined(separator: ",") }
        let url = try makeTemporaryDirectory().appendingPathComponent("export.csv")
        try writeText(lines.joined(separator: "\n"), to: url)
        let draft = try ContractDrafter.draft(fromCSV: url, name: "ids")
        let contract = draft.contract

        for name in ["Lead_Key", "Lead_Number", "Lead_Code", "Record_Ref"] {
            let field = try #require(contract.field(named: name))
            #expect(field.scoring == .excluded, "\(name)")
            #expect(field.note?.contains("identifier") == true, "\(name)")
            #expect(draft.remarks.contains { $0.hasPrefix("\(name) looks like an identifier") }, "\(name)")
        }
        #expect(contract.field(named: "Lead_Number")?.type == .string)
        #expect(contract.idField == "Lead_Key")
        #expect(contract.field(named: "Lead_Key")?.required == true)
        #expect(draft.remarks.contains { $0.hasPrefix("Lead_Key offered as id_field") })
        for name in ["AnnualRevenue", "Call_Duration", "Pages_Viewed", "Company_Name"] {
            #expect(contract.field(named: name)?.scoring == .allowed, "\(name)")
        }
        // Unique e-mail addresses are personal data, hashed as before, not an identifier.
        #expect(contract.field(named: "Email")?.piiAction == .hash)
        #expect(!draft.remarks.contains { $0.hasPrefix("Email looks like") })
        #expect(ContractValidator.validate(contract).isEmpty)
    }
}
