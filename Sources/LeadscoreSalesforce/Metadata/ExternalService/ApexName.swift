/// The Apex names External Services gives the schema's types and properties, which a Flow must use to
/// reference them (`LeadInput.Pricingx5fPagex5fVisitsx5fx5fc` for the property `Pricing_Page_Visits__c`).
///
/// Salesforce Help, "Apex Reserved Keywords" (External Services): characters that are not valid in an
/// Apex identifier are UTF-8 encoded as `x` and two hex digits (`5getOpen-bankingV2.2Atms` becomes
/// `x35getOpenx2dbankingV2x2e2Atms`); the underscore is encoded too (`x5f`), because External Services
/// uses it to separate the parts of generated names; a name equal to an Apex reserved keyword gets the
/// prefix `z0` (`type` becomes `z0type`). The callout still sends the original names.
public enum ApexName {
    /// The Apex property name for `name`.
    public static func encode(_ name: String) -> String {
        if reservedKeywords.contains(name.lowercased()) { return "z0" + name }
        var encoded = ""
        for (index, byte) in name.utf8.enumerated() {
            let isLetter = (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            let isDigit = (0x30...0x39).contains(byte)
            if isLetter || (isDigit && index > 0) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "x" + String(byte, radix: 16, uppercase: false).leftPadded(to: 2)
            }
        }
        return encoded
    }

    /// The Apex class External Services generates for a named schema of a registration, as Flow's
    /// Apex-defined variables reference it (`ExternalService__Leadscore_ScoreRequest`).
    public static func type(_ schema: String, service: String) -> String {
        "ExternalService__\(service)_\(encode(schema))"
    }

    /// Apex Developer Guide, "Reserved Keywords".
    static let reservedKeywords: Set<String> = [
        "abstract", "activate", "and", "any", "array", "as", "asc", "autonomous", "begin", "bigdecimal", "blob", "boolean",
        "break", "bulk", "by", "byte", "case", "cast", "catch", "char", "class", "collect", "commit", "const", "continue",
        "currency", "date", "datetime", "decimal", "default", "delete", "desc", "do", "double", "else", "end", "enum",
        "exception", "exit", "export", "extends", "false", "final", "finally", "float", "for", "from", "global", "goto",
        "group", "having", "hint", "if", "implements", "import", "in", "inner", "insert", "instanceof", "int", "integer",
        "interface", "into", "join", "like", "limit", "list", "long", "loop", "map", "merge", "new", "not", "null",
        "nulls", "number", "object", "of", "on", "or", "outer", "override", "package", "parallel", "pragma", "private",
        "protected", "public", "retrieve", "return", "rollback", "select", "set", "short", "sobject", "sort", "static",
        "string", "super", "switch", "synchronized", "system", "testmethod", "then", "this", "throw", "time",
        "transaction", "trigger", "true", "try", "type", "undelete", "update", "upsert", "using", "virtual", "void",
        "webservice", "when", "where", "while",
    ]
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
