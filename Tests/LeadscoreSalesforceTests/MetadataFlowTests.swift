import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Testing

/// The Flows do what the schema cannot see: connectors reach real elements, references name fields and
/// resources that exist, actions are operations of the registered External Service, callouts run only
/// on the asynchronous path, and the entry condition and write-back follow the guardrails.
@Suite("Metadata flows") struct MetadataFlowTests {
    static let flows = [PackageNames.scoreFlow, PackageNames.rescoreFlow]

    /// The generated package for the sample org, parsed, and the committed one, checked the same way.
    static func packages() throws -> [(String, MetadataChecks, URL?)] {
        let contract = try MetadataFixture.contract()
        let directory = try MetadataFixture.write(MetadataFixture.input(contract: contract))
        return [("generated", MetadataChecks(root: directory, contract: contract), directory),
                ("committed", MetadataChecks(root: MetadataFixture.committedPackage, contract: contract), nil)]
    }

    @Test func connectorsReferencesActionsAndCalloutsAreSound() throws {
        for (which, checks, directory) in try Self.packages() {
            defer { directory.map { try? FileManager.default.removeItem(at: $0) } }
            for name in Self.flows {
                let flow = try checks.flow(name)
                #expect(MetadataChecks.connectorProblems(flow).isEmpty, "\(which) \(name): \(MetadataChecks.connectorProblems(flow))")
                let references = try checks.referenceProblems(flow, service: PackageNames.externalService)
                #expect(references.isEmpty, "\(which) \(name): \(references)")
                let actions = try checks.actionProblems(flow)
                #expect(actions.isEmpty, "\(which) \(name): \(actions)")
                #expect(MetadataChecks.calloutProblems(flow).isEmpty, "\(which) \(name): \(MetadataChecks.calloutProblems(flow))")
            }
        }
    }

    /// The scoring flow calls `Leadscore.scoreLead` once, from its Run Asynchronously path only; the
    /// scheduled flow calls nothing and only asks for rescores.
    @Test func theOnlyCalloutIsTheScoreActionOnTheAsynchronousPath() throws {
        let contract = try MetadataFixture.contract()
        let directory = try MetadataFixture.write(MetadataFixture.input(contract: contract))
        defer { try? FileManager.default.removeItem(at: directory) }
        let checks = MetadataChecks(root: directory, contract: contract)
        let flow = try checks.flow(PackageNames.scoreFlow)
        let start = try #require(flow.child("start"))
        #expect(start.text("triggerType") == "RecordAfterSave")
        #expect(start.text("recordTriggerType") == "CreateAndUpdate")
        #expect(start.child("connector") == nil)
        #expect(start.children("scheduledPaths").map { $0.text("pathType") } == ["AsyncAfterCommit"])
        let actions = flow.children("actionCalls")
        #expect(actions.map { $0.text("actionName") } == ["Leadscore.scoreLead"])
        #expect(actions.first?.child("faultConnector")?.text("targetReference") == "Mark_Error")

        let rescore = try checks.flow(PackageNames.rescoreFlow)
        #expect(rescore.children("actionCalls").isEmpty)
        #expect(rescore.child("start")?.text("triggerType") == "Scheduled")
        #expect(rescore.child("start")?.child("schedule")?.text("frequency") == "Daily")
    }

    /// The checks catch what they claim to: a dangling connector, a field that does not exist, an action
    /// the service does not have, and a callout moved onto the save's own transaction.
    @Test func theChecksFindBrokenFlows() throws {
        let contract = try MetadataFixture.contract()
        let directory = try MetadataFixture.write(MetadataFixture.input(contract: contract))
        defer { try? FileManager.default.removeItem(at: directory) }
        let checks = MetadataChecks(root: directory, contract: contract)
        let url = checks.source.appendingPathComponent("flows/\(PackageNames.scoreFlow).flow-meta.xml")
        let text = try String(contentsOf: url, encoding: .utf8)
        func parsed(_ replacing: String, _ with: String) throws -> ParsedElement {
            #expect(text.contains(replacing))
            return try ParsedElement.parse(Data(text.replacingOccurrences(of: replacing, with: with).utf8), source: "mutated")
        }
        let dangling = try parsed("<targetReference>Check_Response</targetReference>", "<targetReference>Check_Reply</targetReference>")
        #expect(MetadataChecks.connectorProblems(dangling).contains("Score_Lead connects to Check_Reply, which is not an element"))
        let field = try parsed("<field>AI_Top_Reasons__c</field>", "<field>AI_Top_Reason__c</field>")
        #expect(try checks.referenceProblems(field, service: "Leadscore").contains("Write_Score: Lead.AI_Top_Reason__c does not exist"))
        let property = try parsed("ScoreResponse.reasonText", "ScoreResponse.reasonsText")
        #expect(try !checks.referenceProblems(property, service: "Leadscore").isEmpty)
        let action = try parsed("<actionName>Leadscore.scoreLead</actionName>", "<actionName>Leadscore.scoreLeads</actionName>")
        #expect(try checks.actionProblems(action).count == 3)
        let immediate = try parsed("<scheduledPaths>", "<connector>\n<targetReference>Build_Request</targetReference>\n</connector>\n<scheduledPaths>")
        #expect(MetadataChecks.calloutProblems(immediate) == ["Score_Lead calls out on the immediate (same transaction) path"])
    }

