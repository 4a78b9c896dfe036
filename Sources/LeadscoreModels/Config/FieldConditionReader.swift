import LeadscoreData
import Yams

/// Reads the condition part of a rule or override: `field:` plus one of `equals`, `in`,
/// `at_least`, `below`, `present`, `missing`.
enum FieldConditionReader {
    static let testKeys = ["equals", "in", "at_least", "below", "present", "missing"]

    static func read(_ map: [String: Node], node: Node, path: String, reader: YAMLNodeReader) -> FieldCondition? {
        guard let field = reader.string(map["field"], "\(path).field", required: true) else { return nil }
        let given = testKeys.filter { map[$0] != nil }
        guard given.count <= 1 else {
            reader.fail(node, path, "has more than one test (\(given.joined(separator: ", ")))", fix: "keep one; write two rules for two tests")
            return nil
        }
        switch given.first {
        case "equals":
            return reader.string(map["equals"], "\(path).equals").map { FieldCondition(field: field, test: .oneOf([$0])) }
        case "in":
            return reader.strings(map["in"], "\(path).in").map { FieldCondition(field: field, test: .oneOf($0)) }
        case "at_least":
            return reader.double(map["at_least"], "\(path).at_least", range: -1e18...1e18).map { FieldCondition(field: field, test: .atLeast($0)) }
        case "below":
            return reader.double(map["below"], "\(path).below", range: -1e18...1e18).map { FieldCondition(field: field, test: .below($0)) }
        case "missing":
            return FieldCondition(field: field, test: .missing)
        default:
            return FieldCondition(field: field, test: .present)
        }
    }
}
