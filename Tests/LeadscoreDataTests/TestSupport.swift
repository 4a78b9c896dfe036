import Foundation
@testable import LeadscoreData

/// A fresh directory under the system temp dir, removed by the caller when done.
func makeTemporaryDirectory(_ name: String = #function) throws -> URL {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("leadscore-tests-\(safe)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func writeText(_ text: String, to url: URL) throws {
    try Data(text.utf8).write(to: url)
}

/// Reads every record of a CSV text.
func readAll(_ text: String) throws -> (header: [String], records: [CSVRecord]) {
    let reader = try CSVReader(text: text)
    var records: [CSVRecord] = []
    while let record = try reader.next() { records.append(record) }
    return (reader.header, records)
}

let testSalt = try! PIISalt(secret: "a-test-salt-that-is-long-enough")

/// A small contract over the columns of `smallLeadsCSV`.
let smallContractYAML = """
version: 1
name: small
id_field: Id
created_field: CreatedDate
label:
  field: IsConverted
  date_field: ConvertedDate
  window_days: 30
features:
  min_category_count: 1
  observation_days: 7
  lead_source_field: LeadSource
  lead_source_groups:
    Referral: [Partner Referral]
    Inbound: [Web]
fields:
  - {name: Id, type: id, required: true, scoring: excluded}
  - {name: Email, type: email, pii: true, pii_action: hash, derive: [email_domain_class]}
  - {name: Title, type: string, pii: true, derive: [title_seniority]}
  - {name: LeadSource, type: picklist, values: [Web, Partner Referral, Trade Show]}
  - {name: NumberOfEmployees, type: integer}
  - {name: Product_Interest__c, type: multipicklist}
  - {name: Demo_Requested__c, type: boolean}
  - {name: LastActivityDate, type: date}
  - {name: Rating, type: picklist, scoring: leakage}
  - {name: IsConverted, type: boolean, scoring: leakage}
  - {name: ConvertedDate, type: date, scoring: leakage}
  - {name: CreatedDate, type: datetime, required: true, scoring: excluded}

"""

/// Builds a CSV of `count` leads created one day apart from 2024-01-01, every third converted.
func smallLeadsCSV(count: Int = 60, extraRows: [String] = []) -> String {
    var lines = ["Id,Email,Title,LeadSource,NumberOfEmployees,Product_Interest__c,Demo_Requested__c,"
        + "LastActivityDate,Rating,IsConverted,ConvertedDate,CreatedDate"]
    let start = SalesforceDate.daysFromCivil(2024, 1, 1)
    for index in 0..<count {
        let id15 = "00Q" + String(format: "%012d", index)
        let converted = index % 3 == 0
        let created = Double(start + index) * 86_400 + 3_600
        let sources = ["Web", "Partner Referral", "Trade Show"]
        lines.append([
            SalesforceId.caseSafe(id15),
            index % 4 == 0 ? "person\(index)@gmail.com" : "person\(index)@acme\(index).com",
            index % 5 == 0 ? "" : "\"VP, Sales\"",
            sources[index % 3],
            index % 7 == 0 ? "" : "\(10 * (index + 1))",
            index % 2 == 0 ? "Analytics;Security" : "",
            converted ? "true" : "false",
            SalesforceDate.formatDate(created + 2 * 86_400),
            converted ? "Hot" : "Cold",
            converted ? "true" : "false",
            converted ? SalesforceDate.formatDate(created + Double(index % 45) * 86_400) : "",
            SalesforceDate.formatSalesforceDateTime(created),
        ].joined(separator: ","))
    }
    return (lines + extraRows).joined(separator: "\r\n") + "\r\n"
}
