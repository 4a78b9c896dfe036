import Foundation
import Testing
@testable import LeadscoreService

/// Request bodies are RFC 8259 JSON, checked strictly: what Foundation's decoder lets through (trailing
/// commas, duplicate keys) is refused with its position, and every valid text still passes.
struct StrictJSONTests {
    @Test(arguments: [
        (#"{"lead": {"A": 1}, "lead": {"A": 2}}"#, "duplicate key \"lead\"", 1, 20),
        ("{\"a\": 1,\n \"b\": [1, 2,]}", "trailing comma before ']'", 2, 13),
        (#"{"a": 1,}"#, "trailing comma before '}'", 1, 9),
        (#"{"a": "x", "\u0061": "y"}"#, "duplicate key \"a\"", 1, 12),
        (#"{"a": 01}"#, "a number with a leading zero", 1, 8),
        (#"{"a": .5}"#, "a value was expected", 1, 7),
        (#"{"a": 1.}"#, "a digit was expected after '.'", 1, 9),
        (#"{"a": NaN}"#, "a value was expected", 1, 7),
        (#"{'a': 1}"#, "a member name in double quotes was expected", 1, 2),
        (#"{"a": "\x"}"#, "an unknown escape in a string", 1, 8),
        (#"{"a": "\ud800"}"#, "a lone UTF-16 surrogate in a \\u escape", 1, 14),
        ("{\"a\": \"tab\there\"}", "a control character inside a string (escape it, e.g. \\n)", 1, 11),
        (#"{"a": 1} {"b": 2}"#, "unexpected text after the JSON value", 1, 10),
        (#"{"a": tru}"#, "a value was expected", 1, 7),
        (#"{"a": [1, 2"#, "the array is not closed", 1, 12),
        ("", "the JSON text ends where a value was expected", 1, 1),
    ])
    func refusesWithThePosition(text: String, message: String, line: Int, column: Int) {
        #expect(throws: StrictJSON.Problem(message: message, line: line, column: column)) {
            try StrictJSON.check(Array(text.utf8))
        }
    }

    @Test(arguments: [
        #"{"lead": {"Id": "00Q000000000001AAA", "NumberOfEmployees": -1.5e+3, "Demo": true, "X": null}}"#,
        #"[]"#, #"{}"#, #" "é\u00e9\ud83d\ude00" "#, "-0", "0.0e-0", #"{"a": [{"b": [[]]}], "b": {"a": 1}}"#,
    ])
    func acceptsValidText(text: String) throws {
        try StrictJSON.check(Array(text.utf8))
        _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// Random documents as Foundation writes them (no duplicates, no trailing commas) all pass.
    @Test func everythingFoundationWritesPasses() throws {
        var random = SystemRandomNumberGenerator()
        func value(_ depth: Int) -> Any {
            switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &random) {
            case 0: return Double.random(in: -1e9...1e9, using: &random)
            case 1: return String((0..<Int.random(in: 0...8, using: &random)).map { _ in
                    "ab\"\\/\n\tü😀\u{1}".randomElement(using: &random)! })
            case 2: return Bool.random(using: &random)
            case 3: return NSNull()
            case 4: return (0..<Int.random(in: 0...4, using: &random)).map { _ in value(depth + 1) }
            default:
                return Dictionary(uniqueKeysWithValues: (0..<Int.random(in: 0...4, using: &random)).map { ("k\($0)", value(depth + 1)) })
            }
        }
        for _ in 0..<500 {
            let document = ["root": value(0)]
            let data = try JSONSerialization.data(withJSONObject: document, options: [.fragmentsAllowed])
            try StrictJSON.check([UInt8](data))
        }
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: StrictJSON.Problem.self) { try StrictJSON.check(Array(deep.utf8)) }
    }
}
