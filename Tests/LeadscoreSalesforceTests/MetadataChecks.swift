import Foundation
import LeadscoreData

/// What Salesforce's schema cannot check about a generated package, checked on the files themselves
/// (parsed with Foundation's XML parser, not with the generator's types): Flow connectors and references,
/// actions against the External Service and its OpenAPI document, where callouts run, and what the
/// permission sets name. Each check returns the problems it found, so a test can show all of them.
struct MetadataChecks {
    /// The project root (holding `sfdx-project.json`).
    let root: URL
    let contract: DataContract

    var source: URL { root.appendingPathComponent("force-app/main/default") }

    /// Flow element kinds that connectors may target.
    static let elementKinds: Set<String> = [
        "actionCalls", "assignments", "collectionProcessors", "customErrors", "decisions", "loops", "recordCreates",
        "recordDeletes", "recordLookups", "recordRollbacks", "recordUpdates", "screens", "subflows", "transforms", "waits",
    ]
    static let connectorTags: Set<String> = [
        "connector", "faultConnector", "defaultConnector", "nextValueConnector", "noMoreValuesConnector", "timeoutConnector",
    ]

    func parse(_ path: String) throws -> ParsedElement {
        try ParsedElement.parse(source.appendingPathComponent(path))
    }

    func flow(_ name: String) throws -> ParsedElement {
        try parse("flows/\(name).flow-meta.xml")
    }

