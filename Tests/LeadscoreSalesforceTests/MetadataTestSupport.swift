import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LeadscoreData
import LeadscoreSalesforce
import LeadscoreService
import Testing

/// The sample org's contract and tiers, the package generated from them, and the tools the metadata
/// tests check it with: Foundation's XML parser (not the generator's writer) and Salesforce's schema.
enum MetadataFixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// `../shared` beside the checkout: Salesforce's Metadata API schema and DESIGN.md (CI has both there).
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
    static let committedPackage = repository.appendingPathComponent("salesforce")
    static let serviceURL = "https://leadscore.example.com"

    /// The tiers `leadscore demo` trains with (DemoConfig), best first.
    static let tiers = [
        PackageTier(name: "A", label: "Hot", route: "SDR_Hot_Queue"),
        PackageTier(name: "B", label: "Warm", route: "SDR_Queue"),
        PackageTier(name: "C", label: "Nurture", route: "Marketing_Nurture"),
    ]

    /// The contract `leadscore demo` drafts from the sample org's describe, through its YAML as the demo does.
    static let sampleContract: Result<DataContract, any Error> = Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-metadata-org-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try SampleOrgGenerator(leads: 1_000, seed: 7).write(to: directory)
        let describe = try SalesforceDescribe.decode(try Data(contentsOf: directory.appendingPathComponent("describe.json")),
                                                     source: "describe.json")
        let draft = ContractDrafter.draft(fromDescribe: describe, name: "sample-org-leads")
        return try ContractLoader.parse(ContractWriter.yaml(draft.contract, remarks: draft.remarks))
    }

    static func contract() throws -> DataContract { try sampleContract.get() }

    static func input(contract: DataContract, tiers: [PackageTier] = tiers, serviceURL: String = serviceURL,
                      maxBatchLeads: Int = 200) -> SalesforcePackageInput {
        let document = OpenAPIDocument.make(contract: contract, maxBatchLeads: maxBatchLeads, serverURL: serviceURL)
        return SalesforcePackageInput(contract: contract, tiers: tiers, openAPIDocument: document, serviceURL: serviceURL,
                                      scheduleStartDate: "2026-12-01")
    }

    /// Generates the package for `input` into a fresh temporary folder and returns that folder.
    static func write(_ input: SalesforcePackageInput) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-metadata-\(UUID().uuidString)")
        try SalesforcePackage.generate(input).write(to: directory)
        return directory
    }

    /// Every `*-meta.xml` below `directory`, sorted.
    static func metadataFiles(in directory: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { $0.lastPathComponent.hasSuffix("-meta.xml") }
            .sorted { $0.path < $1.path }
    }
}

/// `../shared/salesforce-schema/validate` (xmllint against Salesforce's Metadata API 66.0 XSD), run on
/// files in one call. A missing tool or schema is an error that says how to get it, never a skip.
struct SchemaValidator {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    var folder = MetadataFixture.shared.appendingPathComponent("salesforce-schema")

    /// `[file: first error]` for every file that fails; empty when all pass `mode` (strict by default).
    func failures(_ files: [URL], relaxed: Bool = false) throws -> [String: String] {
        let script = folder.appendingPathComponent("validate")
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            throw Missing(description: "Salesforce's Metadata API schema is not at \(folder.path): the metadata tests "
                + "validate against it. Put the salesforce-schema folder in ../shared beside the checkout (CI has it there).")
        }
        guard Self.xmllintInstalled() else {
            throw Missing(description: "xmllint is not installed: run scripts/setup, or apt-get install -y libxml2-utils")
        }
        let process = Process()
        process.executableURL = script
        process.arguments = (relaxed ? ["--relaxed"] : []) + files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 || process.terminationStatus == 1 else {
            throw Missing(description: "validate could not run (exit \(process.terminationStatus)): \(text)")
        }
        var failures: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("FAIL ") {
            let rest = line.dropFirst(5)
            let file = files.first { rest.hasPrefix($0.path) }?.lastPathComponent ?? String(rest)
            failures[file] = String(rest)
        }
        let passed = text.split(separator: "\n").filter { $0.hasPrefix("PASS ") }.count
        guard passed + failures.count == files.count else {
            throw Missing(description: "validate reported \(passed) passes and \(failures.count) failures for \(files.count) files: \(text)")
        }
        return failures
    }

    static func xmllintInstalled() -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/xmllint") }
    }
}

/// An element of a parsed metadata file.
struct ParsedElement: Sendable {
    var name: String
    var text = ""
    var children: [ParsedElement] = []

    func children(_ name: String) -> [ParsedElement] { children.filter { $0.name == name } }
    func child(_ name: String) -> ParsedElement? { children.first { $0.name == name } }
    /// The trimmed text of the first child called `name`.
    func text(_ name: String) -> String? { child(name).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) } }

    /// Every element below this one (depth first), this one excluded.
    var descendants: [ParsedElement] { children.flatMap { [$0] + $0.descendants } }

    static func parse(_ url: URL) throws -> ParsedElement {
        try parse(Data(contentsOf: url), source: url.lastPathComponent)
    }

    static func parse(_ data: Data, source: String) throws -> ParsedElement {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw SchemaValidator.Missing(description: "\(source) is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        }
        return root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [ParsedElement] = []
        var root: ParsedElement?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            stack.append(ParsedElement(name: elementName))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            let node = stack.removeLast()
            if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
        }
    }
}
