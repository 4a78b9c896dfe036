/// `namedCredentials/Leadscore.namedCredential-meta.xml`: the service's address, authenticated by the
/// `Leadscore` External Credential. The External Service and any HTTP Callout use it, so the URL lives
/// in one place and moving the service is one edit.
///
/// A "secured endpoint" named credential with `Url` and `Authentication` parameters (Metadata API
/// Developer Guide, "NamedCredential"), as Setup writes it: Salesforce adds the bearer token itself
/// (`generateAuthorizationHeader`), and no merge fields are allowed in headers or bodies because the
/// Flow never needs them.
enum NamedCredentialGenerator {
    static func element(serviceURL: String) -> MetadataElement {
        MetadataElement("NamedCredential") {
            MetadataElement("allowMergeFieldsInBody", false)
            MetadataElement("allowMergeFieldsInHeader", false)
            MetadataElement("calloutStatus", text: "Enabled")
            MetadataElement("description", text: "leadscore scoring service. Change the URL here when the service moves.")
            MetadataElement("generateAuthorizationHeader", true)
            MetadataElement("label", text: PackageNames.credential)
            MetadataElement("namedCredentialParameters") {
                MetadataElement("parameterName", text: "Url")
                MetadataElement("parameterType", text: "Url")
                MetadataElement("parameterValue", text: serviceURL)
            }
            MetadataElement("namedCredentialParameters") {
                MetadataElement("externalCredential", text: PackageNames.credential)
                MetadataElement("parameterName", text: "ExternalCredential")
                MetadataElement("parameterType", text: "Authentication")
            }
            MetadataElement("namedCredentialType", text: "SecuredEndpoint")
        }
    }
}