    /// Entry: new, a scoring input changed, or Pending was set; never a converted lead. Every input the
    /// OpenAPI `Lead` lists is watched (Id and CreatedDate cannot change), so writing the AI fields back
    /// re-triggers nothing.
    @Test func entersOnlyWhenAnInputChangesOnUnconvertedLeads() throws {
        let contract = try MetadataFixture.contract()
        let directory = try MetadataFixture.write(MetadataFixture.input(contract: contract))
        defer { try? FileManager.default.removeItem(at: directory) }
        let flow = try MetadataChecks(root: directory, contract: contract).flow(PackageNames.scoreFlow)
        let formula = try #require(flow.child("start")?.text("filterFormula"))
        #expect(formula.hasPrefix("AND(\n  NOT({!$Record.IsConverted}),\n  OR(\n    ISNEW(),"))
        let watched = Set(MetadataChecks.mergeFields(formula).map { $0.replacingOccurrences(of: "$Record.", with: "") })
        let inputs = Set(contract.fields.filter { $0.scoring == .allowed && !contract.labelFieldNames.contains($0.name) }.map(\.name))
        #expect(watched == inputs.union(["IsConverted", ScoreFields.status]))
        #expect(watched.isDisjoint(with: Set(ScoreFields.leadFields).subtracting([ScoreFields.status])))
        #expect(formula.contains("AND(ISCHANGED({!$Record.AI_Score_Status__c}), ISPICKVAL({!$Record.AI_Score_Status__c}, \"Pending\"))"))
    }

    /// The write-back sets every AI field the response carries, filters on the triggering, unconverted
    /// lead, and the fault path sets Error (the field's restricted picklist has that value).
    @Test func writesTheScoreBackAndMarksErrorsOnTheFaultPath() throws {
        let contract = try MetadataFixture.contract()
        let directory = try MetadataFixture.write(MetadataFixture.input(contract: contract))
        defer { try? FileManager.default.removeItem(at: directory) }
        let flow = try MetadataChecks(root: directory, contract: contract).flow(PackageNames.scoreFlow)
        let updates = Dictionary(uniqueKeysWithValues: flow.children("recordUpdates").compactMap { element in
            element.text("name").map { ($0, element) }
        })
        let write = try #require(updates["Write_Score"])
        let written = Set(write.children("inputAssignments").compactMap { $0.text("field") })
        #expect(written == Set(ScoreFields.leadFields).subtracting([ScoreFields.inputHash]))
        for update in updates.values {
            let filters = update.children("filters").map { "\($0.text("field") ?? "") \($0.child("value")?.descendants.first?.text ?? "")" }
            #expect(filters == ["Id $Record.Id", "IsConverted false"])
            #expect(update.text("object") == "Lead")
        }
        let error = try #require(updates["Mark_Error"]?.children("inputAssignments").first)
        #expect(error.text("field") == ScoreFields.status)
        #expect(error.child("value")?.text("stringValue") == "Error")
        #expect(write.child("faultConnector")?.text("targetReference") == "Mark_Error")
        let decision = try #require(flow.children("decisions").first { $0.text("name") == "Check_Response" })
        #expect(decision.child("defaultConnector")?.text("targetReference") == "Mark_Error")
    }

    /// A hot lead is announced with the top tier's name; the daily flow picks failed and stale leads,
    /// unconverted, oldest first and bounded, and hands them to the scoring flow as Pending.
    @Test func announcesHotLeadsAndRescoresStaleOnes() throws {
        let contract = try MetadataFixture.contract()
        var input = MetadataFixture.input(contract: contract, tiers: [PackageTier(name: "Top", label: "Hot", route: "Q1"),
                                                                       PackageTier(name: "Rest", label: "Other", route: "Q2")])
        input.staleAfterDays = 14
        input.dailyRescoreLimit = 500
        let directory = try MetadataFixture.write(input)
        defer { try? FileManager.default.removeItem(at: directory) }
        let checks = MetadataChecks(root: directory, contract: contract)
        let flow = try checks.flow(PackageNames.scoreFlow)
        let hot = try #require(flow.children("decisions").first { $0.text("name") == "Is_Hot_Lead" })
        #expect(hot.descendants.first { $0.name == "stringValue" }?.text == "Top")
        #expect(flow.children("recordCreates").first?.text("object") == HotLeadEventFields.object)

        let rescore = try checks.flow(PackageNames.rescoreFlow)
        #expect(rescore.child("formulas")?.text("expression") == "{!$Flow.CurrentDateTime} - 14")
        let lookup = try #require(rescore.child("recordLookups"))
        #expect(lookup.text("filterLogic") == "1 AND (2 OR 3)")
        #expect(lookup.children("filters").compactMap { $0.text("field") } == ["IsConverted", ScoreFields.status, ScoreFields.scoredAt])
        #expect(lookup.child("limit")?.text("numberValue") == "500.0")
        #expect(lookup.text("sortField") == ScoreFields.scoredAt && lookup.text("sortOrder") == "Asc")
        let mark = try #require(rescore.child("assignments")?.children("assignmentItems").first)
        #expect(mark.text("assignToReference") == "Each_Lead.\(ScoreFields.status)")
        #expect(mark.child("value")?.text("stringValue") == PackageNames.pendingStatus)
        #expect(rescore.child("recordUpdates")?.text("inputReference") == "LeadsToRescore")
    }
}
