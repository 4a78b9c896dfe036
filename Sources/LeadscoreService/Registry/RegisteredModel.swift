import Foundation

/// A bundle known to the registry. The bundle stays where it was registered from (a shared disk
/// when several servers run); its manifest checksum pins the exact files.
public struct RegisteredModel: Sendable, Codable, Equatable {
    public var version: String
    /// rules, logistic or trees.
    public var kind: String
    /// Absolute path of the bundle folder.
    public var bundlePath: String
    /// SHA-256 of the bundle's manifest.json: a changed bundle no longer matches its version.
    public var manifestSHA256: String
    public var registeredAt: Date
    public var registeredBy: String
    public var note: String

    public init(version: String, kind: String, bundlePath: String, manifestSHA256: String, registeredAt: Date,
                registeredBy: String, note: String) {
        self.version = version
        self.kind = kind
        self.bundlePath = bundlePath
        self.manifestSHA256 = manifestSHA256
        self.registeredAt = registeredAt
        self.registeredBy = registeredBy
        self.note = note
    }
}
