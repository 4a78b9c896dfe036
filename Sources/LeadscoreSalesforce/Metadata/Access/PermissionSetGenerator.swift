import LeadscoreData

/// The package's permission sets, each granting one audience exactly what it needs:
///
/// - `Leadscore_Viewer` (sales reps): read the score and the tier.
/// - `Leadscore_Admin` (RevOps): read every `AI_*` field, set `AI_Score_Status__c` (Pending asks for a
///   new score), read every audit event and subscribe to `Hot_Lead__e`.
/// - `Leadscore_Integration` (the sync's API user): API access; read leads and the contract's scoring
///   inputs; edit the `AI_*` fields (and only those); create and upsert audit events; publish
///   `Hot_Lead__e`; create route mode's follow-up Tasks (Tasks carry no object permissions: the user
///   permission `EditTask`, "Edit Tasks", grants creating them; PermissionSet field reference,
///   `PermissionsEditTask`). It gets no delete, no "modify all" and no setup rights.
/// - `Leadscore_Flow_Callout`: access to the External Credential's named principal, for the users the
///   scoring Flow runs as (Salesforce checks it on every callout through the Named Credential). A
///   record-triggered flow runs as the user whose change triggered it (Salesforce Admins blog, "Your
///   Guide to Determining the Flow Running User and Its Execution Context"), so this is a set of its own
///   for everyone who edits leads, not part of the viewer's.
///
/// Element order is the WSDL's, entries sorted by name as a retrieve writes them (Metadata API
/// Developer Guide, "PermissionSet").
enum PermissionSetGenerator {
    /// Standard Lead fields that carry field-level security and are never required, so a permission set
    /// may grant them. Others a contract may use (`Id`, `CreatedDate`, `IsConverted`, `Company`,
    /// `Status`…) are readable by anyone who can read the lead, or cannot be granted this way.
    static let grantableStandardFields: Set<String> = [
        "AnnualRevenue", "City", "Country", "Description", "DoNotCall", "Email", "Fax", "HasOptedOutOfEmail",
        "HasOptedOutOfFax", "Industry", "LeadSource", "MobilePhone", "NumberOfEmployees", "Phone", "PostalCode", "Rating",
        "State", "Street", "Title", "Website",
    ]

    struct Access {
        var read: Set<String> = []
        var edit: Set<String> = []
    }

    /// The contract's scoring inputs the integration user must read, and those it cannot be granted here.
    static func integrationInputs(_ contract: DataContract) -> (grantable: [String], other: [String]) {
        let labels = contract.labelFieldNames
        let inputs = contract.fields.filter { $0.scoring == .allowed && !labels.contains($0.name) }.map(\.name)
        let grantable = inputs.filter { $0.hasSuffix("__c") || grantableStandardFields.contains($0) }
        return (grantable, inputs.filter { !grantable.contains($0) })
    }

    static func viewer() -> MetadataElement {
        let fields = [ScoreFields.score, ScoreFields.tier].map { "Lead.\($0)" }
        return permissionSet(label: "Leadscore Viewer",
                             description: "leadscore: read a lead's AI Score and AI Tier. For sales reps and managers.",
                             access: Access(read: Set(fields)), objects: [])
    }

    static func admin() -> MetadataElement {
        let lead = ScoreFields.leadFields.map { "Lead.\($0)" }
        let events = ScoringEventFields.all.map { "\(ScoringEventFields.object).\($0)" }
        return permissionSet(
            label: "Leadscore Admin",
            description: "leadscore: read every AI field and the Lead Scoring Event audit trail, request a rescore "
                + "(AI Score Status = Pending) and subscribe to Hot_Lead__e. For RevOps admins.",
            access: Access(read: Set(lead + events), edit: ["Lead.\(ScoreFields.status)"]),
            objects: [
                ObjectAccess(object: ScoringEventFields.object, read: true, viewAll: true),
                ObjectAccess(object: HotLeadEventFields.object, read: true),
            ])
    }

    static func integration(contract: DataContract) -> MetadataElement {
        let scoreFields = ScoreFields.leadFields.map { "Lead.\($0)" }
        let events = ScoringEventFields.all.map { "\(ScoringEventFields.object).\($0)" }
        let inputs = integrationInputs(contract).grantable.map { "Lead.\($0)" }
        return permissionSet(
            label: "Leadscore Integration",
            description: "leadscore: what the batch sync's API user needs and nothing more: read leads and their scoring "
                + "inputs, write the AI fields, record audit events, publish Hot_Lead__e, create follow-up Tasks.",
            access: Access(read: Set(scoreFields + events + inputs), edit: Set(scoreFields + events)),
            objects: [
                ObjectAccess(object: "Lead", read: true, edit: true, viewAll: true),
                ObjectAccess(object: ScoringEventFields.object, create: true, read: true, edit: true),
                ObjectAccess(object: HotLeadEventFields.object, create: true, read: true),
            ],
            userPermissions: ["ApiEnabled", "EditTask"])
    }

    static func callout() -> MetadataElement {
        MetadataElement("PermissionSet") {
            MetadataElement("description", text: "leadscore: lets the scoring flow call the leadscore service through the "
                + "Leadscore named credential. Assign to the users whose lead changes run the flow.")
            MetadataElement("externalCredentialPrincipalAccesses") {
                MetadataElement("enabled", true)
                MetadataElement("externalCredentialPrincipal", text: "\(PackageNames.credential)-\(PackageNames.principal)")
            }
            MetadataElement("hasActivationRequired", false)
            MetadataElement("label", text: "Leadscore Flow Callout")
        }
    }

    struct ObjectAccess {
        var object: String
        var create = false
        var read = false
        var edit = false
        var viewAll = false
    }

    private static func permissionSet(label: String, description: String, access: Access, objects: [ObjectAccess],
                                      userPermissions: [String] = []) -> MetadataElement {
        MetadataElement("PermissionSet") {
            MetadataElement("description", text: description)
            for field in access.read.union(access.edit).sorted() {
                MetadataElement("fieldPermissions") {
                    MetadataElement("editable", access.edit.contains(field))
                    MetadataElement("field", text: field)
                    MetadataElement("readable", true)
                }
            }
            MetadataElement("hasActivationRequired", false)
            MetadataElement("label", text: label)
            for object in objects.sorted(by: { $0.object < $1.object }) {
                MetadataElement("objectPermissions") {
                    MetadataElement("allowCreate", object.create)
                    MetadataElement("allowDelete", false)
                    MetadataElement("allowEdit", object.edit)
                    MetadataElement("allowRead", object.read)
                    MetadataElement("modifyAllRecords", false)
                    MetadataElement("object", text: object.object)
                    MetadataElement("viewAllRecords", object.viewAll)
                }
            }
            for permission in userPermissions.sorted() {
                MetadataElement("userPermissions") {
                    MetadataElement("enabled", true)
                    MetadataElement("name", text: permission)
                }
            }
        }
    }
}