    /// The objects the package defines or extends (its `objects/` folders).
    func objects() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: source.appendingPathComponent("objects").path)) ?? []).sorted()
    }

    /// Fields a reference to `object` may name: the package's own, the contract's (Lead), and system fields.
    func fields(of object: String) -> Set<String> {
        let folder = source.appendingPathComponent("objects/\(object)/fields")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var names = Set(files.filter { $0.hasSuffix(".field-meta.xml") }.map { String($0.dropLast(".field-meta.xml".count)) })
        names.insert("Id")
        if object == "Lead" {
            names.formUnion(contract.fields.map(\.name))
            names.insert("IsConverted")
        }
        return names
    }

    /// The OpenAPI document inside the External Service registration `service`.
    func openAPI(service: String) throws -> [String: Any] {
        let registration = try parse("externalServiceRegistrations/\(service).externalServiceRegistration-meta.xml")
        let schema = registration.child("schema")?.text ?? ""
        return try JSONSerialization.jsonObject(with: Data(schema.utf8)) as? [String: Any] ?? [:]
    }

    // MARK: Flows

    /// The elements by name.
    static func elements(_ flow: ParsedElement) -> [String: ParsedElement] {
        var elements: [String: ParsedElement] = [:]
        for child in flow.children where elementKinds.contains(child.name) {
            if let name = child.text("name") { elements[name] = child }
        }
        return elements
    }

    static func targets(of node: ParsedElement) -> [String] {
        node.descendants.filter { connectorTags.contains($0.name) }.compactMap { $0.text("targetReference") }
    }

    /// Every connector names an element of the flow, and every element can be reached from the start.
    static func connectorProblems(_ flow: ParsedElement) -> [String] {
        let elements = elements(flow)
        var problems: [String] = []
        for (name, element) in elements {
            for target in targets(of: element) where elements[target] == nil {
                problems.append("\(name) connects to \(target), which is not an element")
            }
        }
        let roots = entryPoints(flow)
        for target in roots.immediate + roots.asynchronous where elements[target] == nil {
            problems.append("start connects to \(target), which is not an element")
        }
        let reached = reachable(from: roots.immediate + roots.asynchronous, in: elements)
        for name in elements.keys.sorted() where !reached.contains(name) {
            problems.append("\(name) cannot be reached from the start")
        }
        return problems
    }

    /// The start's immediate targets, and those of its asynchronous (`AsyncAfterCommit`) paths.
    static func entryPoints(_ flow: ParsedElement) -> (immediate: [String], asynchronous: [String]) {
        guard let start = flow.child("start") else { return ([], []) }
        let immediate = start.children("connector").compactMap { $0.text("targetReference") }
        let asynchronous = start.children("scheduledPaths").filter { $0.text("pathType") == "AsyncAfterCommit" }
            .flatMap { $0.children("connector").compactMap { $0.text("targetReference") } }
        return (immediate, asynchronous)
    }

    static func reachable(from roots: [String], in elements: [String: ParsedElement]) -> Set<String> {
        var seen: Set<String> = []
        var queue = roots
        while let name = queue.popLast() {
            guard !seen.contains(name), let element = elements[name] else { continue }
            seen.insert(name)
            queue += targets(of: element)
        }
        return seen
    }

    /// External Service callouts run only on an asynchronous path: none is reachable from the start's
    /// immediate path, and a scheduled flow (no record save to wait for) makes none.
    static func calloutProblems(_ flow: ParsedElement) -> [String] {
        let elements = elements(flow)
        let callouts = elements.filter { $0.value.name == "actionCalls" && $0.value.text("actionType") == "externalService" }
        let roots = entryPoints(flow)
        let immediate = reachable(from: roots.immediate, in: elements)
        let asynchronous = reachable(from: roots.asynchronous, in: elements)
        var problems: [String] = []
        for name in callouts.keys.sorted() {
            if immediate.contains(name) { problems.append("\(name) calls out on the immediate (same transaction) path") }
            if !asynchronous.contains(name) { problems.append("\(name) is not on an asynchronous path") }
        }
        return problems
    }

    /// Resources and fields a flow references exist: element and variable names, `$Record` fields,
    /// fields of record elements, and properties of External Service (Apex-defined) variables.
    func referenceProblems(_ flow: ParsedElement, service: String) throws -> [String] {
        let document = try openAPI(service: service)
        let schemas = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
        let elements = Self.elements(flow)
        var recordObjects: [String: String] = [:]
        var apexSchemas: [String: String] = [:]
        var resources = Set(elements.keys)
        for variable in flow.children("variables") {
            guard let name = variable.text("name") else { continue }
            resources.insert(name)
            if let object = variable.text("objectType") { recordObjects[name] = object }
            if let apex = variable.text("apexClass") {
                let prefix = "ExternalService__\(service)_"
                guard apex.hasPrefix(prefix) else { return ["\(name) has Apex class \(apex), not one of \(service)'s types"] }
                apexSchemas[name] = ApexNameDecoder.decode(String(apex.dropFirst(prefix.count)))
            }
        }
        for formula in flow.children("formulas") { if let name = formula.text("name") { resources.insert(name) } }
        for (name, element) in elements where element.name == "recordLookups" {
            recordObjects[name] = element.text("object")
        }
        for loop in flow.children("loops") {
            if let name = loop.text("name"), let collection = loop.text("collectionReference") {
                recordObjects[name] = recordObjects[collection]
            }
        }
        let startObject = flow.child("start")?.text("object")
        var problems: [String] = []
        func check(_ reference: String, in place: String) {
            let parts = reference.split(separator: ".", maxSplits: 1).map(String.init)
            let root = parts[0], member = parts.count > 1 ? parts[1] : nil
            if root == "$Record" {
                guard let object = startObject else { return problems.append("\(place): $Record in a flow without a record") }
                if let member, !fields(of: object).contains(member) { problems.append("\(place): \(object).\(member) does not exist") }
            } else if root.hasPrefix("$") {
                return
            } else if !resources.contains(root) {
                problems.append("\(place): \(root) is not an element, variable or formula")
            } else if let member, let object = recordObjects[root], !fields(of: object).contains(member) {
                problems.append("\(place): \(object).\(member) does not exist")
            } else if let member, let schema = apexSchemas[root] {
                let properties = ((schemas[schema] as? [String: Any])?["properties"] as? [String: Any]) ?? [:]
                if properties[ApexNameDecoder.decode(member)] == nil {
                    problems.append("\(place): \(member) is not a property of \(schema) in the OpenAPI document")
                }
            }
        }
        let referenceTags: Set<String> = [
            "elementReference", "leftValueReference", "assignToReference", "collectionReference", "inputReference",
        ]
        for child in flow.children {
            let place = child.text("name") ?? child.name
            for node in child.descendants where referenceTags.contains(node.name) {
                check(node.text.trimmingCharacters(in: .whitespaces), in: place)
            }
            for node in [child] + child.descendants where ["filterFormula", "expression", "interviewLabel"].contains(node.name) {
                for reference in Self.mergeFields(node.text) { check(reference, in: place) }
            }
            if ["recordCreates", "recordUpdates", "recordLookups", "recordDeletes"].contains(child.name),
               let object = child.text("object") {
                let named = child.children("filters").compactMap { $0.text("field") }
                    + child.children("inputAssignments").compactMap { $0.text("field") }
                    + child.children("queriedFields").map(\.text) + child.children("sortField").map(\.text)
                for field in named where !fields(of: object).contains(field) {
                    problems.append("\(place): \(object).\(field) does not exist")
                }
            }
        }
        if let object = startObject {
            for field in flow.child("start")?.children("filters").compactMap({ $0.text("field") }) ?? []
            where !fields(of: object).contains(field) {
                problems.append("start: \(object).\(field) does not exist")
            }
        }
        return problems
    }

    /// `{!Name.Member}` merge fields of a formula or label.
    static func mergeFields(_ text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "\\{!([$A-Za-z0-9_.]+)\\}")
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// External Service actions name an active operation of a registration in the package, present in its
    /// OpenAPI document.
    func actionProblems(_ flow: ParsedElement) throws -> [String] {
        var problems: [String] = []
        for action in flow.children("actionCalls") where action.text("actionType") == "externalService" {
            let name = action.text("actionName") ?? ""
            let parts = name.split(separator: ".").map(String.init)
            guard parts.count == 2 else { problems.append("\(name) is not Service.operation"); continue }
            let file = source.appendingPathComponent("externalServiceRegistrations/\(parts[0]).externalServiceRegistration-meta.xml")
            guard FileManager.default.fileExists(atPath: file.path) else {
                problems.append("\(name): no External Service \(parts[0]) in the package"); continue
            }
            let registration = try ParsedElement.parse(file)
            let active = registration.children("operations").filter { $0.text("active") == "true" }.compactMap { $0.text("name") }
            if !active.contains(parts[1]) { problems.append("\(name): \(parts[1]) is not an active operation of \(parts[0])") }
            let paths = try openAPI(service: parts[0])["paths"] as? [String: Any] ?? [:]
            let ids = paths.values.compactMap { $0 as? [String: Any] }.flatMap(\.values)
                .compactMap { ($0 as? [String: Any])?["operationId"] as? String }
            if !ids.contains(parts[1]) { problems.append("\(name): the OpenAPI document has no operation \(parts[1])") }
            if action.text("nameSegment") != name { problems.append("\(name): nameSegment is \(action.text("nameSegment") ?? "missing")") }
        }
        return problems
    }

    // MARK: Permission sets

    /// Permission sets name only objects and fields the package defines or the contract reads, and
    /// External Credential principals that exist.
    func permissionProblems() throws -> [String] {
        let folder = source.appendingPathComponent("permissionsets")
        var problems: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let set = try ParsedElement.parse(folder.appendingPathComponent(file))
            for permission in set.children("fieldPermissions") {
                let parts = (permission.text("field") ?? "").split(separator: ".").map(String.init)
                guard parts.count == 2, objects().contains(parts[0]), fields(of: parts[0]).contains(parts[1]) else {
                    problems.append("\(file): field \(permission.text("field") ?? "") is neither generated nor in the contract")
                    continue
                }
            }
            for permission in set.children("objectPermissions") where !objects().contains(permission.text("object") ?? "") {
                problems.append("\(file): object \(permission.text("object") ?? "") is not in the package")
            }
            for access in set.children("externalCredentialPrincipalAccesses") {
                let parts = (access.text("externalCredentialPrincipal") ?? "").split(separator: "-", maxSplits: 1).map(String.init)
                let credential = source.appendingPathComponent("externalCredentials/\(parts.first ?? "").externalCredential-meta.xml")
                let principals = (try? ParsedElement.parse(credential))?.children("externalCredentialParameters")
                    .filter { $0.text("parameterType") == "NamedPrincipal" }.compactMap { $0.text("parameterName") } ?? []
                if parts.count != 2 || !principals.contains(parts[1]) {
                    problems.append("\(file): principal \(access.text("externalCredentialPrincipal") ?? "") does not exist")
                }
            }
        }
        return problems
    }
}

/// Reverses External Services' Apex name encoding (`x5f` → `_`, `z0type` → `type`), written apart from
/// the generator so a test compares the flow's names with the document's, not the encoder with itself.
enum ApexNameDecoder {
    static func decode(_ name: String) -> String {
        var text = name
        if text.hasPrefix("z0") { text.removeFirst(2) }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if text[index] == "x", let end = text.index(next, offsetBy: 2, limitedBy: text.endIndex),
               let byte = UInt8(text[next..<end], radix: 16), text[next..<end].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
                bytes.append(byte)
                index = end
            } else {
                bytes += Array(String(text[index]).utf8)
                index = next
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
