import Foundation
import Testing
@testable import LeadscoreData

/// The profile on the sample org must find the planted leakage traps from the data alone, and
/// leave the honest engagement fields alone.
struct ProfileTests {
    static let engagementFields = ["Email_Opens__c", "Web_Page_Views__c", "Pricing_Page_Visits__c",
                                   "Content_Downloads__c", "Webinar_Attended__c", "Demo_Requested__c"]

    /// A sample-org snapshot whose contract does *not* mark Status, Rating or ConvertedOpportunityId
    /// as leakage, so only the data-driven rules can flag them.
    static func unmarkedSampleSnapshot() throws -> Snapshot {
        let directory = try makeTemporaryDirectory()
        let org = directory.appendingPathComponent("org")
        _ = try SampleOrgGenerator(leads: 12_000, seed: 11).write(to: org)
        let describe = try SalesforceDescribe.decode(Data(contentsOf: org.appendingPathComponent("describe.json")), source: "describe.json")
        var contract = ContractDrafter.draft(fromDescribe: describe, name: "sample").contract
        for index in contract.fields.indices where ["Status", "Rating", "ConvertedOpportunityId"].contains(contract.fields[index].name) {
            contract.fields[index].scoring = .allowed
            contract.fields[index].note = nil
        }
        let yaml = ContractWriter.yaml(contract)
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        let out = directory.appendingPathComponent("snap")
        try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: org.appendingPathComponent("Lead.csv")), contract: try ContractLoader.parse(yaml),
            contractText: yaml, to: exportTime, asOf: exportTime, salt: testSalt), to: out)
        return try Snapshot.open(out)
    }

    @Test func flagsPlantedTrapsFromTheDataAndNotEngagement() throws {
        let profile = DatasetProfiler.profile(try Self.unmarkedSampleSnapshot())
        let byName = Dictionary(uniqueKeysWithValues: profile.fields.map { ($0.name, $0) })
        for trap in ["Status", "Rating", "ConvertedOpportunityId"] {
            let field = try #require(byName[trap])
            #expect(field.role == "feature")
            #expect(field.leakageSuspect, "\(trap) should be flagged: AUC \(field.singleFeatureAUC ?? -1)")
            #expect(!field.leakageReasons.contains { $0.contains("marked as leakage") })
        }
        #expect(byName["ConvertedDate"]?.leakageSuspect == true)
        #expect(byName["ConvertedDate"]?.leakageReasons.contains { $0.contains("filled in for") } == true)
        for honest in Self.engagementFields {
            let field = try #require(byName[honest])
            #expect(!field.leakageSuspect, "\(honest): \(field.leakageReasons)")
            #expect((field.singleFeatureAUC ?? 1) < 0.8)
            #expect(field.psi != nil)
        }
        #expect(profile.psiPeriods != nil)
        #expect(byName["Email"]?.topValues.isEmpty == true, "hashed PII must not be listed")
        #expect(byName["LeadSource"].map { ($0.psi ?? 0) > 0.1 } == true, "the planted LeadSource mix shift shows as drift")
    }

    @Test func markdownAndJSONCarryTheFindings() throws {
        let profile = DatasetProfiler.profile(try Self.unmarkedSampleSnapshot())
        let markdown = ProfileMarkdown.render(profile)
        #expect(markdown.contains("## Leakage suspects"))
        #expect(markdown.contains("`Rating`"))
        let decoded = try JSONDecoder().decode(DatasetProfile.self, from: ProfileMarkdown.json(profile))
        #expect(decoded == profile)
    }
}
