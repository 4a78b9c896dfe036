import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Testing

/// Permission sets grant each audience what it needs and nothing more, and name only fields and objects
/// that exist; the credentials chain from the External Service to the principal a permission set opens.
@Suite("Metadata access") struct MetadataAccessTests {
    struct Grants {
        var read: Set<String> = []
        var edit: Set<String> = []
        var objects: [String: ParsedElement] = [:]
        var userPermissions: [String] = []
    }

    static func grants(_ checks: MetadataChecks, _ name: String) throws -> Grants {
        let set = try checks.parse("permissionsets/\(name).permissionset-meta.xml")
        var grants = Grants()
        for permission in set.children("fieldPermissions") {
            let field = permission.text("field") ?? ""
            if permission.text("readable") == "true" { grants.read.insert(field) }
            if permission.text("editable") == "true" { grants.edit.insert(field) }
        }
        for permission in set.children("objectPermissions") { grants.objects[permission.text("object") ?? ""] = permission }
        grants.userPermissions = set.children("userPermissions").compactMap { $0.text("name") }
        return grants
    }

    static func generated() throws -> (MetadataChecks, URL) {
        let contract = try MetadataFixture.contract()
        let directory = try MetadataFixture.write(MetadataFixture.input(contract: contract))
        return (MetadataChecks(root: directory, contract: contract), directory)
    }

    @Test func permissionSetsNameOnlyFieldsAndObjectsThatExist() throws {
        let (checks, directory) = try Self.generated()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try checks.permissionProblems()
        #expect(generated.isEmpty, "\(generated)")
        let committed = try MetadataChecks(root: MetadataFixture.committedPackage, contract: try MetadataFixture.contract())
            .permissionProblems()
        #expect(committed.isEmpty, "\(committed)")
    }

