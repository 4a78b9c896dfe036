import Foundation
import LeadscoreData
import LeadscoreSalesforce
import LeadscoreService

/// One Lead as the sync reads it: the scoring inputs (exactly what a Flow callout would send), and
/// what the guardrails need — converted or not, the owner, and what leadscore wrote last time.
struct SyncedLead {
    let id: String
    let isConverted: Bool
    let ownerId: String?
    let modified: Date?
    /// `AI_Input_Hash__c` and `AI_Model_Version__c` as the org holds them now.
    let writtenInputHash: String?
    let writtenModelVersion: String?
    /// `AI_Score_Tier__c` now: a lead already in a hot tier is not announced again.
    let writtenTier: String?
    /// The scoring inputs, keyed by API name, as `POST /v1/score` receives them.
    let inputs: [String: JSONValue]

    /// The scoring inputs: what a Flow callout sends for this contract (fields usable at scoring time, the
    /// id and the creation time). Only these reach the validator, so only they make the input hash.
    static func inputFields(for contract: DataContract) -> [String] {
        contract.fields.filter {
            $0.scoring == .allowed || $0.name == contract.idField || $0.name == contract.createdField
        }.map(\.name)
    }

    /// The fields a sync query selects: the scoring inputs plus what the guardrails read.
    static func queryFields(for contract: DataContract) -> [String] {
        var names = inputFields(for: contract)
        for name in ["Id", "IsConverted", "OwnerId", "SystemModstamp", ScoreFields.inputHash, ScoreFields.modelVersion,
                     ScoreFields.tier]
        where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    init?(_ record: SalesforceRecord, inputFields: [String]) {
        guard let id = record.id else { return nil }
        self.id = id
        isConverted = record["IsConverted"]?.boolValue ?? false
        ownerId = record["OwnerId"]?.stringValue
        modified = record["SystemModstamp"]?.stringValue.flatMap(SalesforceDate.parse).map(Date.init(timeIntervalSince1970:))
        writtenInputHash = record[ScoreFields.inputHash]?.stringValue
        writtenModelVersion = record[ScoreFields.modelVersion]?.stringValue
        writtenTier = record[ScoreFields.tier]?.stringValue
        var inputs: [String: JSONValue] = [:]
        for name in inputFields {
            inputs[name] = record[name].map(Self.json) ?? .null
        }
        self.inputs = inputs
    }

    /// Salesforce's JSON value as the scoring API's.
    static func json(_ value: SalesforceValue) -> JSONValue {
        switch value {
        case .null: return .null
        case let .bool(flag): return .bool(flag)
        case let .number(text): return Double(text).map(JSONValue.number) ?? .string(text)
        case let .string(text): return .string(text)
        case let .array(items): return .array(items.map(json))
        case let .object(members): return .object(members.mapValues(json))
        }
    }
}
