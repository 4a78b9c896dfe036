import Foundation
@testable import LeadscoreData

/// The sample org's contract, drafted from its describe as `leadscore demo` does: the fields an
/// admin starts from, with the drafter's PII, leakage and label marks.
func sampleOrgContract() throws -> DataContract {
    let describe = try SalesforceDescribe.decode(try SampleDescribe.jsonData(), source: "describe.json")
    return ContractDrafter.draft(fromDescribe: describe, name: "sample-org-leads").contract
}

/// Parses the generated document as a JSON object.
func parseDocument(_ data: Data) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw DocumentShapeError(message: "the document is not a JSON object")
    }
    return object
}

struct DocumentShapeError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// What Salesforce Flow's HTTP Callout and External Services refuse or mangle, found anywhere in a
/// document: one line per violation, with the JSON path. Empty when the document is Flow-safe.
///
/// Kept apart from the tests so a test can feed it a broken copy and prove each rule fires.
func flowLimitViolations(in document: [String: Any]) -> [String] {
    var violations: [String] = []
    let schemas = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]

    func walk(_ node: Any, path: String) {
        if let array = node as? [Any] {
            for (index, element) in array.enumerated() { walk(element, path: "\(path)[\(index)]") }
            return
        }
        guard let object = node as? [String: Any] else { return }
        for combinator in ["enum", "oneOf", "anyOf", "allOf"] where object[combinator] != nil {
            violations.append("\(path): '\(combinator)' (Flow does not support it)")
        }
        if let format = object["format"] as? String, ["float", "double", "int32", "int64"].contains(format) {
            violations.append("\(path): format \(format) (Flow supports none of float, double, int32, int64)")
        }
        if object["type"] as? String == "array", !(object["items"] is [String: Any]) {
            violations.append("\(path): an array without exactly one item schema")
        }
        if let reference = object["$ref"] as? String {
            let prefix = "#/components/schemas/"
            if !reference.hasPrefix(prefix) || schemas[String(reference.dropFirst(prefix.count))] == nil {
                violations.append("\(path): $ref \(reference) does not name a schema under components/schemas")
            }
        }
        if let description = object["description"] as? String, description.count > 1_333 {
            violations.append("\(path): a description of \(description.count) characters (External Services keeps 1,333)")
        }
        if let content = object["content"] as? [String: Any] {
            for (mediaType, media) in content {
                let schema = (media as? [String: Any])?["schema"] as? [String: Any]
                if schema?.keys.sorted() != ["$ref"] {
                    violations.append("\(path).content.\(mediaType): the body schema is not a named component ($ref)")
                }
            }
        }
        for (key, value) in object { walk(value, path: "\(path).\(key)") }
    }
    walk(document, path: "$")
    return violations.sorted()
}

/// The operations of a document: (path, method, operation object).
func operations(in document: [String: Any]) -> [(path: String, method: String, operation: [String: Any])] {
    let paths = document["paths"] as? [String: Any] ?? [:]
    var found: [(path: String, method: String, operation: [String: Any])] = []
    for (path, item) in paths {
        for (method, operation) in item as? [String: Any] ?? [:] {
            guard ["get", "put", "post", "delete", "patch"].contains(method),
                  let operation = operation as? [String: Any] else { continue }
            found.append((path, method, operation))
        }
    }
    return found.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
}

/// What `openapi-spec-validator` said about a document.
enum SpecValidatorVerdict: Equatable {
    case valid
    case invalid(String)
    /// Python or the module is missing: the message says how to install it.
    case unavailable(String)
}

/// Runs `openapi-spec-validator` on a document.
///
/// Uses `LEADSCORE_PYTHON` when set, else `python3` from PATH. A missing module is its own verdict,
/// which the tests turn into a failure with the install command, never a skip: CI must not pass
/// without validating.
func runOpenAPISpecValidator(on data: Data) throws -> SpecValidatorVerdict {
    let file = FileManager.default.temporaryDirectory
        .appendingPathComponent("leadscore-openapi-\(UUID().uuidString.prefix(8)).json")
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }

    let python = ProcessInfo.processInfo.environment["LEADSCORE_PYTHON"] ?? "python3"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        python, "-c",
        "from openapi_spec_validator import validate; import json,sys; validate(json.load(open(sys.argv[1])))",
        file.path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    if process.terminationStatus == 0 { return .valid }
    if output.contains("No module named 'openapi_spec_validator'") {
        return .unavailable("openapi-spec-validator is not installed for \(python): run "
            + "`\(python) -m pip install openapi-spec-validator` (or set LEADSCORE_PYTHON to an interpreter that has it)")
    }
    if process.terminationStatus == 127 {
        return .unavailable("\(python) was not found: install Python 3 or set LEADSCORE_PYTHON")
    }
    return .invalid(output)
}
