import Foundation

/// One element of a Metadata API file: a name and either text or child elements, in the order given.
///
/// Salesforce's schema declares every metadata type as an `xsd:sequence`, so element order is part of
/// the format (a retrieve writes inherited elements first, then the type's own in the WSDL's order).
/// Generators therefore list children explicitly, in that order, and this type only escapes and
/// indents: no reflection, no sorting, nothing that could move an element.
public struct MetadataElement: Sendable, Equatable {
    public var name: String
    public var text: String?
    public var children: [MetadataElement]

    /// The namespace of every Metadata API root element.
    public static let namespace = "http://soap.sforce.com/2006/04/metadata"

    public init(_ name: String, text: String) {
        self.name = name
        self.text = text
        children = []
    }

    public init(_ name: String, @MetadataBuilder _ children: () -> [MetadataElement]) {
        self.name = name
        text = nil
        self.children = children()
    }

    public init(_ name: String, children: [MetadataElement]) {
        self.name = name
        text = nil
        self.children = children
    }

    public init(_ name: String, _ flag: Bool) {
        self.init(name, text: flag ? "true" : "false")
    }

    public init(_ name: String, _ number: Int) {
        self.init(name, text: String(number))
    }

    /// The first child called `name`, for tests and cross-checks.
    public func child(_ name: String) -> MetadataElement? {
        children.first { $0.name == name }
    }

    /// The whole file: XML declaration, this element as the root in the metadata namespace, four-space
    /// indentation and a final newline, as `sf project retrieve` writes source files.
    public func document() -> Data {
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        render(into: &output, depth: 0, namespace: Self.namespace)
        return Data(output.utf8)
    }

    private func render(into output: inout String, depth: Int, namespace: String?) {
        let indent = String(repeating: "    ", count: depth)
        let open = namespace.map { "\(name) xmlns=\"\($0)\"" } ?? name
        if let text {
            output += "\(indent)<\(open)>\(Self.escape(text))</\(name)>\n"
        } else if children.isEmpty {
            output += "\(indent)<\(open)/>\n"
        } else {
            output += "\(indent)<\(open)>\n"
            for child in children {
                child.render(into: &output, depth: depth + 1, namespace: nil)
            }
            output += "\(indent)</\(name)>\n"
        }
    }

    /// Escapes the five XML special characters, as Salesforce's own retrieves do (`&apos;`, `&quot;`),
    /// and drops control characters XML 1.0 cannot carry at all (they could only come from a contract
    /// label and would make the file unreadable rather than wrong).
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}

/// Builds a list of child elements with `if`, `if let` and `for`, so a generator reads like the file
/// it writes.
@resultBuilder
public enum MetadataBuilder {
    public static func buildBlock(_ components: [MetadataElement]...) -> [MetadataElement] {
        components.flatMap { $0 }
    }

    public static func buildExpression(_ element: MetadataElement) -> [MetadataElement] {
        [element]
    }

    public static func buildExpression(_ elements: [MetadataElement]) -> [MetadataElement] {
        elements
    }

    public static func buildOptional(_ component: [MetadataElement]?) -> [MetadataElement] {
        component ?? []
    }

    public static func buildEither(first component: [MetadataElement]) -> [MetadataElement] {
        component
    }

    public static func buildEither(second component: [MetadataElement]) -> [MetadataElement] {
        component
    }

    public static func buildArray(_ components: [[MetadataElement]]) -> [MetadataElement] {
        components.flatMap { $0 }
    }
}
