import Foundation
import LeadscoreData
import LeadscoreSalesforce
import LeadscoreService
import Testing

/// Bad inputs are refused with the option and the fix; output is byte-stable, escaped, and replaces an
/// earlier generation without touching anything else; Apex names follow External Services' encoding.
@Suite("Metadata inputs") struct MetadataInputTests {
    @Test func badOptionsAreAllReportedAtOnce() throws {
        var input = MetadataFixture.input(contract: try MetadataFixture.contract(), tiers: [
            PackageTier(name: "A", label: "Hot", route: "Q"), PackageTier(name: "A", label: "Again", route: "Q"),
        ])
        input.serviceURL = "https://leadscore.example.com/v1?x=1"
        input.staleAfterDays = 0
        input.dailyRescoreLimit = 20_000
        input.scheduleStartDate = "2026-02-30"
        let error = #expect(throws: InputErrors.self) { try SalesforcePackage.generate(input) }
        #expect(error?.errors.map(\.source) == ["--service-url", "tiers", "--stale-days", "--rescore-limit", "--schedule-start"])
        #expect(error?.errors.allSatisfy { !$0.fix.isEmpty } == true)

        var ftp = MetadataFixture.input(contract: try MetadataFixture.contract())
        ftp.serviceURL = "ftp://leadscore.example.com"
        #expect(throws: InputError.self) { try SalesforcePackage.generate(ftp) }
        var noTiers = MetadataFixture.input(contract: try MetadataFixture.contract(), tiers: [])
        noTiers.serviceURL = "https://leadscore.example.com/"
        let tierError = #expect(throws: InputError.self) { try SalesforcePackage.generate(noTiers) }
        #expect(tierError?.source == "tiers")
    }

    /// The OpenAPI document must be the service's, for the same contract: what is wrong names its JSON path.
    @Test func aForeignOrMismatchedDocumentIsRefused() throws {
        let contract = try MetadataFixture.contract()
        var input = MetadataFixture.input(contract: contract)
        input.openAPIDocument = Data("not json".utf8)
        #expect(throws: InputError.self) { try SalesforcePackage.generate(input) }

        input.openAPIDocument = Data(#"{"openapi": "3.0.3", "paths": {"/v1/other": {"post": {"operationId": "other"}}}}"#.utf8)
        let missing = #expect(throws: InputError.self) { try SalesforcePackage.generate(input) }
        #expect(missing?.field == "paths")
        #expect(missing?.problem.contains("scoreLead") == true)

        var other = contract
        other.fields.append(FieldSpec(name: "Only_Elsewhere__c", type: .number))
        input.openAPIDocument = OpenAPIDocument.make(contract: other, maxBatchLeads: 200, serverURL: nil)
        let mismatch = #expect(throws: InputError.self) { try SalesforcePackage.generate(input) }
        #expect(mismatch?.field == "components.schemas.Lead.properties.Only_Elsewhere__c")
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let input = MetadataFixture.input(contract: try MetadataFixture.contract())
        let first = try SalesforcePackage.generate(input)
        let second = try SalesforcePackage.generate(input)
        #expect(first.files == second.files)
        #expect(first.files.count == 43)
        #expect(first.notes.isEmpty)
    }

    /// Text from a contract or a model (labels, routes) is escaped, so the file stays valid XML and the
    /// text reads back exactly.
    @Test func textIsEscaped() throws {
        let label = #"Hot <&> "now" 'really'"#
        let input = MetadataFixture.input(contract: try MetadataFixture.contract(),
                                          tiers: [PackageTier(name: "A", label: label, route: "Q"), PackageTier(name: "B", label: "b", route: "Q")])
        let directory = try MetadataFixture.write(input)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("\(PackageNames.sourceFolder)/objects/Lead/fields/AI_Tier__c.field-meta.xml")
        let field = try ParsedElement.parse(url)
        #expect(field.child("valueSet")?.child("valueSetDefinition")?.children("value").first?.text("label") == "A (\(label))")
        #expect(try String(contentsOf: url, encoding: .utf8).contains("Hot &lt;&amp;&gt; &quot;now&quot; &apos;really&apos;"))
        #expect(try SchemaValidator().failures([url]).isEmpty)
        #expect(MetadataElement("x", text: "a\u{1}b").document() == Data(#"<?xml version="1.0" encoding="UTF-8"?>\#n<x xmlns="http://soap.sforce.com/2006/04/metadata">ab</x>\#n"#.utf8))
    }

    /// A regeneration replaces the whole earlier output (files of removed components disappear); a folder
    /// the command did not write is refused and left alone.
    @Test func writeReplacesItsOwnOutputAndNothingElse() throws {
        let input = MetadataFixture.input(contract: try MetadataFixture.contract())
        let directory = try MetadataFixture.write(input)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stale = directory.appendingPathComponent("\(PackageNames.sourceFolder)/objects/Lead/fields/AI_Old__c.field-meta.xml")
        try Data("old".utf8).write(to: stale)
        try SalesforcePackage.generate(input).write(to: directory)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("sfdx-project.json").path))

        let foreign = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: foreign) }
        try Data("keep".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        let error = #expect(throws: InputError.self) { try SalesforcePackage.generate(input).write(to: foreign) }
        #expect(error?.source == "--out")
        #expect(try String(contentsOf: foreign.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep")
    }

    /// Salesforce Help, "Apex Reserved Keywords" (External Services), and the sample field names.
    @Test func apexNamesFollowExternalServicesEncoding() {
        #expect(ApexName.encode("5getOpen-bankingV2.2Atms") == "x35getOpenx2dbankingV2x2e2Atms")
        #expect(ApexName.encode("fixed_array_of_AutoContext") == "fixedx5farrayx5fofx5fAutoContext")
        #expect(ApexName.encode("type") == "z0type")
        #expect(ApexName.encode("Pricing_Page_Visits__c") == "Pricingx5fPagex5fVisitsx5fx5fc")
        #expect(ApexName.encode("LeadSource") == "LeadSource")
        #expect(ApexName.type("ScoreResponse", service: "Leadscore") == "ExternalService__Leadscore_ScoreResponse")
        #expect(ApexNameDecoder.decode("Pricingx5fPagex5fVisitsx5fx5fc") == "Pricing_Page_Visits__c")
    }
}
