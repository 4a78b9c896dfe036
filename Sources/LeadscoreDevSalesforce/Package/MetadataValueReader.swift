import LeadscoreData

/// Reads the typed values of a metadata element (`<required>true</required>`, `<length>255</length>`)
/// the way the Metadata API's schema types them (`xsd:boolean`, `xsd:int`), turning every bad value into
/// an `InputError` with the file, the line and the element, so an admin's typo is found before a deploy.
struct MetadataValueReader: Sendable {
    /// The file, as errors name it (`objects/Lead/fields/AI_Score__c.field-meta.xml`).
    let source: String

    /// The text of child `name`, which the type requires.
    func required(_ element: MetadataXML, _ name: String, fix: String) throws -> String {
        guard let text = element.text(of: name) else {
            throw problem(at: element, name, "is missing", fix: fix)
        }
        return text
    }

    /// `true` or `false` (the schema's xsd:boolean also allows `1` and `0`), or `nil` when absent.
    func bool(_ element: MetadataXML, _ name: String) throws -> Bool? {
        guard let child = element.child(name), let text = element.text(of: name) else { return nil }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default:
            throw problem(at: child, name, "is '\(text)', not true or false", fix: "write <\(name)>true</\(name)> or <\(name)>false</\(name)>")
        }
    }

    /// A whole number within `range`, or `nil` when absent.
    func int(_ element: MetadataXML, _ name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let child = element.child(name), let text = element.text(of: name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw problem(at: child, name, "is '\(text)', not a whole number from \(range.lowerBound) to \(range.upperBound)",
                          fix: "write a number in that range")
        }
        return value
    }

    /// One of `choices`, or `nil` when absent.
    func choice(_ element: MetadataXML, _ name: String, among choices: [String]) throws -> String? {
        guard let child = element.child(name), let text = element.text(of: name) else { return nil }
        guard choices.contains(text) else {
            throw problem(at: child, name, "is '\(text)'", fix: "use one of \(choices.joined(separator: ", "))")
        }
        return text
    }

    /// An error about element `name` (a child of, or the same as, `element`).
    func problem(at element: MetadataXML, _ name: String, _ problem: String, fix: String) -> InputError {
        InputError(source: source, line: element.line, field: name, problem: problem, fix: fix)
    }
}
