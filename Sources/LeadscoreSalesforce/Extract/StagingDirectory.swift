import Foundation
import LeadscoreData

/// A private (0700) directory for staged extracts, next to the snapshot being made and removed
/// afterwards: staged rows may hold personal data the snapshot hashes or derives from, so they never
/// sit in a shared temporary folder and never outlive the run.
public struct StagingDirectory: Sendable {
    public let url: URL

    /// Creates `.<name>.extract-…` beside `destination` (see `AbandonedStaging`), after removing what killed
    /// runs left there.
    public init(beside destination: URL) throws {
        let parent = destination.deletingLastPathComponent()
        AbandonedStaging.removeAbandoned(beside: destination, kind: "extract")
        url = AbandonedStaging.path(beside: destination, kind: "extract")
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
            AbandonedStaging.track(url)
        } catch {
            throw InputError(source: url.path, problem: "the staging directory cannot be created (\(error.localizedDescription))",
                             fix: "check that \(parent.path) exists and is writable")
        }
    }

    /// Deletes the directory and everything staged in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
        AbandonedStaging.untrack(url)
    }
}
