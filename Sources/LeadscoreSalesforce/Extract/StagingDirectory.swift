import Foundation
import LeadscoreData

/// A private (0700) directory for staged extracts, next to the snapshot being made and removed
/// afterwards: staged rows may hold personal data the snapshot hashes or derives from, so they never
/// sit in a shared temporary folder and never outlive the run.
public struct StagingDirectory: Sendable {
    public let url: URL

    /// Creates `.<name>.extract-<random>` beside `destination`.
    public init(beside destination: URL) throws {
        let parent = destination.deletingLastPathComponent()
        let name = ".\(destination.lastPathComponent).extract-\(UInt32.random(in: 0...UInt32.max))"
        url = parent.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw InputError(source: url.path, problem: "the staging directory cannot be created (\(error.localizedDescription))",
                             fix: "check that \(parent.path) exists and is writable")
        }
    }

    /// Deletes the directory and everything staged in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
