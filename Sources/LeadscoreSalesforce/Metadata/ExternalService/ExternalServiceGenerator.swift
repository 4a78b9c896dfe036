import Foundation

/// `externalServiceRegistrations/Leadscore.externalServiceRegistration-meta.xml`: the scoring service
/// registered from its own OpenAPI document, so Flow gets typed actions (`Leadscore.scoreLead`) whose
/// inputs are exactly the fields the server validates.
///
/// The shape follows Salesforce's own tools: the VS Code extension's "Create Apex Action" writes a
/// registration with `namedCredentialReference`, `registrationProviderType` Custom, the schema inline,
/// `schemaType` OpenApi3, `status` Complete and `systemVersion` 5 (forcedotcom/salesforcedx-vscode,
/// `ApexActionController`), and source-deploy-retrieve's fixtures add a `serviceBinding`. Element order
/// is the WSDL's (Metadata API Developer Guide, "ExternalServiceRegistration").
enum ExternalServiceGenerator {
    /// Operations the package's Flows and an admin's own Flows use; the rest of the API (jobs, admin,
    /// probes) is registered but left inactive, so it adds no actions to Flow Builder.
    static let activeOperations: Set<String> = [PackageNames.scoreOperation, PackageNames.batchOperation]

    static func element(document: ServiceDocument) -> MetadataElement {
        MetadataElement("ExternalServiceRegistration") {
            MetadataElement("description", text: "leadscore scoring API, registered from the service's /openapi.json. "
                + "Regenerate the package (leadscore salesforce package) when the data contract changes.")
            MetadataElement("label", text: PackageNames.externalService)
            MetadataElement("namedCredentialReference", text: PackageNames.credential)
            for operation in document.operations {
                MetadataElement("operations") {
                    MetadataElement("active", activeOperations.contains(operation.id))
                    MetadataElement("name", text: operation.id)
                }
            }
            MetadataElement("registrationProviderType", text: "Custom")
            MetadataElement("schema", text: String(decoding: document.data, as: UTF8.self))
            MetadataElement("schemaType", text: "OpenApi3")
            MetadataElement("schemaUploadFileExtension", text: "json")
            MetadataElement("schemaUploadFileName", text: "leadscore_openapi")
            MetadataElement("serviceBinding", text: serviceBinding(mediaTypes: document.mediaTypes))
            MetadataElement("status", text: "Complete")
            MetadataElement("systemVersion", 5)
        }
    }

    /// The media types External Services handles itself (Salesforce Help, "Operation Output Parameters":
    /// application/json, application/octet-stream, application/x-www-form-urlencoded, text/plain).
    static let supportedMediaTypes: Set<String> = [
        "application/json", "application/octet-stream", "application/x-www-form-urlencoded", "text/plain",
    ]

    /// `serviceBinding` maps media types External Services does not support onto one it does (Metadata
    /// API Developer Guide, "ExternalServiceRegistration": serviceBinding): the job upload's CSV and
    /// JSON lines are text, so an inactive job operation cannot fail the registration.
    static func serviceBinding(mediaTypes: Set<String>) -> String {
        let compatible = mediaTypes.subtracting(supportedMediaTypes).sorted()
            .map { "\"\($0)\":\"text/plain\"" }.joined(separator: ",")
        return "{\"host\":\"\",\"basePath\":\"/\",\"allowedSchemes\":[],\"requestMediaTypes\":[],\"responseMediaTypes\":[],"
            + "\"compatibleMediaTypes\":{\(compatible)}}"
    }
}
