import Crypto
import Foundation
import LeadscoreData
import NIOSSL
import SwiftASN1
import X509

/// The server's TLS identity: a small certificate authority kept with the org, and a leaf certificate
/// for `127.0.0.1` and `localhost` that it signs at every start.
///
/// A client trusts the CA file (`ca.pem`, written once per org, the path in the info file) and
/// nothing else changes between restarts. Both keys are P-256. The extensions are the ones strict
/// verifiers insist on (Python 3.13's `VERIFY_X509_STRICT`, OpenSSL, BoringSSL): a critical
/// BasicConstraints and KeyUsage on both, key identifiers, `serverAuth` and the subject alternative
/// names on the leaf.
struct DevCertificates: Sendable {
    let authorityPEM: String
    let leafPEM: String
    let leafKeyPEM: String

    /// Loads the org's CA (creating it on first use) and issues a fresh leaf.
    static func prepare(in directory: OrgDirectory, now: Date = Date()) throws -> DevCertificates {
        let authority = try loadOrCreateAuthority(in: directory, now: now)
        let leafKey = P256.Signing.PrivateKey()
        let leafPublicKey = Certificate.PublicKey(leafKey.publicKey)
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
            try ExtendedKeyUsage([.serverAuth])
            SubjectAlternativeNames([.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
            SubjectKeyIdentifier(hash: leafPublicKey)
            AuthorityKeyIdentifier(keyIdentifier: try authority.certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
        }
        let leaf = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: leafPublicKey,
            notValidBefore: now.addingTimeInterval(-3_600), notValidAfter: now.addingTimeInterval(397 * 86_400),
            issuer: authority.certificate.subject,
            subject: try DistinguishedName { OrganizationName("leadscore dev-salesforce"); CommonName("127.0.0.1") },
            signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
            issuerPrivateKey: Certificate.PrivateKey(authority.key))
        return DevCertificates(authorityPEM: try authority.certificate.serializeAsPEM().pemString,
                               leafPEM: try leaf.serializeAsPEM().pemString, leafKeyPEM: leafKey.pemRepresentation)
    }

    /// The server side of TLS: the leaf and its key.
    func serverConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(leafPEM.utf8))
        let key = try NIOSSLPrivateKey(bytes: Array(leafKeyPEM.utf8), format: .pem)
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }

    // MARK: The authority

    private struct Authority {
        var certificate: Certificate
        var key: P256.Signing.PrivateKey
    }

    private static func loadOrCreateAuthority(in directory: OrgDirectory, now: Date) throws -> Authority {
        let certificateURL = directory.certificateAuthority, keyURL = directory.certificateAuthorityKey
        if let certificateText = try? String(contentsOf: certificateURL, encoding: .utf8),
           let keyText = try? String(contentsOf: keyURL, encoding: .utf8) {
            do {
                let certificate = try Certificate(pemEncoded: certificateText)
                let key = try P256.Signing.PrivateKey(pemRepresentation: keyText)
                // Reissue a CA that is about to expire rather than serve a leaf clients would refuse.
                if certificate.notValidAfter > now.addingTimeInterval(30 * 86_400) {
                    return Authority(certificate: certificate, key: key)
                }
            } catch {
                throw InputError(source: certificateURL.path, problem: "cannot be read as the dev server's CA (\(error))",
                                 fix: "delete ca.pem and ca-key.pem in \(directory.stateDirectory.path) to create a new CA")
            }
        }
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let name = try DistinguishedName {
            OrganizationName("leadscore dev-salesforce")
            CommonName("leadscore dev-salesforce local CA")
        }
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            SubjectKeyIdentifier(hash: publicKey)
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-3_600), notValidAfter: now.addingTimeInterval(10 * 365 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
            issuerPrivateKey: Certificate.PrivateKey(key))
        try SecretFile.write(key.pemRepresentation, to: keyURL)
        try Data(try certificate.serializeAsPEM().pemString.utf8).write(to: certificateURL, options: .atomic)
        return Authority(certificate: certificate, key: key)
    }
}
