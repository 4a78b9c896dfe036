import Foundation
import Testing
@testable import LeadscoreData

/// The synthetic org generator and the Salesforce Id helpers it relies on.
struct SampleOrgTests {
    // MARK: - Salesforce Ids

    @Test func caseSafeIdsMatchHandComputedChecksums() {
        // "001000000000001": chunks 00100 | 00000 | 00001 have no upper-case letters → 0, 0, 0 → "AAA".
        #expect(SalesforceId.caseSafe("001000000000001") == "001000000000001AAA")
        // "00Q5e00000AbCdE": chunk 00Q5e has Q at position 2 → 2² = 4 → "E";
        // chunk 00000 → 0 → "A"; chunk AbCdE has A, C, E at positions 0, 2, 4 → 1 + 4 + 16 = 21 → "V".
        #expect(SalesforceId.caseSafe("00Q5e00000AbCdE") == "00Q5e00000AbCdEEAV")
        // Asymmetric positions pin the bit order (bit 0 is a chunk's first character):
        // "0015e00000Xy1Ab": 0015e → 0 → "A"; 00000 → "A"; Xy1Ab has X at 0 and A at 3 → 1 + 8 = 9 → "J".
        #expect(SalesforceId.caseSafe("0015e00000Xy1Ab") == "0015e00000Xy1AbAAJ")
        // "003Dn00000AbCdE": 003Dn has D at 3 → 8 → "I"; 00000 → "A"; AbCdE → 21 → "V".
        #expect(SalesforceId.caseSafe("003Dn00000AbCdE") == "003Dn00000AbCdEIAV")
        // Every position upper-case → 31 in each chunk → "5".
        #expect(SalesforceId.caseSafe("ABCDEFGHIJKLMNO") == "ABCDEFGHIJKLMNO555")
        // An 18-character Id gets its suffix recomputed from the first 15 characters.
        #expect(SalesforceId.caseSafe("00Q5e00000AbCdEXXX") == "00Q5e00000AbCdEEAV")
    }

    @Test func isValidAcceptsWellFormedIdsOnly() {
        #expect(SalesforceId.isValid("00Q5e00000AbCdE"))
        #expect(SalesforceId.isValid("00Q5e00000AbCdEEAV"))
        #expect(!SalesforceId.isValid("00Q5e00000AbCdEAAA"), "wrong checksum")
        #expect(!SalesforceId.isValid("00q5e00000AbCdEEAV"), "a case change in the first 15 characters changes the checksum")
        #expect(!SalesforceId.isValid("00Q5e00000AbCd"), "14 characters")
        #expect(!SalesforceId.isValid("00Q5e00000AbC-E"), "not alphanumeric")
        #expect(!SalesforceId.isValid("00Q5e00000AbCdÉ"), "not ASCII")
        #expect(!SalesforceId.isValid(""))
    }

    // MARK: - Generator

