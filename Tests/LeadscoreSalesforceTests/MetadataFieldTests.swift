import Foundation
import LeadscoreData
import LeadscoreModels
import LeadscoreSalesforce
import Testing

/// Field API names match DESIGN.md and the lists the sync writes; picklists hold every value the API and
/// the sync write; a contract or tier change regenerates what depends on it.
@Suite("Metadata fields") struct MetadataFieldTests {
    static func fullNames(_ directory: URL, object: String) throws -> [String: ParsedElement] {
        let folder = directory.appendingPathComponent("\(PackageNames.sourceFolder)/objects/\(object)/fields")
        var fields: [String: ParsedElement] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let field = try ParsedElement.parse(folder.appendingPathComponent(file))
            let name = field.text("fullName") ?? ""
            #expect(file == "\(name).field-meta.xml")
            fields[name] = field
        }
        return fields
    }

    static func picklist(_ field: ParsedElement?) -> [String] {
        field?.child("valueSet")?.child("valueSetDefinition")?.children("value").compactMap { $0.text("fullName") } ?? []
    }

    /// DESIGN.md's "Lead fields written back" paragraph, read from ../shared/DESIGN.md itself.
    @Test func leadFieldsAreTheOnesDesignNames() throws {
        let design = try String(contentsOf: MetadataFixture.shared.appendingPathComponent("DESIGN.md"), encoding: .utf8)
        let section = try #require(design.components(separatedBy: "### Lead fields written back").last?
            .components(separatedBy: "Guardrails").first)
        let named = Set(section.matches(of: /AI_[A-Za-z_]+__c/).map { String($0.output) })
        #expect(named.count == 11)
        #expect(section.contains("`\(ScoringEventFields.object)`"))
        #expect(named == Set(ScoreFields.leadFields))
        let directory = try MetadataFixture.write(MetadataFixture.input(contract: try MetadataFixture.contract()))
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(Set(try Self.fullNames(directory, object: "Lead").keys) == named)
        #expect(Set(try Self.fullNames(MetadataFixture.committedPackage, object: "Lead").keys) == named)
        #expect(Set(try Self.fullNames(directory, object: ScoringEventFields.object).keys) == Set(ScoringEventFields.all))
        #expect(Set(try Self.fullNames(directory, object: HotLeadEventFields.object).keys) == Set(HotLeadEventFields.all))
    }

    /// The audit object: a lookup to Lead that survives the lead's deletion, and the unique, case-sensitive
    /// external id the sync upserts by; no field is required (permission sets could not grant it).
    @Test func theAuditObjectHasItsLookupAndItsUpsertKey() throws {
        let directory = try MetadataFixture.write(MetadataFixture.input(contract: try MetadataFixture.contract()))
        defer { try? FileManager.default.removeItem(at: directory) }
        let fields = try Self.fullNames(directory, object: ScoringEventFields.object)
        let lead = try #require(fields[ScoringEventFields.lead])
        #expect(lead.text("type") == "Lookup" && lead.text("referenceTo") == "Lead" && lead.text("deleteConstraint") == "SetNull")
        let key = try #require(fields[ScoringEventFields.eventKey])
        #expect(key.text("externalId") == "true" && key.text("unique") == "true" && key.text("caseSensitive") == "true")
        #expect(Int(key.text("length") ?? "") ?? 0 >= 64 + 1 + 18)
        #expect(Self.picklist(fields[ScoringEventFields.mode]) == ["shadow", "recommend", "route"])
        for (name, field) in fields { #expect(field.text("required") != "true", "\(name)") }
        let object = try ParsedElement.parse(directory.appendingPathComponent(
            "\(PackageNames.sourceFolder)/objects/\(ScoringEventFields.object)/\(ScoringEventFields.object).object-meta.xml"))
        #expect(object.child("nameField")?.text("type") == "AutoNumber")
        let event = try ParsedElement.parse(directory.appendingPathComponent(
            "\(PackageNames.sourceFolder)/objects/\(HotLeadEventFields.object)/\(HotLeadEventFields.object).object-meta.xml"))
        #expect(event.text("eventType") == "HighVolume" && event.text("publishBehavior") == "PublishAfterCommit")
    }

    /// Every value the scoring API and the sync write fits: tiers, confidence levels, statuses (plus the
    /// Pending the flows use), and text lengths the API guarantees (reasonText ≤ 255).
    @Test func picklistsAndLengthsHoldWhatIsWritten() throws {
        let directory = try MetadataFixture.write(MetadataFixture.input(contract: try MetadataFixture.contract()))
        defer { try? FileManager.default.removeItem(at: directory) }
        let fields = try Self.fullNames(directory, object: "Lead")
        #expect(Self.picklist(fields[ScoreFields.tier]) == MetadataFixture.tiers.map(\.name))
        #expect(fields[ScoreFields.tier]?.child("valueSet")?.text("restricted") == "false")
        #expect(Self.picklist(fields[ScoreFields.confidence]) == ConfidenceAssessor.Level.allCases.map(\.rawValue))
        #expect(Set(Self.picklist(fields[ScoreFields.status])) == Set(ScoreFields.Status.allCases.map(\.rawValue) + ["Pending"]))
        #expect(fields[ScoreFields.topReasons]?.text("length") == "255")
        #expect(fields[ScoreFields.score]?.text("precision") == "3" && fields[ScoreFields.score]?.text("scale") == "0")
        #expect(fields[ScoreFields.probability]?.text("scale") == "4")
        #expect(fields[ScoreFields.reviewNeeded]?.text("defaultValue") == "false")
        #expect(fields[ScoreFields.scoredAt]?.text("type") == "DateTime")
        for (name, field) in fields {
            #expect(!(field.text("description") ?? "").isEmpty, "\(name) has no description")
        }
    }

    /// A contract change regenerates the Flow's inputs, its entry condition and the integration user's
    /// read access: a new field appears everywhere, a removed one disappears everywhere.
    @Test func aContractChangeRegeneratesWhatDependsOnIt() throws {
        var contract = try MetadataFixture.contract()
        contract.fields.removeAll { $0.name == "Web_Page_Views__c" }
        contract.fields.append(FieldSpec(name: "Trial_Started__c", label: "Trial Started", type: .boolean))
        let directory = try MetadataFixture.write(MetadataFixture.input(contract: contract))
        defer { try? FileManager.default.removeItem(at: directory) }
        let checks = MetadataChecks(root: directory, contract: contract)
        let flow = try String(contentsOf: checks.source.appendingPathComponent("flows/\(PackageNames.scoreFlow).flow-meta.xml"),
                              encoding: .utf8)
        #expect(flow.contains("<assignToReference>LeadInput.Trialx5fStartedx5fx5fc</assignToReference>"))
        #expect(flow.contains("ISCHANGED({!$Record.Trial_Started__c})"))
        #expect(!flow.contains("Web_Page_Views__c") && !flow.contains("Webx5fPagex5fViews"))
        let integration = try String(contentsOf: checks.source.appendingPathComponent(
            "permissionsets/\(PackageNames.integrationPermissionSet).permissionset-meta.xml"), encoding: .utf8)
        #expect(integration.contains("<field>Lead.Trial_Started__c</field>"))
        #expect(!integration.contains("Web_Page_Views__c"))
        let registration = try String(contentsOf: checks.source.appendingPathComponent(
            "externalServiceRegistrations/Leadscore.externalServiceRegistration-meta.xml"), encoding: .utf8)
        #expect(registration.contains("Trial_Started__c") && !registration.contains("Web_Page_Views__c"))
        #expect(try checks.referenceProblems(try checks.flow(PackageNames.scoreFlow), service: "Leadscore").isEmpty)
    }

    /// Tiers come from the model: the picklist, the list view, the report and the hot-lead decision follow.
    @Test func tiersComeFromTheModel() throws {
        let tiers = [PackageTier(name: "P1", label: "Call today", route: "Inside_Sales"),
                     PackageTier(name: "P2", label: "Nurture", route: "Marketing")]
        let directory = try MetadataFixture.write(MetadataFixture.input(contract: try MetadataFixture.contract(), tiers: tiers))
        defer { try? FileManager.default.removeItem(at: directory) }
        let fields = try Self.fullNames(directory, object: "Lead")
        #expect(Self.picklist(fields[ScoreFields.tier]) == ["P1", "P2"])
        let labels = fields[ScoreFields.tier]?.child("valueSet")?.child("valueSetDefinition")?.children("value").compactMap { $0.text("label") }
        #expect(labels == ["P1 (Call today)", "P2 (Nurture)"])
        let source = directory.appendingPathComponent(PackageNames.sourceFolder)
        let view = try ParsedElement.parse(source.appendingPathComponent("objects/Lead/listViews/AI_Hot_Leads.listView-meta.xml"))
        #expect(view.child("filters")?.text("value") == "P1" && view.child("filters")?.text("field") == ScoreFields.tier)
        let report = try ParsedElement.parse(source.appendingPathComponent("reports/Leadscore_Reports/AI_Hot_Leads.report-meta.xml"))
        let criteria = report.child("filter")?.children("criteriaItems").map { "\($0.text("column") ?? "")=\($0.text("value") ?? "")" }
        #expect(criteria == ["CONVERTED=false", "Lead.AI_Tier__c=P1"])
        #expect(report.text("sortColumn") == "Lead.AI_Score__c" && report.text("sortOrder") == "Desc")
    }
}
