import Foundation
import LeadscoreData
import LeadscoreSalesforce

/// Outcomes read from the org: one SOQL query of the label, creation and Status fields per chunk of
/// scored lead ids (`WHERE Id IN (…)`), through LeadscoreSalesforce's client (its retries, limits and
/// typed errors).
///
/// Ids that are not Salesforce Ids (an API caller's own keys) cannot be asked about: they are counted
/// as missing and the report says how many. Deleted and merged leads are not returned by `query`, so
/// they are missing too.
public struct SalesforceOutcomeSource: OutcomeSource {
    /// Ids per query, as the sync's own `Id IN` reads: 200 18-character Ids make a GET URL of about 5 kB once
    /// percent-encoded, well inside Salesforce's 16,384-byte URI and 100,000-character SOQL limits.
    public static let chunkSize = 200

    public let client: SalesforceClient
    /// The object the leads are (always `Lead` for the contract's label fields).
    public let object: String

    public init(client: SalesforceClient, object: String = "Lead") {
        self.client = client
        self.object = object
    }

    public var name: String { "Salesforce \(client.instanceDescription)" }

    public func outcomes(for leads: Set<String>, fields: OutcomeFields) async throws -> OutcomeLookup {
        for field in fields.all + [object] where !Self.isAPIName(field) {
            throw InputError(source: "contract.yaml", field: field, problem: "'\(field)' is not a Salesforce API name",
                             fix: "name the label, date and creation fields by their API names, e.g. IsConverted")
        }
        let ids = leads.filter(SalesforceId.isValid).sorted()
        var outcomes: [String: LeadOutcome] = [:]
        for start in stride(from: 0, to: ids.count, by: Self.chunkSize) {
            let chunk = ids[start..<min(start + Self.chunkSize, ids.count)]
            let soql = "SELECT \(fields.all.joined(separator: ", ")) FROM \(object) WHERE \(fields.id) IN ("
                + chunk.map { "'\($0)'" }.joined(separator: ", ") + ")"
            try await client.query(soql) { page in
                for record in page.records {
                    let outcome = try Self.outcome(record, fields: fields, source: name)
                    outcomes[LeadOutcome.key(for: outcome.leadId)] = outcome
                }
            }
        }
        var notes: [String] = []
        let unaskable = leads.count - ids.count
        if unaskable > 0 {
            notes.append("\(unaskable) scored lead ids are not Salesforce Ids (15 or 18 characters with a valid checksum), "
                + "so the org cannot be asked about them: they count as missing")
        }
        return OutcomeLookup(outcomes: outcomes, hasStatus: true, notes: notes)
    }

    /// One record's outcome. Salesforce answers with typed JSON, so a value of the wrong type means the
    /// contract names a field of another type.
    static func outcome(_ record: SalesforceRecord, fields: OutcomeFields, source: String) throws -> LeadOutcome {
        guard let id = record[fields.id]?.stringValue else {
            throw InputError(source: source, field: fields.id, problem: "a record came back without its \(fields.id)",
                             fix: "check that the integration user can read \(fields.id)")
        }
        let flagText = record[fields.flag]?.text ?? ""
        guard let converted = FieldParser.parseBoolean(flagText) else {
            throw InputError(source: source, field: fields.flag,
                             problem: "lead \(id) has '\(flagText.prefix(40))' in \(fields.flag), not a yes/no value",
                             fix: "point the contract's label.field at a checkbox (IsConverted) or a 0/1 field")
        }
        func time(_ field: String?) throws -> Double? {
            guard let field, let text = record[field]?.text, !text.isEmpty else { return nil }
            guard let seconds = SalesforceDate.parse(text) else {
                throw InputError(source: source, field: field, problem: "lead \(id) has '\(text.prefix(40))' in \(field), not a date",
                                 fix: "point the contract at a Date or Date/Time field")
            }
            return seconds
        }
        let status = record[fields.status]?.text.flatMap { $0.isEmpty ? nil : $0 }
        return LeadOutcome(leadId: id, converted: converted, convertedAt: try time(fields.date), createdAt: try time(fields.created),
                           status: status)
    }

    /// Letters, digits and underscores, starting with a letter: nothing else may reach the SOQL text.
    static func isAPIName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, CharacterSet.letters.contains(first) else { return false }
        return name.count <= 255 && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }
    }
}