    @Test func theCheckFindsAFieldNobodyDefined() throws {
        let (checks, directory) = try Self.generated()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = checks.source.appendingPathComponent("permissionsets/\(PackageNames.viewerPermissionSet).permissionset-meta.xml")
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: "Lead.AI_Tier__c", with: "Lead.AI_Grade__c").write(to: url, atomically: true, encoding: .utf8)
        #expect(try checks.permissionProblems() == [
            "\(PackageNames.viewerPermissionSet).permissionset-meta.xml: field Lead.AI_Grade__c is neither generated nor in the contract",
        ])
    }

    @Test func viewersReadTheScoreAndTheTierOnly() throws {
        let (checks, directory) = try Self.generated()
        defer { try? FileManager.default.removeItem(at: directory) }
        let viewer = try Self.grants(checks, PackageNames.viewerPermissionSet)
        #expect(viewer.read == ["Lead.AI_Score__c", "Lead.AI_Tier__c"])
        #expect(viewer.edit.isEmpty && viewer.objects.isEmpty && viewer.userPermissions.isEmpty)
    }

    @Test func adminsAlsoReadReasonsAuditAndStatusAndMayRequestARescore() throws {
        let (checks, directory) = try Self.generated()
        defer { try? FileManager.default.removeItem(at: directory) }
        let admin = try Self.grants(checks, PackageNames.adminPermissionSet)
        #expect(admin.read.isSuperset(of: ScoreFields.leadFields.map { "Lead.\($0)" }))
        #expect(admin.read.isSuperset(of: ScoringEventFields.all.map { "\(ScoringEventFields.object).\($0)" }))
        #expect(admin.edit == ["Lead.\(ScoreFields.status)"])
        #expect(admin.objects[ScoringEventFields.object]?.text("viewAllRecords") == "true")
        #expect(admin.objects[ScoringEventFields.object]?.text("allowEdit") == "false")
        #expect(admin.objects[HotLeadEventFields.object]?.text("allowRead") == "true")
    }

    /// The sync's user: API access, read leads and every scoring input it sends, write the AI fields and
    /// audit events, publish hot-lead events; nothing else (no delete, no modify all, no other field).
    @Test func theIntegrationUserGetsWhatTheSyncNeedsAndNothingMore() throws {
        let (checks, directory) = try Self.generated()
        defer { try? FileManager.default.removeItem(at: directory) }
        let contract = checks.contract
        let integration = try Self.grants(checks, PackageNames.integrationPermissionSet)
        let written = Set(ScoreFields.leadFields.map { "Lead.\($0)" } + ScoringEventFields.all.map { "\(ScoringEventFields.object).\($0)" })
        #expect(integration.edit == written)
        let inputs = contract.fields.filter { $0.scoring == .allowed && !contract.labelFieldNames.contains($0.name) }.map(\.name)
        #expect(integration.read == written.union(inputs.map { "Lead.\($0)" }))
        // Route mode's follow-up Tasks: Tasks have no object permissions, "Edit Tasks" grants creating them
        // (PermissionSet field reference, PermissionsEditTask).
        #expect(integration.userPermissions == ["ApiEnabled", "EditTask"])
        #expect(Set(integration.objects.keys) == ["Lead", ScoringEventFields.object, HotLeadEventFields.object])
        for (object, permission) in integration.objects {
            #expect(permission.text("allowDelete") == "false" && permission.text("modifyAllRecords") == "false", "\(object)")
        }
        #expect(integration.objects["Lead"]?.text("allowCreate") == "false")
        #expect(integration.objects[ScoringEventFields.object]?.text("allowCreate") == "true")
        #expect(integration.objects[HotLeadEventFields.object]?.text("allowCreate") == "true")
    }

    /// A scoring input a permission set cannot grant (a standard field without field-level security in
    /// this list) is left out of the set and named in a note, rather than failing the deploy.
    @Test func aFieldThePermissionSetCannotGrantIsNamedInANote() throws {
        var contract = try MetadataFixture.contract()
        contract.fields.append(FieldSpec(name: "Jigsaw", type: .string))
        let package = try SalesforcePackage.generate(MetadataFixture.input(contract: contract))
        #expect(package.notes.count == 1)
        #expect(package.notes.first?.contains("Jigsaw") == true)
        let integration = try #require(package.files.first { $0.path.hasSuffix("\(PackageNames.integrationPermissionSet).permissionset-meta.xml") })
        #expect(!String(decoding: integration.contents, as: UTF8.self).contains("Lead.Jigsaw"))
    }

    /// External Service → Named Credential → External Credential (OAuth client credentials against the
    /// service's token endpoint, score scope) → the named principal the callout permission set opens.
    /// No secret is in any file.
    @Test func theCredentialsChainToThePrincipalAndHoldNoSecret() throws {
        let (checks, directory) = try Self.generated()
        defer { try? FileManager.default.removeItem(at: directory) }
        let registration = try checks.parse("externalServiceRegistrations/Leadscore.externalServiceRegistration-meta.xml")
        let named = try checks.parse("namedCredentials/\(registration.text("namedCredentialReference") ?? "").namedCredential-meta.xml")
        let parameters = Dictionary(uniqueKeysWithValues: named.children("namedCredentialParameters").compactMap { parameter in
            parameter.text("parameterType").map { ($0, parameter) }
        })
        #expect(parameters["Url"]?.text("parameterValue") == MetadataFixture.serviceURL)
        #expect(named.text("namedCredentialType") == "SecuredEndpoint" && named.text("generateAuthorizationHeader") == "true")
        let credentialName = try #require(parameters["Authentication"]?.text("externalCredential"))
        let credential = try checks.parse("externalCredentials/\(credentialName).externalCredential-meta.xml")
        #expect(credential.text("authenticationProtocol") == "Oauth")
        let values = Dictionary(uniqueKeysWithValues: credential.children("externalCredentialParameters").compactMap { parameter in
            parameter.text("parameterName").map { ($0, parameter.text("parameterValue") ?? parameter.text("parameterType") ?? "") }
        })
        #expect(values["AuthProtocolVariant"] == "ClientCredentialsClientSecret")
        #expect(values["AuthProviderUrl"] == "\(MetadataFixture.serviceURL)/oauth/token")
        #expect(values["Scope"] == "score")
        #expect(values["LeadscoreFlow"] == "NamedPrincipal")
        let callout = try checks.parse("permissionsets/\(PackageNames.calloutPermissionSet).permissionset-meta.xml")
        #expect(callout.child("externalCredentialPrincipalAccesses")?.text("externalCredentialPrincipal") == "Leadscore-LeadscoreFlow")
        #expect(Set(values.keys) == ["AuthProtocolVariant", "AuthProviderUrl", "Scope", "LeadscoreFlow"])
        let secretElements: Set<String> = ["password", "oauthToken", "oauthRefreshToken", "awsAccessSecret", "username"]
        for file in MetadataFixture.metadataFiles(in: directory) {
            #expect(try ParsedElement.parse(file).descendants.allSatisfy { !secretElements.contains($0.name) }, "\(file.lastPathComponent)")
        }
    }
}
