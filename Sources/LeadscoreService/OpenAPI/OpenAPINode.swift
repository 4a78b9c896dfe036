import Foundation

/// One node of the OpenAPI document as plain JSON.
///
/// The document is built as a tree rather than with `Codable` models of OpenAPI because it uses
/// a deliberately small part of the specification (what Salesforce Flow accepts), and a tree keeps
/// that part visible in one place. The one floating-point case carries numeric bounds beyond `Int`.
enum OpenAPINode: Sendable, Equatable, Encodable {
    case object([String: OpenAPINode])
    case array([OpenAPINode])
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .object(members): try container.encode(members)
        case let .array(elements): try container.encode(elements)
        case let .string(text): try container.encode(text)
        case let .integer(number): try container.encode(number)
        case let .number(number): try container.encode(number)
        case let .bool(flag): try container.encode(flag)
        }
    }

    /// This object with `extra` members added, for the few keywords a schema helper does not take
    /// (`minimum`, `maxItems`, …).
    func adding(_ extra: [String: OpenAPINode]) -> OpenAPINode {
        guard case let .object(members) = self else { preconditionFailure("only a JSON object has members") }
        return .object(members.merging(extra, uniquingKeysWith: { _, new in new }))
    }

    /// Pretty-printed with sorted keys, so the same contract always gives the same bytes (diffable,
    /// cacheable by ETag) and slashes unescaped so paths and `$ref`s read as written.
    func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding a tree of strings, finite numbers and booleans cannot fail.
        return try! encoder.encode(self)
    }
}

extension OpenAPINode: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .integer(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: OpenAPINode...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, OpenAPINode)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// Schema objects in the subset Salesforce Flow's HTTP Callout and External Services accept: plain
/// JSON types, `date` and `date-time` formats only (Flow rejects float/double/int32/int64), no
/// `enum` (allowed values go in descriptions), no `oneOf`/`anyOf`/`allOf`, and one item schema per array.
enum OpenAPISchema {
    static func string(_ description: String) -> OpenAPINode {
        ["type": "string", "description": .string(description)]
    }

    static func integer(_ description: String) -> OpenAPINode {
        ["type": "integer", "description": .string(description)]
    }

    static func number(_ description: String) -> OpenAPINode {
        ["type": "number", "description": .string(description)]
    }

    static func boolean(_ description: String) -> OpenAPINode {
        ["type": "boolean", "description": .string(description)]
    }

    static func date(_ description: String) -> OpenAPINode {
        ["type": "string", "format": "date", "description": .string(description)]
    }

    static func dateTime(_ description: String) -> OpenAPINode {
        ["type": "string", "format": "date-time", "description": .string(description)]
    }

    static func array(of items: OpenAPINode, _ description: String) -> OpenAPINode {
        ["type": "array", "items": items, "description": .string(description)]
    }

    /// An object; `required` is left out when empty because OpenAPI 3.0 forbids an empty list there.
    static func object(_ description: String, properties: [String: OpenAPINode],
                       required: [String] = []) -> OpenAPINode {
        var schema: [String: OpenAPINode] = [
            "type": "object", "description": .string(description), "properties": .object(properties),
        ]
        if !required.isEmpty { schema["required"] = .array(required.map(OpenAPINode.string)) }
        return .object(schema)
    }

    /// A reference to a named schema under `components/schemas`: Flow builds one Apex-defined type
    /// per named schema, so shared shapes (a `Reason`, an `ErrorBody`) are always referenced, never inlined.
    static func ref(_ component: String) -> OpenAPINode {
        ["$ref": .string("#/components/schemas/\(component)")]
    }
}
