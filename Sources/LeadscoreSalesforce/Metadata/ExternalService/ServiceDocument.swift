import Foundation
import LeadscoreData

/// The scoring service's OpenAPI document (`GET /openapi.json`), read for what the package builds on:
/// its operations, the `Lead` a caller sends, and the `ScoreResponse` the Flow writes back.
///
/// The bytes are kept as they are: the External Service registration carries exactly the document the
/// service serves, so the types Flow generates match what the server validates and returns.
public struct ServiceDocument: Sendable {
    public struct Operation: Sendable, Equatable {
        public var id: String
        public var method: String
        public var path: String
        /// Named schema of the JSON request body, when it is one (`ScoreRequest`).
        public var requestSchema: String?
        /// Named schema of the 200 JSON response, when it is one (`ScoreResponse`).
        public var responseSchema: String?
    }

    /// The largest schema External Services is said to register: 100,000 characters (stated in
    /// hicglobalsolutions.com, "Salesforce External Services: Configuration for Admins"; not confirmed
    /// in Salesforce's own pages here). Refusing here is cheaper than a failed deploy.
    public static let maximumCharacters = 100_000

    public let data: Data
    /// Every operation, by path then method, as the document lists them.
    public let operations: [Operation]
    /// The request, lead and response schemas of `scoreLead`.
    public let requestSchema: String
    public let leadSchema: String
    public let responseSchema: String
    /// `Lead` property names: the Salesforce API names a caller sends.
    public let leadProperties: [String]
    /// `ScoreResponse` property names.
    public let responseProperties: Set<String>
    /// Every request and response media type, so the registration can map those External Services
    /// does not take (CSV, JSON lines) onto one it does.
    public let mediaTypes: Set<String>

    public func operation(_ id: String) -> Operation? {
        operations.first { $0.id == id }
    }

    /// Reads `data`; every problem names the JSON path and what to do.
    public static func read(_ data: Data, source: String) throws -> ServiceDocument {
        func problem(_ path: String, _ text: String) -> InputError {
            InputError(source: source, field: path, problem: text,
                       fix: "use the document the scoring service serves at GET /openapi.json (or pass --bundle so the CLI "
                           + "generates it), from the same leadscore version")
        }
        guard data.count <= maximumCharacters * 4,
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw problem("(document)", "is not a JSON object")
        }
        let characters = String(decoding: data, as: UTF8.self).count
        guard characters <= maximumCharacters else {
            throw InputError(source: source, field: "(document)",
                             problem: "has \(characters) characters; External Services registers at most \(maximumCharacters)",
                             fix: "leave fields the model does not use out of the data contract, or register the service in "
                                 + "Setup from its schema URL instead")
        }
        guard let version = root["openapi"] as? String, version.hasPrefix("3.0") else {
            throw problem("openapi", "is not 3.0.x, the OpenAPI version External Services imports as OpenApi3")
        }
        let schemas = ((root["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
        var operations: [Operation] = []
        var mediaTypes: Set<String> = []
        let paths = root["paths"] as? [String: Any] ?? [:]
        for path in paths.keys.sorted() {
            guard let item = paths[path] as? [String: Any] else { continue }
            for method in ["get", "put", "post", "delete", "patch"] {
                guard let operation = item[method] as? [String: Any] else { continue }
                guard let id = operation["operationId"] as? String, !id.isEmpty else {
                    throw problem("paths.\(path).\(method).operationId", "is missing; Flow names each action after it")
                }
                let body = (operation["requestBody"] as? [String: Any])?["content"] as? [String: Any] ?? [:]
                let responses = operation["responses"] as? [String: Any] ?? [:]
                mediaTypes.formUnion(body.keys)
                for response in responses.values {
                    mediaTypes.formUnion(((response as? [String: Any])?["content"] as? [String: Any] ?? [:]).keys)
                }
                let ok = (responses["200"] as? [String: Any])?["content"] as? [String: Any] ?? [:]
                operations.append(Operation(id: id, method: method.uppercased(), path: path,
                                            requestSchema: reference(body["application/json"]),
                                            responseSchema: reference(ok["application/json"])))
            }
        }
        let ids = operations.map(\.id)
        if let duplicate = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) {
            throw problem("paths", "uses operationId \(duplicate) twice; each Flow action needs its own")
        }
        guard let score = operations.first(where: { $0.id == PackageNames.scoreOperation }) else {
            throw problem("paths", "has no operation \(PackageNames.scoreOperation) (POST /v1/score), which the scoring Flow calls")
        }
        let field = "paths.\(score.path).\(score.method.lowercased())"
        guard let request = score.requestSchema, let response = score.responseSchema else {
            throw problem(field, "has no named JSON request body or 200 response schema")
        }
        let leadReference = properties(of: schemas[request])["lead"].flatMap(reference)
        guard let lead = leadReference, let leadProperties = schemas[lead].map(properties), !leadProperties.isEmpty else {
            throw problem("components.schemas.\(request).properties.lead", "is not a reference to a schema with properties")
        }
        let responseProperties = Set(properties(of: schemas[response]).keys)
        let needed = ["score", "probability", "tier", "reasonText", "modelVersion", "scoredAt", "confidence", "reviewNeeded", "route"]
        if let missing = needed.first(where: { !responseProperties.contains($0) }) {
            throw problem("components.schemas.\(response).properties.\(missing)", "is missing; the Flow writes it to the lead")
        }
        return ServiceDocument(data: data, operations: operations, requestSchema: request, leadSchema: lead,
                               responseSchema: response, leadProperties: leadProperties.keys.sorted(),
                               responseProperties: responseProperties, mediaTypes: mediaTypes)
    }

    /// `{"schema": {"$ref": "#/components/schemas/Name"}}` or `{"$ref": …}` → `Name`.
    private static func reference(_ node: Any?) -> String? {
        guard let object = node as? [String: Any] else { return nil }
        let target = (object["schema"] as? [String: Any])?["$ref"] ?? object["$ref"]
        guard let text = target as? String, text.hasPrefix("#/components/schemas/") else { return nil }
        return String(text.dropFirst("#/components/schemas/".count))
    }

    private static func properties(of schema: Any?) -> [String: Any] {
        ((schema as? [String: Any])?["properties"] as? [String: Any]) ?? [:]
    }
}