    @Test func rejectsFewerThanOneLead() throws {
        let directory = sampleOrgTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: SampleOrgError.invalidLeadCount(0)) {
            try SampleOrgGenerator(leads: 0, seed: 1).write(to: directory)
        }
        #expect(SampleOrgError.invalidLeadCount(-3).description.contains("--leads must be at least 1"))
    }

    @Test func sameSeedGivesIdenticalBytesAndOtherSeedsDiffer() throws {
        let first = try SampleOrgFixture(leads: 1_500, seed: 7)
        let again = try SampleOrgFixture(leads: 1_500, seed: 7)
        let other = try SampleOrgFixture(leads: 1_500, seed: 8)
        for name in SampleOrgGenerator.fileNames {
            #expect(first.bytes(of: name) == again.bytes(of: name), "\(name) differs for the same seed")
        }
        #expect(first.bytes(of: "Lead.csv") != other.bytes(of: "Lead.csv"))
        #expect(first.bytes(of: "truth.csv") != other.bytes(of: "truth.csv"))
        #expect(first.bytes(of: "LeadHistory.csv") != other.bytes(of: "LeadHistory.csv"))
        #expect(first.summary == again.summary)
        #expect(first.summary.files == ["Lead.csv", "truth.csv", "describe.json", "LeadHistory.csv"])
    }

    /// LeadHistory.csv draws from its own random stream: Lead.csv and truth.csv are byte for byte what the
    /// generator wrote before it had history (SHA-256 of those files, recorded from that version).
    @Test func addingHistoryLeftLeadAndTruthFilesUnchanged() throws {
        let org = try SampleOrgFixture(leads: 1_500, seed: 7)
        #expect(Checksum.sha256Hex(Data(org.bytes(of: "Lead.csv")))
            == "945b8e10759a736b218f685fe9f330689bc304c8d4c3081f7729054a5257fdc2")
        #expect(Checksum.sha256Hex(Data(org.bytes(of: "truth.csv")))
            == "a6519d01ba4061f47a8947b6f5597ecda3a2cd412caf4a6ce03ae1036159ba7c")
    }

    @Test func leadCSVLooksLikeADataLoaderExport() throws {
        let org = try SampleOrgFixture(leads: 2_000, seed: 11)
        let bytes = org.bytes(of: "Lead.csv")
        #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 without BOM")
        let lineFeeds = bytes.filter { $0 == UInt8(ascii: "\n") }.count
        let carriageReturnLineFeeds = zip(bytes, bytes.dropFirst()).filter { $0 == (13, 10) }.count
        #expect(lineFeeds == 2_001 && carriageReturnLineFeeds == lineFeeds, "one CRLF per record, header included")
        #expect(org.header == [
            "Id", "FirstName", "LastName", "Company", "Title", "Email", "Phone", "LeadSource", "Industry", "Status",
            "Rating", "Country", "State", "Product_Interest__c", "NumberOfEmployees", "AnnualRevenue", "Email_Opens__c",
            "Web_Page_Views__c", "Pricing_Page_Visits__c", "Content_Downloads__c", "Webinar_Attended__c",
            "Demo_Requested__c", "HasOptedOutOfEmail", "LastActivityDate", "IsConverted", "ConvertedDate",
            "ConvertedOpportunityId", "OwnerId", "CreatedDate", "SystemModstamp",
        ])
        #expect(org.rows.count == 2_000)
        #expect(org.rows.allSatisfy { $0.count == 30 })
        #expect(org.column("Company").contains { $0.contains(",") }, "company names with commas")
        #expect(org.column("Company").contains { $0.contains("\"") }, "company names with double quotes")
        #expect(org.column("LastName").contains { !$0.allSatisfy(\.isASCII) }, "non-ASCII names")
    }

    @Test func idsAreUniqueCaseSafeAndCarryTheirKeyPrefixes() throws {
        let org = try SampleOrgFixture(leads: 2_000, seed: 12)
        let ids = org.column("Id")
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 18 && $0.hasPrefix("00Q") && SalesforceId.isValid($0) })
        #expect(ids.allSatisfy { SalesforceId.caseSafe(String($0.prefix(15))) == $0 })
        let owners = org.column("OwnerId")
        #expect(owners.allSatisfy { ($0.hasPrefix("005") || $0.hasPrefix("00G")) && $0.count == 18 && SalesforceId.isValid($0) })
        #expect(Set(owners).count <= 42)
        for row in org.records {
            let converted = row["IsConverted"] == "true"
            #expect(row["ConvertedOpportunityId"].isEmpty == !converted)
            if converted {
                #expect(row["ConvertedOpportunityId"].hasPrefix("006") && SalesforceId.isValid(row["ConvertedOpportunityId"]))
            }
        }
    }

    @Test func valuesUseSalesforceFormats() throws {
        let org = try SampleOrgFixture(leads: 2_000, seed: 13)
        let dateTime = try Regex(#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000"#)
        let date = try Regex(#"\d{4}-\d{2}-\d{2}"#)
        let integer = try Regex(#"\d+"#)
        for row in org.records {
            #expect(row["CreatedDate"].wholeMatch(of: dateTime) != nil)
            #expect(row["SystemModstamp"].wholeMatch(of: dateTime) != nil)
            for name in ["LastActivityDate", "ConvertedDate"] where !row[name].isEmpty {
                #expect(row[name].wholeMatch(of: date) != nil)
            }
            for name in ["IsConverted", "Webinar_Attended__c", "Demo_Requested__c", "HasOptedOutOfEmail"] {
                #expect(row[name] == "true" || row[name] == "false")
            }
            for name in ["NumberOfEmployees", "AnnualRevenue", "Email_Opens__c", "Web_Page_Views__c",
                         "Pricing_Page_Visits__c", "Content_Downloads__c"] where !row[name].isEmpty {
                #expect(row[name].wholeMatch(of: integer) != nil)
            }
            // Timestamps sort as text because they share one fixed-width UTC form.
            #expect(row["CreatedDate"] >= "2023-07-01T00:00:00.000+0000" && row["CreatedDate"] < "2025-07-01")
            #expect(row["SystemModstamp"] >= row["CreatedDate"] && row["SystemModstamp"] < "2025-07-01")
            let products = row["Product_Interest__c"].split(separator: ";").map(String.init)
            #expect(products.count <= 3 && products.allSatisfy(SampleVocabulary.productInterests.contains))
            if !row["State"].isEmpty { #expect(["United States", "Canada", "Australia"].contains(row["Country"])) }
            #expect(row["LeadSource"].isEmpty || SampleVocabulary.LeadSource.allCases.map(\.label).contains(row["LeadSource"]))
            #expect(row["Industry"].isEmpty || SampleVocabulary.industries.contains(row["Industry"]))
        }
    }

    @Test func outcomeFieldsAreConsistent() throws {
        let org = try SampleOrgFixture(leads: 3_000, seed: 14)
        for row in org.records {
            let converted = row["IsConverted"] == "true"
            #expect((row["Status"] == "Closed - Converted") == converted)
            #expect(row["ConvertedDate"].isEmpty == !converted)
            let createdDay = String(row["CreatedDate"].prefix(10))
            if converted {
                #expect(row["ConvertedDate"] > createdDay && row["ConvertedDate"] < "2025-07-01")
                #expect(row["SystemModstamp"] >= row["ConvertedDate"])
            }
            if !row["LastActivityDate"].isEmpty {
                #expect(row["LastActivityDate"] >= createdDay && row["LastActivityDate"] < "2025-07-01")
                if converted { #expect(row["LastActivityDate"] <= row["ConvertedDate"]) }
            }
        }
    }

    @Test func missingRatesMatchTheDocumentation() throws {
        let org = try SampleOrgFixture(leads: 5_000, seed: 15)
        let documented: [String: Double] = [
            "FirstName": 0.03, "Title": 0.15, "Email": 0.03, "Phone": 0.25, "LeadSource": 0.03, "Industry": 0.20,
            "Country": 0.10, "Product_Interest__c": 0.35, "NumberOfEmployees": 0.30, "AnnualRevenue": 0.45,
            "Email_Opens__c": 0.055, "Web_Page_Views__c": 0.055, "Pricing_Page_Visits__c": 0.055,
            "Content_Downloads__c": 0.055, "LastActivityDate": 0.30,
        ]
        for (name, rate) in documented {
            let missing = Double(org.column(name).filter(\.isEmpty).count) / Double(org.rows.count)
            #expect(abs(missing - rate) < 0.035, "\(name): \(missing) missing, documented \(rate)")
        }
        for name in ["Id", "LastName", "Company", "Status", "IsConverted", "OwnerId", "CreatedDate", "SystemModstamp",
                     "Webinar_Attended__c", "Demo_Requested__c", "HasOptedOutOfEmail"] {
            #expect(org.column(name).allSatisfy { !$0.isEmpty }, "\(name) is never empty")
        }
    }

    @Test func truthFileMatchesTheLeadsAndTheConversionRateIsRealistic() throws {
        let org = try SampleOrgFixture(leads: 5_000, seed: 16)
        let lines = String(decoding: org.bytes(of: "truth.csv"), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        #expect(lines.first == "Id,TrueProbability,ConvertedWithinWindow")
        let truth = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(truth.count == 5_000)
        #expect(truth.map { $0[0] } == org.column("Id"), "same order as Lead.csv")
        let probabilities = truth.compactMap { Double($0[1]) }
        #expect(probabilities.count == 5_000 && probabilities.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(truth.allSatisfy { $0[1].split(separator: ".").last?.count == 6 && ($0[2] == "0" || $0[2] == "1") })

        let positives = truth.filter { $0[2] == "1" }.count
        #expect(positives == org.summary.positivesWithinWindow)
        #expect((0.08...0.15).contains(Double(positives) / 5_000), "90-day conversion rate \(positives)")
        let converted = org.column("IsConverted").filter { $0 == "true" }.count
        #expect(converted == org.summary.converted)
        #expect((0.08...0.18).contains(Double(converted) / 5_000))
        let meanProbability = probabilities.reduce(0, +) / 5_000
        #expect(abs(meanProbability - Double(positives) / 5_000) < 0.02)
    }

    /// The honest signal is strong but imperfect; the leakage traps are nearly perfect. On leads old enough
    /// for their label to be known, that is what single-feature AUCs show.
    @Test func leakageTrapsOutscoreHonestFields() throws {
        let org = try SampleOrgFixture(leads: 5_000, seed: 17)
        let truth = String(decoding: org.bytes(of: "truth.csv"), as: UTF8.self)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let mature = org.records.indices.filter { org.records[$0]["CreatedDate"] < "2025-04-02" }
        let labels = mature.map { truth[$0][2] == "1" }
        let probabilityAUC = ROCAUC.compute(scores: mature.map { Double(truth[$0][1]) ?? 0 }, labels: labels) ?? 0
        #expect((0.78...0.90).contains(probabilityAUC), "AUC of the true probability: \(probabilityAUC)")
        let ratingAUC = sampleOrgCategoryAUC(mature.map { org.records[$0]["Rating"] }, labels: labels)
        #expect(ratingAUC > 0.9, "Rating AUC \(ratingAUC)")
        let statusAUC = sampleOrgCategoryAUC(mature.map { org.records[$0]["Status"] }, labels: labels)
        #expect(statusAUC > 0.95, "Status AUC \(statusAUC)")
        for name in ["Email_Opens__c", "Web_Page_Views__c", "Pricing_Page_Visits__c", "Content_Downloads__c",
                     "Webinar_Attended__c", "Demo_Requested__c"] {
            let auc = sampleOrgCategoryAUC(mature.map { org.records[$0][name] }, labels: labels)
            #expect((0.52...0.80).contains(auc), "\(name) AUC \(auc)")
        }
    }

    @Test func describeJSONHasTheLeadDescribeShape() throws {
        let org = try SampleOrgFixture(leads: 10, seed: 18)
        let object = try JSONSerialization.jsonObject(with: Data(org.bytes(of: "describe.json")))
        let describe = try #require(object as? [String: Any])
        #expect(describe["name"] as? String == "Lead")
        #expect(describe["label"] as? String == "Lead")
        #expect(describe["keyPrefix"] as? String == "00Q")
        #expect(describe["custom"] as? Bool == false)
        let fields = try #require(describe["fields"] as? [[String: Any]])
        #expect(fields.compactMap { $0["name"] as? String } == org.header)
        let allowedTypes: Set = ["id", "string", "email", "phone", "picklist", "multipicklist", "double", "int",
                                 "currency", "boolean", "date", "datetime", "reference", "textarea"]
        for field in fields {
            #expect(allowedTypes.contains(field["type"] as? String ?? ""))
            for key in ["label", "length", "precision", "scale", "nillable", "custom", "calculated", "createable",
                        "updateable", "picklistValues", "referenceTo"] {
                #expect(field[key] != nil, "\(field["name"] ?? "?") lacks \(key)")
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: fields.map { ($0["name"] as? String ?? "", $0) })
        #expect(byName["OwnerId"]?["referenceTo"] as? [String] == ["User", "Group"])
        #expect(byName["ConvertedOpportunityId"]?["referenceTo"] as? [String] == ["Opportunity"])
        #expect(byName["AnnualRevenue"]?["label"] as? String == "Annual Revenue")
        #expect(byName["NumberOfEmployees"]?["label"] as? String == "No. of Employees")
        #expect(byName["HasOptedOutOfEmail"]?["label"] as? String == "Email Opt Out")
        let industries = (byName["Industry"]?["picklistValues"] as? [[String: Any]])?.compactMap { $0["value"] as? String }
        #expect(industries?.count == 32 && industries?.contains("Food & Beverage") == true)
    }
}

// MARK: - Helpers

/// A small org generated into a temporary directory, read back into memory, and parsed.
private struct SampleOrgFixture {
    let summary: SampleOrgSummary
    let header: [String]
    let rows: [[String]]
    let records: [Record]
    private let files: [String: [UInt8]]

    struct Record {
        let values: [String]
        let columns: [String: Int]
        subscript(name: String) -> String { columns[name].map { values[$0] } ?? "" }
    }

    init(leads: Int, seed: UInt64) throws {
        let directory = sampleOrgTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        summary = try SampleOrgGenerator(leads: leads, seed: seed).write(to: directory)
        var files: [String: [UInt8]] = [:]
        for name in SampleOrgGenerator.fileNames {
            files[name] = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        self.files = files
        let table = parseSampleOrgCSV(files["Lead.csv"] ?? [])
        header = table.first ?? []
        rows = Array(table.dropFirst())
        let columns = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        records = rows.map { Record(values: $0, columns: columns) }
    }

    func bytes(of file: String) -> [UInt8] { files[file] ?? [] }

    func column(_ name: String) -> [String] { records.map { $0[name] } }
}

private func sampleOrgTemporaryDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-sample-org-\(UUID().uuidString)")
}

/// Parses a CSV in which every field is double-quoted (the Data Loader's form) and records end with CRLF.
private func parseSampleOrgCSV(_ bytes: [UInt8]) -> [[String]] {
    var table: [[String]] = []
    var record: [String] = []
    var field: [UInt8] = []
    var inQuotes = false
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if inQuotes {
            if byte == UInt8(ascii: "\"") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                    field.append(byte)
                    index += 1
                } else {
                    inQuotes = false
                }
            } else {
                field.append(byte)
            }
        } else if byte == UInt8(ascii: "\"") {
            inQuotes = true
        } else if byte == UInt8(ascii: ",") {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        } else if byte == UInt8(ascii: "\n") {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            table.append(record)
            record.removeAll(keepingCapacity: true)
        }
        index += 1
    }
    return table
}

/// Single-feature AUC of a categorical column: each value (empty included) scores its own positive rate.
private func sampleOrgCategoryAUC(_ values: [String], labels: [Bool]) -> Double {
    var counts: [String: (positives: Double, total: Double)] = [:]
    for (value, label) in zip(values, labels) {
        let current = counts[value] ?? (0, 0)
        counts[value] = (current.positives + (label ? 1 : 0), current.total + 1)
    }
    let scores = values.map { value in counts[value].map { $0.positives / $0.total } ?? 0 }
    return ROCAUC.compute(scores: scores, labels: labels) ?? 0.5
}
