import Foundation
import LeadscoreData

extension SalesforcePackage {
    /// Writes the project into `directory`, replacing an earlier generation as a whole: files of fields
    /// or flows that no longer exist disappear with it.
    ///
    /// Files go to a hidden sibling first, which takes the folder's place in two renames (the old folder
    /// aside, the new one in), so a failed write leaves the earlier generation untouched. An existing
    /// folder is replaced only if it is empty or was written by this command (its `sfdx-project.json`
    /// names the `leadscore` project), so a mistyped `--out` never deletes someone else's work.
    public func write(to directory: URL) throws {
        let fileManager = FileManager.default
        let destination = directory.standardizedFileURL
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: destination.path, isDirectory: &isDirectory)
        if exists {
            let contents = (try? fileManager.contentsOfDirectory(atPath: destination.path)) ?? []
            guard isDirectory.boolValue, contents.isEmpty || Self.isGenerated(destination) else {
                throw InputError(source: "--out", problem: "\(destination.path) exists and was not written by "
                    + "`leadscore salesforce package`", fix: "pass a new or empty folder, or the folder an earlier run wrote")
            }
        }
        let parent = destination.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        let token = UUID().uuidString.prefix(8)
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).tmp-\(token)")
        do {
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: url)
            }
            guard exists else { return try fileManager.moveItem(at: staging, to: destination) }
            let previous = parent.appendingPathComponent(".\(destination.lastPathComponent).old-\(token)")
            try fileManager.moveItem(at: destination, to: previous)
            do {
                try fileManager.moveItem(at: staging, to: destination)
            } catch {
                try? fileManager.moveItem(at: previous, to: destination)
                throw error
            }
            try? fileManager.removeItem(at: previous)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    private static func isGenerated(_ directory: URL) -> Bool {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("sfdx-project.json")),
              let project = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return project["name"] as? String == PackageNames.projectName
    }
}
