/// The small pieces every Flow file repeats (Metadata API Developer Guide, "Flow"): connectors, values,
/// conditions, field assignments, variables and the builder's own metadata values.
///
/// Flow elements share a base type, so their first children are always `name`, `label`, `locationX`,
/// `locationY` (the WSDL's inherited elements), then the element's own in alphabetical order; `header`
/// writes the first four.
enum FlowParts {
    /// `name`, `label` and a canvas position. The package's Flows use the auto-layout canvas, which
    /// ignores the coordinates, but the schema requires them.
    static func header(_ name: String, _ label: String, row: Int) -> [MetadataElement] {
        [
            MetadataElement("name", text: name),
            MetadataElement("label", text: label),
            MetadataElement("locationX", 176),
            MetadataElement("locationY", 134 + 108 * row),
        ]
    }

    static func connector(_ tag: String = "connector", to target: String) -> MetadataElement {
        MetadataElement(tag) { MetadataElement("targetReference", text: target) }
    }

    enum Value {
        case reference(String)
        case text(String)
        case number(Int)
        case flag(Bool)

        var element: MetadataElement {
            MetadataElement("value", children: [content])
        }

        /// The typed child of a value (`FlowElementReferenceOrValue`).
        var content: MetadataElement {
            switch self {
            case let .reference(name): return MetadataElement("elementReference", text: name)
            case let .text(text): return MetadataElement("stringValue", text: text)
            case let .number(number): return MetadataElement("numberValue", text: "\(number).0")
            case let .flag(flag): return MetadataElement("booleanValue", flag)
            }
        }
    }

    /// `<assignmentItems>`: `reference` `operator` `value`.
    static func assignment(_ reference: String, _ value: Value, operator: String = "Assign") -> MetadataElement {
        MetadataElement("assignmentItems") {
            MetadataElement("assignToReference", text: reference)
            MetadataElement("operator", text: `operator`)
            value.element
        }
    }

    /// `<inputAssignments>` of a Create or Update Records element: a field of the record and its value.
    static func field(_ field: String, _ value: Value) -> MetadataElement {
        MetadataElement("inputAssignments") {
            MetadataElement("field", text: field)
            value.element
        }
    }

    /// `<filters>` of a record element or a Start element.
    static func filter(_ field: String, _ operator: String, _ value: Value) -> MetadataElement {
        MetadataElement("filters") {
            MetadataElement("field", text: field)
            MetadataElement("operator", text: `operator`)
            value.element
        }
    }

    /// `<conditions>` of a decision rule.
    static func condition(_ left: String, _ operator: String, _ right: Value) -> MetadataElement {
        MetadataElement("conditions") {
            MetadataElement("leftValueReference", text: left)
            MetadataElement("operator", text: `operator`)
            MetadataElement("rightValue", children: [right.content])
        }
    }

    /// A private variable (`isInput`/`isOutput` false: nothing outside the Flow can set or read it).
    static func variable(_ name: String, dataType: String, apexClass: String? = nil, objectType: String? = nil,
                         isCollection: Bool = false, scale: Int? = nil) -> MetadataElement {
        MetadataElement("variables") {
            MetadataElement("name", text: name)
            if let apexClass { MetadataElement("apexClass", text: apexClass) }
            MetadataElement("dataType", text: dataType)
            MetadataElement("isCollection", isCollection)
            MetadataElement("isInput", false)
            MetadataElement("isOutput", false)
            if let objectType { MetadataElement("objectType", text: objectType) }
            if let scale { MetadataElement("scale", scale) }
        }
    }

    /// What Flow Builder writes for a flow built on the auto-layout canvas, so it opens there unchanged.
    static let builderMetadata: [MetadataElement] = [
        ("BuilderType", "LightningFlowBuilder"), ("CanvasMode", "AUTO_LAYOUT_CANVAS"), ("OriginBuilderType", "LightningFlowBuilder"),
    ].map { name, value in
        MetadataElement("processMetadataValues") {
            MetadataElement("name", text: name)
            MetadataElement("value") { MetadataElement("stringValue", text: value) }
        }
    }
}
