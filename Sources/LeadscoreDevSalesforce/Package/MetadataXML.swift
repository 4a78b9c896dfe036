import Foundation
import LeadscoreData
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One element of a Metadata API source file (`Lead_Score__c.field-meta.xml`), read with Foundation's
/// `XMLParser` into a small tree: the element's local name, its text, its children and the line it
/// starts on, so every complaint about a package can say where to look.
///
/// Metadata files are small (a field is a dozen elements), so reading one whole is cheap. External
/// entities are never resolved: a package is input from a user, not a trusted document.
struct MetadataXML: Sendable {
    /// The namespace every Metadata API document's root declares.
    static let namespace = "http://soap.sforce.com/2006/04/metadata"

    var name: String
    var text: String
    var children: [MetadataXML]
    var line: Int

    /// The first child called `name`.
    func child(_ name: String) -> MetadataXML? {
        children.first { $0.name == name }
    }

    /// Every child called `name`, in document order.
    func children(named name: String) -> [MetadataXML] {
        children.filter { $0.name == name }
    }

    /// The text of the child called `name`, or `nil` when it is absent or empty.
    func text(of name: String) -> String? {
        guard let text = child(name)?.text, !text.isEmpty else { return nil }
        return text
    }

    /// Reads `file`, whose root must be `<rootName xmlns="http://soap.sforce.com/2006/04/metadata">`.
    static func read(_ file: URL, root rootName: String, source: String) throws -> MetadataXML {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw InputError(source: source, problem: "cannot be read (\(error.localizedDescription))",
                             fix: "check the file's permissions")
        }
        return try parse(data, root: rootName, source: source)
    }

    static func parse(_ data: Data, root rootName: String, source: String) throws -> MetadataXML {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder(parser: parser)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "the document is empty"
            throw InputError(source: source, line: max(1, parser.lineNumber), problem: "is not well-formed XML (\(reason))",
                             fix: "correct the file, or regenerate it with `leadscore salesforce package`")
        }
        guard root.name == rootName, builder.rootNamespace == namespace else {
            throw InputError(source: source, line: root.line,
                             problem: "has root <\(root.name)> in namespace '\(builder.rootNamespace ?? "")'",
                             fix: "a \(rootName) source file starts with <\(rootName) xmlns=\"\(namespace)\">")
        }
        return root
    }

    /// Collects the tree as the parser walks the document.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        private unowned let parser: XMLParser
        private var open: [MetadataXML] = []
        private(set) var root: MetadataXML?
        private(set) var rootNamespace: String?

        init(parser: XMLParser) {
            self.parser = parser
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if open.isEmpty, root == nil { rootNamespace = namespaceURI }
            open.append(MetadataXML(name: elementName, text: "", children: [], line: parser.lineNumber))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !open.isEmpty else { return }
            open[open.count - 1].text += string
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard var element = open.popLast() else { return }
            element.text = element.children.isEmpty ? element.text.trimmingCharacters(in: .whitespacesAndNewlines) : ""
            if open.isEmpty {
                root = element
            } else {
                open[open.count - 1].children.append(element)
            }
        }
    }
}
