import LeadscoreData

/// The API half of the operational gate: callers (Flows, Apex, External Services generated from the
/// OpenAPI document) were built against the champion's request schema, so the candidate must accept
/// what they send. A field removed from the schema, sent as another JSON type, or newly required fails;
/// a new optional field passes (callers that do not send it are scored as before).
enum SchemaComparison {
    static func checks(candidate: DataContract, champion: DataContract) -> [GateCheck] {
        let before = Dictionary(APISchema.fields(of: champion).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(APISchema.fields(of: candidate).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let requiredBefore = Set(APISchema.requiredFields(of: champion).map(\.name))
        var checks: [GateCheck] = []
        for field in APISchema.fields(of: champion) {
            guard let now = after[field.name] else {
                let why = candidate.field(named: field.name).map {
                    "is no longer a model input in the candidate's contract (scoring: \($0.scoring.rawValue))"
                } ?? "is not in the candidate's contract"
                let required = requiredBefore.contains(field.name) ? ", required" : ""
                checks.append(GateCheck(
                    name: "api_schema:\(field.name)", passed: false,
                    message: "\(field.name) (\(APISchema.wireType(field.type))\(required)) is in the champion's request schema "
                        + "but \(why): callers sending it would have to change"))
                continue
            }
            if !APISchema.accepts(now.type, valuesOf: field.type) {
                checks.append(GateCheck(
                    name: "api_schema:\(field.name)", passed: false,
                    message: "\(field.name) was \(field.type.rawValue) (sent as \(APISchema.wireType(field.type))) and is "
                        + "\(now.type.rawValue) (\(APISchema.wireType(now.type))) in the candidate's contract: callers' values "
                        + "would be refused"))
            }
        }
        for field in APISchema.requiredFields(of: candidate) where !requiredBefore.contains(field.name) {
            let status = before[field.name] == nil ? "a new field" : "optional in the champion's schema"
            checks.append(GateCheck(
                name: "api_schema:\(field.name)", passed: false,
                message: "\(field.name) is required by the candidate's contract but \(status): callers that leave it out "
                    + "would be refused"))
        }
        guard checks.isEmpty else { return checks }
        let added = APISchema.fields(of: candidate).map(\.name).filter { before[$0] == nil }
        return [GateCheck(
            name: "api_schema", passed: true, value: Double(after.count), reference: Double(before.count),
            message: "the candidate accepts every one of the champion's \(before.count) request fields with the same types"
                + (added.isEmpty ? "" : "; new optional fields: \(added.joined(separator: ", "))"))]
    }
}
