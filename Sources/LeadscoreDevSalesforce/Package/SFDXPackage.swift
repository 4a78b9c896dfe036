import Foundation
import LeadscoreData

/// The objects and fields of an SFDX package, as `sf project deploy start` would deploy them: what
/// `--package DIR` hands the dev server.
///
/// `DIR` is an SFDX project root, whose `sfdx-project.json` lists the package directories
/// (Salesforce DX Developer Guide, "Salesforce DX Project Configuration": `packageDirectories[].path`),
/// or a source folder such as `force-app` or `force-app/main/default` with `objects/` in it. Under every
/// `objects/<Object>/` the object file (`<Object>.object-meta.xml`) and the field files
/// (`fields/<Field>.field-meta.xml`) are read; other metadata (permission sets, flows, layouts) is
/// not the org's data model and is left alone.
struct SFDXPackage: Sendable {
    /// One object of the package with the fields it defines, each with the file it came from.
    struct ObjectSource: Sendable {
        var name: String
        var definition: CustomObjectDefinition?
        var definitionSource: String?
        var fields: [(definition: CustomFieldDefinition, source: String)] = []
    }

    let root: URL
    private(set) var objects: [ObjectSource] = []

    /// How deep below a package directory an `objects` folder is looked for (`force-app/main/default/objects`).
    private static let searchDepth = 4

    static func read(_ directory: URL) throws -> SFDXPackage {
        let root = directory.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(source: root.path, problem: "is not a directory",
                             fix: "pass --package an SFDX project root (with sfdx-project.json) or its force-app/main/default folder")
        }
        var package = SFDXPackage(root: root)
        let objectFolders = try Self.objectFolders(in: root)
        guard !objectFolders.isEmpty else {
            throw InputError(source: root.path, problem: "has no objects/ folder, so it deploys no objects or fields",
                             fix: "pass an SFDX project root (with sfdx-project.json) or a folder that holds objects/")
        }
        for folder in objectFolders {
            try package.readObjects(in: folder)
        }
        return package
    }

    /// The `objects` folders to read: under each package directory of `sfdx-project.json`, or `root/objects`.
    private static func objectFolders(in root: URL) throws -> [URL] {
        let project = root.appendingPathComponent("sfdx-project.json")
        guard FileManager.default.fileExists(atPath: project.path) else {
            return findObjectFolders(below: root, depth: searchDepth)
        }
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: Data(contentsOf: project))
        } catch {
            throw InputError(source: project.path, problem: "is not valid JSON", fix: "correct sfdx-project.json")
        }
        guard let directories = (document as? [String: Any])?["packageDirectories"] as? [Any], !directories.isEmpty else {
            throw InputError(source: project.path, field: "packageDirectories", problem: "is missing or empty",
                             fix: "list the source folders: \"packageDirectories\": [{\"path\": \"force-app\", \"default\": true}]")
        }
        var folders: [URL] = []
        for (index, entry) in directories.enumerated() {
            guard let path = (entry as? [String: Any])?["path"] as? String, !path.isEmpty,
                  !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                throw InputError(source: project.path, field: "packageDirectories[\(index)].path",
                                 problem: "is missing or leaves the project folder", fix: "give a relative path such as \"force-app\"")
            }
            let directory = root.appendingPathComponent(path, isDirectory: true)
            guard FileManager.default.fileExists(atPath: directory.path) else {
                throw InputError(source: project.path, field: "packageDirectories[\(index)].path",
                                 problem: "names \(path), which does not exist", fix: "create the folder or correct the path")
            }
            folders += findObjectFolders(below: directory, depth: searchDepth)
        }
        return folders
    }

    private static func findObjectFolders(below directory: URL, depth: Int) -> [URL] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        var found: [URL] = []
        for name in names where !name.hasPrefix(".") && name != "node_modules" {
            let child = directory.appendingPathComponent(name, isDirectory: true)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            if name == "objects" {
                found.append(child)
            } else if depth > 0 {
                found += findObjectFolders(below: child, depth: depth - 1)
            }
        }
        return found
    }

    /// Reads every `objects/<Object>/` folder: its object file and its field files.
    private mutating func readObjects(in folder: URL) throws {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") {
            let directory = folder.appendingPathComponent(name, isDirectory: true)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            guard name.range(of: "^[A-Za-z][A-Za-z0-9_]*$", options: .regularExpression) != nil else {
                throw InputError(source: relative(directory), problem: "is not named after an object's API name",
                                 fix: "name object folders after the object (Lead, Lead_Scoring_Event__c, Hot_Lead__e)")
            }
            var object = objects.first { $0.name == name } ?? ObjectSource(name: name)
            let objectFile = directory.appendingPathComponent("\(name).object-meta.xml")
            if FileManager.default.fileExists(atPath: objectFile.path) {
                let source = relative(objectFile)
                guard object.definition == nil else {
                    throw InputError(source: source, problem: "defines \(name) again (\(object.definitionSource ?? "") did already)",
                                     fix: "keep one object file per object")
                }
                let reader = MetadataValueReader(source: source)
                let definition = try CustomObjectDefinition.read(try MetadataXML.read(objectFile, root: "CustomObject", source: source),
                                                                 name: name, reader: reader)
                object.definition = definition
                object.definitionSource = source
                object.fields += definition.inlineFields.map { ($0, source) }
            }
            let fieldsFolder = directory.appendingPathComponent("fields", isDirectory: true)
            let fieldFiles = ((try? FileManager.default.contentsOfDirectory(atPath: fieldsFolder.path)) ?? [])
                .filter { $0.hasSuffix(".field-meta.xml") }.sorted()
            for file in fieldFiles {
                let url = fieldsFolder.appendingPathComponent(file)
                let source = relative(url)
                let element = try MetadataXML.read(url, root: "CustomField", source: source)
                let field = try CustomFieldDefinition.read(element, expectedName: String(file.dropLast(".field-meta.xml".count)),
                                                           reader: MetadataValueReader(source: source))
                object.fields.append((field, source))
            }
            if let index = objects.firstIndex(where: { $0.name == name }) {
                objects[index] = object
            } else {
                objects.append(object)
            }
        }
    }

    /// `url` as errors show it: relative to the package root, after the root's own name.
    private func relative(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = root.deletingLastPathComponent().path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }
}
