import Yams

/// Reads typed values out of a Yams node tree and turns every mistake into an `InputError` that
/// names the line, the key path and the fix. Collects errors instead of stopping at the first, so
/// an admin sees every problem in one run.
public final class YAMLNodeReader {
    public let source: String
    public private(set) var errors: [InputError] = []

    public init(source: String) {
        self.source = source
    }

    /// The node tree of a config file's text, or an `InputError` naming `source` when it is not YAML.
    public static func compose(_ text: String, source: String) throws -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch {
            throw InputError(source: source, problem: "this is not valid YAML (\(error))", fix: "fix the YAML syntax")
        }
    }

    public func fail(_ node: Node?, _ path: String, _ problem: String, fix: String) {
        errors.append(InputError(source: source, line: node?.mark?.line, field: path, problem: problem, fix: fix))
    }

    /// The mapping's entries; reports keys outside `allowed` (typos such as `requred`).
    public func mapping(_ node: Node?, _ path: String, allowed: [String]) -> [String: Node]? {
        guard let node else { return nil }
        guard case let .mapping(mapping) = node else {
            fail(node, path, "expected a mapping (key: value lines)", fix: "indent the keys under \(path)")
            return nil
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if !allowed.contains(name) {
                let suggestion = allowed.min { editDistance($0, name) < editDistance($1, name) } ?? ""
                fail(key, path.isEmpty ? name : "\(path).\(name)", "unknown key '\(name)'",
                     fix: "did you mean '\(suggestion)'? Allowed keys: \(allowed.joined(separator: ", "))")
                continue
            }
            result[name] = value
        }
        return result
    }

    public func string(_ node: Node?, _ path: String, required: Bool = false) -> String? {
        guard let node else {
            if required { fail(nil, path, "is required", fix: "add '\(path.split(separator: ".").last ?? ""):'") }
            return nil
        }
        if case .scalar = node, let text = node.string, node.null == nil {
            return text
        }
        if node.null != nil {
            if required { fail(node, path, "is empty", fix: "give it a value") }
            return nil
        }
        fail(node, path, "expected a single value", fix: "write it as `key: value`")
        return nil
    }

    public func int(_ node: Node?, _ path: String, range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, path) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            fail(node, path, "'\(text)' is not a whole number between \(range.lowerBound) and \(range.upperBound)",
                 fix: "use a number in that range")
            return nil
        }
        return value
    }

    public func bool(_ node: Node?, _ path: String) -> Bool? {
        guard let text = string(node, path) else { return nil }
        guard let value = FieldParser.parseBoolean(text) else {
            fail(node, path, "'\(text)' is not true or false", fix: "write true or false")
            return nil
        }
        return value
    }

    public func enumeration<T: RawRepresentable & CaseIterable>(_ node: Node?, _ path: String, as: T.Type) -> T?
    where T.RawValue == String {
        guard let text = string(node, path) else { return nil }
        guard let value = T(rawValue: text) else {
            let choices = T.allCases.map(\.rawValue).joined(separator: ", ")
            fail(node, path, "'\(text)' is not allowed", fix: "use one of: \(choices)")
            return nil
        }
        return value
    }

    public func sequence(_ node: Node?, _ path: String) -> [Node]? {
        guard let node else { return nil }
        if node.null != nil { return [] }
        guard case let .sequence(sequence) = node else {
            fail(node, path, "expected a list", fix: "write a list, e.g. [A, B] or one '- item' per line")
            return nil
        }
        return Array(sequence)
    }

    public func double(_ node: Node?, _ path: String, range: ClosedRange<Double>) -> Double? {
        guard let text = string(node, path) else { return nil }
        guard let value = Double(text), range.contains(value) else {
            fail(node, path, "'\(text)' is not a number between \(range.lowerBound) and \(range.upperBound)",
                 fix: "use a number in that range")
            return nil
        }
        return value
    }

    public func doubles(_ node: Node?, _ path: String, range: ClosedRange<Double>) -> [Double]? {
        guard let items = sequence(node, path) else { return nil }
        return items.enumerated().compactMap { index, item in double(item, "\(path)[\(index)]", range: range) }
    }

    public func strings(_ node: Node?, _ path: String) -> [String]? {
        guard let items = sequence(node, path) else { return nil }
        return items.enumerated().compactMap { index, item in string(item, "\(path)[\(index)]") }
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
