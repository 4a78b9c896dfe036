import Foundation
import LeadscoreData

/// The SFDX project an admin deploys with `sf project deploy start`: `sfdx-project.json` and
/// `force-app/main/default/` with the `AI_*` Lead fields, the audit object, the hot-lead Platform Event,
/// permission sets, the External and Named Credentials, the External Service, the two Flows, a list
/// view and a report.
///
/// Everything is generated from the contract, the tiers and the service's OpenAPI document, so a
/// contract change regenerates the Flow's inputs and the integration user's access with it. Files are
/// byte-stable: the same input gives the same bytes, and a diff of the committed folder shows exactly
/// what a regeneration changed.
public struct SalesforcePackage: Sendable {
    public struct File: Sendable, Equatable {
        /// Relative to the project root, e.g. `force-app/main/default/flows/Leadscore_Score_Lead.flow-meta.xml`.
        public var path: String
        public var contents: Data
    }

    public let files: [File]
    /// What an admin must still do by hand that the package cannot (printed by the CLI).
    public let notes: [String]

    public static func generate(_ input: SalesforcePackageInput) throws -> SalesforcePackage {
        try input.validate()
        let document = try ServiceDocument.read(input.openAPIDocument, source: "openapi.json")
        let contractFields = Set(input.contract.fields.map(\.name))
        if let unknown = document.leadProperties.first(where: { !contractFields.contains($0) }) {
            throw InputError(source: "openapi.json", field: "components.schemas.\(document.leadSchema).properties.\(unknown)",
                             problem: "is not a field of data contract \(input.contract.name)",
                             fix: "generate the document and the package from the same bundle (--bundle) so they agree")
        }
        let fixed = Set([input.contract.idField, input.contract.createdField].compactMap { $0 })
        let formula = ScoreLeadFlowGenerator.entryFormula(inputs: document.leadProperties, fixed: fixed)
        // Salesforce's limit on a formula's text.
        guard formula.count <= 3_900 else {
            throw InputError(source: "contract", problem: "the scoring Flow's entry formula would have \(formula.count) "
                + "characters, above Salesforce's 3,900", fix: "leave fields the model does not need out of the contract")
        }
        let status = input.activateFlows ? "Active" : "Draft"
        let topTier = input.tiers[0]
        var files: [File] = [
            File(path: "sfdx-project.json", contents: projectFile()),
            File(path: "README.md", contents: Data(readme(input, document: document).utf8)),
        ]
        func add(_ path: String, _ element: MetadataElement) {
            files.append(File(path: "\(PackageNames.sourceFolder)/\(path)", contents: element.document()))
        }
        for field in LeadScoreFieldSpecs.fields(tiers: input.tiers) {
            add("objects/Lead/fields/\(field.name).field-meta.xml", field.element())
        }
        add("objects/Lead/listViews/\(PackageNames.hotLeadsListView).listView-meta.xml", ListViewGenerator.element(topTier: topTier))
        let events = ScoringEventFields.object
        add("objects/\(events)/\(events).object-meta.xml", ScoringEventObject.objectElement())
        for field in ScoringEventObject.fields {
            add("objects/\(events)/fields/\(field.name).field-meta.xml", field.element())
        }
        let hotLead = HotLeadEventFields.object
        add("objects/\(hotLead)/\(hotLead).object-meta.xml", HotLeadEventObject.objectElement())
        for field in HotLeadEventObject.fields {
            add("objects/\(hotLead)/fields/\(field.name).field-meta.xml", field.element())
        }
        add("permissionsets/\(PackageNames.viewerPermissionSet).permissionset-meta.xml", PermissionSetGenerator.viewer())
        add("permissionsets/\(PackageNames.adminPermissionSet).permissionset-meta.xml", PermissionSetGenerator.admin())
        add("permissionsets/\(PackageNames.integrationPermissionSet).permissionset-meta.xml",
            PermissionSetGenerator.integration(contract: input.contract))
        add("permissionsets/\(PackageNames.calloutPermissionSet).permissionset-meta.xml", PermissionSetGenerator.callout())
        add("externalCredentials/\(PackageNames.credential).externalCredential-meta.xml",
            ExternalCredentialGenerator.element(serviceURL: input.baseURL))
        add("namedCredentials/\(PackageNames.credential).namedCredential-meta.xml",
            NamedCredentialGenerator.element(serviceURL: input.baseURL))
        add("externalServiceRegistrations/\(PackageNames.externalService).externalServiceRegistration-meta.xml",
            ExternalServiceGenerator.element(document: document))
        add("flows/\(PackageNames.scoreFlow).flow-meta.xml", ScoreLeadFlowGenerator.element(
            .init(document: document, fixedFields: fixed, topTier: topTier, status: status)))
        add("flows/\(PackageNames.rescoreFlow).flow-meta.xml", RescoreFlowGenerator.element(
            .init(staleAfterDays: input.staleAfterDays, limit: input.dailyRescoreLimit, startDate: input.scheduleStartDate,
                  startTime: "03:00:00.000Z", status: status)))
        add("reports/\(PackageNames.reportFolder).reportFolder-meta.xml", ReportGenerator.folder())
        add("reports/\(PackageNames.reportFolder)/\(PackageNames.hotLeadsReport).report-meta.xml",
            ReportGenerator.report(topTier: topTier))

        let ungranted = PermissionSetGenerator.integrationInputs(input.contract).other
        let notes = ungranted.isEmpty ? [] : [
            "The integration user reads \(ungranted.joined(separator: ", ")) for scoring, which a permission set cannot "
                + "grant here: give it Read on them in its profile if it cannot already see them.",
        ]
        return SalesforcePackage(files: files, notes: notes)
    }

    /// `sfdx-project.json` (Salesforce DX Developer Guide, "Salesforce DX Project Configuration"), written
    /// as text so its bytes are the same on every platform.
    static func projectFile() -> Data {
        Data("""
            {
              "name": "\(PackageNames.projectName)",
              "namespace": "",
              "packageDirectories": [
                {
                  "path": "force-app",
                  "default": true
                }
              ],
              "sfdcLoginUrl": "https://login.salesforce.com",
              "sourceApiVersion": "\(PackageNames.apiVersion)"
            }

            """.utf8)
    }

    /// What the folder is and where it came from, for whoever opens it.
    static func readme(_ input: SalesforcePackageInput, document: ServiceDocument) -> String {
        let tiers = input.tiers.map { "\($0.name) (\($0.label), route \($0.route))" }.joined(separator: ", ")
        return """
            # leadscore SFDX package

            Generated by `leadscore salesforce package`; do not edit by hand: regenerate it when the data contract,
            the tiers or the service's address change. Deploying, credentials, the rollout phases and rolling back
            are in `docs/salesforce-setup.md`.

            - Data contract: \(input.contract.name), revision \(input.contract.revision)
            - Tiers, best first: \(tiers)
            - Scoring service: \(input.baseURL) (External Service `\(PackageNames.externalService)`, operations \
            \(document.operations.map(\.id).joined(separator: ", ")))
            - Lead fields sent for scoring: \(document.leadProperties.joined(separator: ", "))
            - Flows deployed as: \(input.activateFlows ? "Active" : "Draft (activate them in phase 2, recommend)")
            - Daily rescore: leads scored more than \(input.staleAfterDays) days ago or in error, at most \
            \(input.dailyRescoreLimit) a day, from \(input.scheduleStartDate) at 03:00 UTC

            """
    }
}
