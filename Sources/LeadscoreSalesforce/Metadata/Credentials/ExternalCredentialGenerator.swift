/// `externalCredentials/Leadscore.externalCredential-meta.xml`: how Salesforce authenticates to the
/// scoring service, with OAuth 2.0 client credentials against the service's own `/oauth/token`.
///
/// Salesforce fetches and renews the token itself. The client id and secret (an API key with the
/// `score` scope) are not in this file: an admin enters them on the named principal in Setup, or
/// through the Connect REST API (`docs/salesforce-setup.md`), so no secret is ever committed.
///
/// Shape: Metadata API Developer Guide, "ExternalCredential" (parameters of type AuthProtocolVariant,
/// AuthProviderUrl, AuthParameter and NamedPrincipal; a named principal's group defaults to its name);
/// the variants are those of ConnectApi.CredentialAuthenticationProtocolVariant
/// (`ClientCredentialsClientSecret`: the secret goes in the token request's body, which the service
/// accepts as it accepts HTTP Basic). A deploy of an OAuth credential is refused unless it has both an
/// AuthProtocolVariant and an AuthProviderUrl parameter.
enum ExternalCredentialGenerator {
    static let protocolVariant = "ClientCredentialsClientSecret"

    static func element(serviceURL: String) -> MetadataElement {
        MetadataElement("ExternalCredential") {
            MetadataElement("authenticationProtocol", text: "Oauth")
            MetadataElement("description", text: "leadscore: OAuth 2.0 client credentials for the scoring service. Enter "
                + "the API key id (lsk_...) as Client ID and its secret as Client Secret on the \(PackageNames.principal) "
                + "principal; never in a file.")
            parameter(group: "DefaultGroup", name: "AuthProtocolVariant", type: "AuthProtocolVariant", value: protocolVariant)
            parameter(group: "DefaultGroup", name: "AuthProviderUrl", type: "AuthProviderUrl",
                      value: tokenURL(serviceURL: serviceURL))
            parameter(group: "DefaultGroup", name: "Scope", type: "AuthParameter", value: PackageNames.scoreScope)
            MetadataElement("externalCredentialParameters") {
                MetadataElement("parameterGroup", text: PackageNames.principal)
                MetadataElement("parameterName", text: PackageNames.principal)
                MetadataElement("parameterType", text: "NamedPrincipal")
                MetadataElement("sequenceNumber", 1)
            }
            MetadataElement("label", text: PackageNames.credential)
        }
    }

    /// The service's token endpoint (docs/flow-callout.md).
    static func tokenURL(serviceURL: String) -> String {
        serviceURL + "/oauth/token"
    }

    private static func parameter(group: String, name: String, type: String, value: String) -> MetadataElement {
        MetadataElement("externalCredentialParameters") {
            MetadataElement("parameterGroup", text: group)
            MetadataElement("parameterName", text: name)
            MetadataElement("parameterType", text: type)
            MetadataElement("parameterValue", text: value)
        }
    }
}
