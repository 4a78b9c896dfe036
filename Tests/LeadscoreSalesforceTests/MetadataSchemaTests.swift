import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Testing

/// Every generated `*-meta.xml` passes Salesforce's own Metadata API schema (API 66.0, strict: element
/// order as a retrieve writes it), for the sample org and for the committed `salesforce/` folder.
@Suite("Metadata schema") struct MetadataSchemaTests {
    @Test func everyGeneratedFilePassesTheStrictSchema() throws {
        let directory = try MetadataFixture.write(MetadataFixture.input(contract: try MetadataFixture.contract()))
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = MetadataFixture.metadataFiles(in: directory)
        #expect(files.count == 41)
        let failures = try SchemaValidator().failures(files)
        #expect(failures.isEmpty, "\(failures.values.sorted().joined(separator: "\n"))")
        for file in files where file.path.contains("/flows/") {
            #expect(try ParsedElement.parse(file).text("apiVersion") == PackageNames.apiVersion)
        }
    }

    @Test func theCommittedPackagePassesTheStrictSchema() throws {
        let files = MetadataFixture.metadataFiles(in: MetadataFixture.committedPackage)
        #expect(!files.isEmpty, "salesforce/ has no metadata: regenerate it (docs/salesforce-setup.md, Regenerating)")
        let failures = try SchemaValidator().failures(files)
        #expect(failures.isEmpty, "\(failures.values.sorted().joined(separator: "\n"))")
    }

    /// The check can fail: a flow element out of the WSDL's order, an unknown element and a wrong enum
    /// value are all refused in strict mode.
    @Test func theValidatorRefusesWhatSalesforceWouldNot() throws {
        let directory = try MetadataFixture.write(MetadataFixture.input(contract: try MetadataFixture.contract()))
        defer { try? FileManager.default.removeItem(at: directory) }
        let flow = directory.appendingPathComponent("\(PackageNames.sourceFolder)/flows/\(PackageNames.scoreFlow).flow-meta.xml")
        let text = try String(contentsOf: flow, encoding: .utf8)
        let broken = [
            ("order", text.replacingOccurrences(of: "<apiVersion>66.0</apiVersion>\n", with: "")
                .replacingOccurrences(of: "<status>Draft</status>", with: "<status>Draft</status>\n    <apiVersion>66.0</apiVersion>")),
            ("element", text.replacingOccurrences(of: "<pathType>", with: "<pathKind>").replacingOccurrences(of: "</pathType>", with: "</pathKind>")),
            ("value", text.replacingOccurrences(of: "AsyncAfterCommit", with: "AsyncAfterComit")),
        ]
        var files: [URL] = []
        for (name, content) in broken {
            #expect(content != text)
            let file = directory.appendingPathComponent("broken-\(name).flow-meta.xml")
            try content.write(to: file, atomically: true, encoding: .utf8)
            files.append(file)
        }
        #expect(try SchemaValidator().failures(files).count == 3)
    }

    @Test func aMissingSchemaFolderIsAnErrorThatSaysWhereToPutIt() throws {
        let validator = SchemaValidator(folder: URL(fileURLWithPath: "/nonexistent/salesforce-schema"))
        let error = #expect(throws: SchemaValidator.Missing.self) { try validator.failures([]) }
        #expect(error?.description.contains("/nonexistent/salesforce-schema") == true)
        #expect(error?.description.contains("../shared") == true)
    }

    /// `sfdx-project.json`: one default package directory that holds every metadata file, the source API
    /// version of the schema the files are checked against, and the name `write` recognises.
    @Test(arguments: ["generated", "committed"]) func theProjectFileHasTheShapeSfExpects(_ which: String) throws {
        let generated = which == "generated"
            ? try MetadataFixture.write(MetadataFixture.input(contract: try MetadataFixture.contract())) : nil
        defer { generated.map { try? FileManager.default.removeItem(at: $0) } }
        let root = generated ?? MetadataFixture.committedPackage
        let data = try Data(contentsOf: root.appendingPathComponent("sfdx-project.json"))
        let project = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(project["sourceApiVersion"] as? String == "66.0")
        #expect(project["name"] as? String == "leadscore")
        #expect(project["sfdcLoginUrl"] as? String == "https://login.salesforce.com")
        let directories = try #require(project["packageDirectories"] as? [[String: Any]])
        #expect(directories.count == 1)
        #expect(directories.filter { $0["default"] as? Bool == true }.count == 1)
        let path = try #require(directories.first?["path"] as? String)
        #expect(!path.hasPrefix("/") && !path.contains(".."))
        let folder = root.appendingPathComponent(path).standardizedFileURL.path + "/"
        let files = MetadataFixture.metadataFiles(in: root)
        #expect(!files.isEmpty)
        #expect(files.allSatisfy { $0.standardizedFileURL.path.hasPrefix(folder + "main/default/") })
    }
}
