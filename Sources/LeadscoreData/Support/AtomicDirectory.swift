import Foundation

/// Writes a directory all-or-nothing: files go into a hidden sibling, which is renamed into place
/// only when everything succeeded. A failed or interrupted run leaves no half-written output, and what a
/// killed run left in staging is removed by the next run (`AbandonedStaging`).
public struct AtomicDirectory: Sendable {
    /// Where the finished directory will live.
    public let destination: URL
    /// Where files are written until `commit()`.
    public let staging: URL

    /// Creates the staging directory. Fails if `destination` already exists, because outputs such as
    /// snapshots are immutable: a new run must pick a new path.
    public init(destination: URL, allowExisting: Bool = false) throws {
        let fileManager = FileManager.default
        self.destination = destination.standardizedFileURL
        if !allowExisting, fileManager.fileExists(atPath: self.destination.path) {
            throw InputError(
                source: "--out", field: nil,
                problem: "\(self.destination.path) already exists",
                fix: "choose a new output directory (outputs are immutable) or remove the old one")
        }
        let parent = self.destination.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        AbandonedStaging.removeAbandoned(beside: self.destination, kind: "tmp")
        staging = AbandonedStaging.path(beside: self.destination, kind: "tmp")
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
        AbandonedStaging.track(staging)
    }

    /// Moves the staging directory into place (replacing an existing one only if allowed at init).
    public func commit() throws {
        try AtomicReplace.move(staging, to: destination)
        AbandonedStaging.untrack(staging)
    }

    /// Removes everything written so far.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        AbandonedStaging.untrack(staging)
    }
}
