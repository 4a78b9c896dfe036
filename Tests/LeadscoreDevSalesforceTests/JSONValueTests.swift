import Foundation
import LeadscoreDevSalesforce
import Testing

/// The JSON the server writes keeps Salesforce's member order and number forms, and what it reads
/// keeps booleans apart from numbers.
@Suite struct JSONValueTests {
    @Test func doublesKeepADecimalPointAndOrderIsKept() {
        let value = JSONValue.object([("b", .double(1_500_000)), ("a", .double(0.25)), ("c", .integer(3)), ("d", .null),
                                      ("e", .string("quote \" and\nline"))])
        #expect(value.serialized == #"{"b":1500000.0,"a":0.25,"c":3,"d":null,"e":"quote \" and\nline"}"#)
        let parsed = try? JSONSerialization.jsonObject(with: value.data) as? [String: Any]
        #expect(parsed?["e"] as? String == "quote \" and\nline")
    }

    @Test func parsingTellsBooleansFromNumbers() throws {
        let value = try JSONValue.parse(Data(#"{"flag": true, "one": 1, "half": 0.5, "list": [null, "x"]}"#.utf8))
        #expect(value["flag"] == .bool(true))
        #expect(value["one"] == .integer(1))
        #expect(value["half"] == .double(0.5))
        #expect(value["list"] == .array([.null, .string("x")]))
        #expect(throws: JSONValue.ParseError.self) { _ = try JSONValue.parse(Data("{nope".utf8)) }
    }
}
