import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import Testing

/// A package the org cannot take is refused at start with the file, the element and the fix: nothing
/// half-deployed, no server listening on a wrong data model.
@Suite struct PackageValidationTests {
    /// The error starting a server on a fresh org with `package` throws.
    static func refusal(_ package: URL) throws -> InputError {
        let org = try DevServerFixture.makeOrg()
        do {
            _ = try DevSalesforceServer(configuration: .init(orgDirectory: org, packageDirectories: [package]), logger: DevServerFixture.logger)
        } catch let error as InputError {
            return error
        }
        throw FixtureError("the package at \(package.path) was accepted")
    }

    @Test func anUnknownFieldTypeNamesTheFile() throws {
        let error = try Self.refusal(try TestPackage.sourceFolder(field: "AI_Score__c", "<label>AI Score</label><type>Numbr</type>"))
        #expect(error.source.hasSuffix("objects/Lead/fields/AI_Score__c.field-meta.xml"))
        #expect(error.field == "type")
        #expect(error.problem.contains("'Numbr'"))
        #expect(error.fix.contains("Number") && error.fix.contains("Picklist"))
        let unmodelled = try Self.refusal(try TestPackage.sourceFolder(field: "Where__c", "<label>Where</label><type>Location</type>"))
        #expect(unmodelled.problem.contains("does not model"))
    }

    @Test func brokenXMLAndMissingAttributesAreRefusedWithTheirLine() throws {
        let broken = try Self.refusal(try TestPackage.sourceFolder(field: "AI_Tier__c", "<label>Tier</label><type>Text</length>"))
        #expect(broken.problem.contains("not well-formed XML"))
        #expect(broken.line != nil)
        let noLength = try Self.refusal(try TestPackage.sourceFolder(field: "AI_Tier__c", "<label>Tier</label><type>Text</type>"))
        #expect(noLength.field == "length")
        let noDefault = try Self.refusal(try TestPackage.sourceFolder(field: "AI_Flag__c", "<label>Flag</label><type>Checkbox</type>"))
        #expect(noDefault.field == "defaultValue")
        let badBoolean = try Self.refusal(try TestPackage.sourceFolder(
            field: "AI_Key__c", "<label>Key</label><length>10</length><type>Text</type><externalId>yes</externalId>"))
        #expect(badBoolean.field == "externalId" && badBoolean.problem.contains("'yes'"))
        let badScale = try Self.refusal(try TestPackage.sourceFolder(
            field: "AI_Score__c", "<label>Score</label><precision>3</precision><scale>4</scale><type>Number</type>"))
        #expect(badScale.field == "scale")
        let externalDate = try Self.refusal(try TestPackage.sourceFolder(
            field: "AI_When__c", "<label>When</label><type>Date</type><externalId>true</externalId>"))
        #expect(externalDate.field == "externalId")
        let noValues = try Self.refusal(try TestPackage.sourceFolder(field: "AI_Tier__c", "<label>Tier</label><type>Picklist</type>"))
        #expect(noValues.field == "valueSet")
    }

    @Test func namesMustMatchAndBeDefinedOnce() throws {
        let source = try TestPackage.sourceFolder(field: "AI_Score__c", "<label>Score</label><type>Date</type>")
        let misnamed = source.appendingPathComponent("objects/Lead/fields/AI_Score__c.field-meta.xml")
        try FileManager.default.moveItem(at: misnamed, to: misnamed.deletingLastPathComponent().appendingPathComponent("AI_Other__c.field-meta.xml"))
        let error = try Self.refusal(source)
        #expect(error.field == "fullName" && error.fix.contains("AI_Score__c.field-meta.xml"))

        let twice = try TestPackage.sourceFolder(field: "AI_Score__c", "<label>Score</label><type>Date</type>")
        try TestPackage.writeObject("Lead", """
            <fields><fullName>AI_Score__c</fullName><label>Score</label><type>Date</type></fields>
            """, in: twice)
        #expect(try Self.refusal(twice).problem.contains("defined again"))

        let notCustom = try TestPackage.sourceFolder(field: "Score", "<label>Score</label><type>Date</type>")
        #expect(try Self.refusal(notCustom).problem.contains("not a custom field API name"))
    }

    @Test func objectsNeedTheirDefinitionAndAValidKind() throws {
        let orphan = try TestPackage.sourceFolder(object: "Audit__c", field: "Note__c", "<label>Note</label><type>TextArea</type>")
        #expect(try Self.refusal(orphan).fix.contains("Audit__c.object-meta.xml"))
        let standard = try TestPackage.sourceFolder(object: "Opportunity", field: "Note__c", "<label>Note</label><type>TextArea</type>")
        #expect(try Self.refusal(standard).problem.contains("Opportunity"))

        let noName = try TestPackage.sourceFolder(object: "Audit__c", field: "Note__c", "<label>Note</label><type>TextArea</type>")
        try TestPackage.writeObject("Audit__c", "<label>Audit</label><pluralLabel>Audits</pluralLabel>", in: noName)
        #expect(try Self.refusal(noName).field == "nameField")

        let oldEvent = try TestPackage.sourceFolder(object: "Ping__e", field: "Note__c", "<label>Note</label><type>TextArea</type>")
        try TestPackage.writeObject("Ping__e", "<eventType>StandardVolume</eventType><label>Ping</label><pluralLabel>Pings</pluralLabel>",
                                    in: oldEvent)
        let event = try Self.refusal(oldEvent)
        #expect(event.field == "eventType" && event.fix.contains("HighVolume"))
    }

    @Test func theDirectoryMustBeAPackage() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("dev-empty-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(try Self.refusal(empty).problem.contains("no objects/ folder"))
        #expect(try Self.refusal(empty.appendingPathComponent("missing")).problem.contains("not a directory"))
        try TestPackage.write("{\"packageDirectories\": [{\"path\": \"../elsewhere\"}]}", to: empty.appendingPathComponent("sfdx-project.json"))
        #expect(try Self.refusal(empty).field == "packageDirectories[0].path")
        try TestPackage.write("{\"name\": \"x\"}", to: empty.appendingPathComponent("sfdx-project.json"))
        #expect(try Self.refusal(empty).field == "packageDirectories")
    }
}
