import Foundation

/// Writes a ``SalesforceValue`` as compact JSON: request bodies for sObject Collections and Bulk jobs,
/// and the text of nested values. Object members are written in sorted order so the same value always
/// gives the same bytes (request logs and tests can compare them).
enum SalesforceJSONWriter {
    static func data(for value: SalesforceValue) -> Data {
        var output: [UInt8] = []
        write(value, into: &output)
        return Data(output)
    }

    private static func write(_ value: SalesforceValue, into output: inout [UInt8]) {
        switch value {
        case .null:
            output += Array("null".utf8)
        case let .bool(flag):
            output += Array((flag ? "true" : "false").utf8)
        case let .number(text):
            // A number made from arbitrary text must not break the document: anything that is not a JSON
            // number is written as a string (Salesforce then names the field in its error).
            if isJSONNumber(text) { output += Array(text.utf8) } else { writeString(text, into: &output) }
        case let .string(text):
            writeString(text, into: &output)
        case let .array(items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(item, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case let .object(members):
            output.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(members[key]!, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Whether `text` is exactly one JSON number.
    static func isJSONNumber(_ text: String) -> Bool {
        guard !text.isEmpty, let value = try? SalesforceJSONParser.parse(Data(text.utf8)),
              case .number = value else { return false }
        return true
    }
}
