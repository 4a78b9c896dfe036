import Foundation
import LeadscoreSalesforce
import Testing

/// The JSON value type: number text kept, strings unescaped exactly, bad JSON refused with an offset.
@Suite struct ClientValueTests {
    func parse(_ text: String) throws -> SalesforceValue {
        try SalesforceValue(json: Data(text.utf8))
    }

    @Test func numbersKeepTheirText() throws {
        let value = try parse(#"{"a":12,"b":12.5,"c":1.5E7,"d":-0.25,"e":12345678901234567.89,"f":0}"#)
        #expect(value["a"]?.text == "12")
        #expect(value["b"]?.text == "12.5")
        #expect(value["c"]?.text == "1.5E7")
        #expect(value["c"]?.doubleValue == 15_000_000)
        #expect(value["d"]?.text == "-0.25")
        #expect(value["e"]?.text == "12345678901234567.89")
        #expect(value["f"]?.intValue == 0)
        #expect(value["b"]?.intValue == nil)
    }

    @Test func stringsAndEscapes() throws {
        let value = try parse(#"["Zoë \"Z\" O'Neil","a\\b\/c\n\t","\u00e9\ud83d\ude00", "plain"]"#)
        #expect(value.arrayValue?.compactMap(\.stringValue) == ["Zoë \"Z\" O'Neil", "a\\b/c\n\t", "é😀", "plain"])
    }

    @Test func literalsAndNesting() throws {
        let value = try parse(" { \"t\" : true , \"f\":false,\"n\":null,\"o\":{\"x\":[1,[2]]},\"e\":[],\"eo\":{} } ")
        #expect(value["t"] == .bool(true))
        #expect(value["f"]?.boolValue == false)
        #expect(value["n"]?.isNull == true)
        #expect(value["o"]?["x"] == .array([.number("1"), .array([.number("2")])]))
        #expect(value["e"] == .array([]))
        #expect(value["eo"] == .object([:]))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"abc", "\"a\u{01}\"", "\"\\x\"", "[1] 2",
                      "\"\\ud800\"", "{\"a\":1,}", "nul"])
    func refusesInvalidJSON(_ text: String) {
        #expect(throws: SalesforceJSONError.self) { try parse(text) }
    }

    @Test func refusesHostileNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: SalesforceJSONError.self) { try parse(deep) }
    }

    @Test func writesJSONThatReadsBack() throws {
        let value = SalesforceValue.object([
            "text": .string("line\none \"quoted\" \\ tab\t \u{01}"),
            "number": .number("12.50"),
            "notANumber": .number("abc"),
            "list": .array([.null, .bool(true), SalesforceValue(3)]),
        ])
        let data = Data(value.description.utf8)
        let back = try SalesforceValue(json: data)
        #expect(back["text"] == value["text"])
        #expect(back["number"]?.text == "12.50")
        #expect(back["notANumber"] == .string("abc"))
        #expect(back["list"] == value["list"])
        #expect(value.description.hasPrefix(#"{"list":[null,true,3],"notANumber":"abc""#))
    }

    @Test func numbersFromDoubles() {
        #expect(SalesforceValue(12.0) == .number("12"))
        #expect(SalesforceValue(0.125) == .number("0.125"))
        #expect(SalesforceValue(Double.nan) == nil)
        #expect(SalesforceValue(Double.infinity) == nil)
    }

    @Test func recordPaths() throws {
        let json = try parse(#"""
        {"attributes":{"type":"Lead","url":"/services/data/v62.0/sobjects/Lead/00Q5e00000AbCdEEAV"},
         "Id":"00Q5e00000AbCdEEAV","Owner":{"attributes":{"type":"User"},"Name":"Ada"},"ConvertedAccount":null,
         "Address":{"city":"Lyon","country":"FR"}}
        """#)
        let record = SalesforceRecord(type: "Lead", fields: try #require(json.objectValue).filter { $0.key != "attributes" })
        #expect(record["Owner.Name"]?.text == "Ada")
        #expect(record["owner.name"]?.text == "Ada")
        #expect(record["ConvertedAccount.Name"] == .null)
        #expect(record["Missing.Name"] == nil)
        #expect(record["Address"]?.text == #"{"city":"Lyon","country":"FR"}"#)
        #expect(record.id == "00Q5e00000AbCdEEAV")
    }
}
