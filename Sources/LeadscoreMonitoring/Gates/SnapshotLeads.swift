import Foundation
import LeadscoreData

/// Leads of a snapshot as a caller sends them to the scoring API: each field the schema asks for
/// written back as the text Flow or a CSV would carry, then read again through one bundle's own
/// contract with `LeadRecordReader`, as `leadscore score` and `POST /v1/score` read leads. Two bundles
/// with different contracts thus score the same leads, each through its own types and pipeline.
///
/// Personal data never reaches a snapshot raw, so a contract's derived values (`Title.seniority`,
/// `Email.domain_class`) are taken from the snapshot's derived columns instead of derived again.
struct SnapshotLeads {
    let table: LeadTable
    /// Table rows, in the order every reading and score keeps.
    let rows: [Int]
    /// The moment scores describe: the snapshot's as-of time, as in training.
    let dataAsOf: Double
    /// Fields the snapshot's own contract required: every row has them, personal ones included.
    let snapshotRequired: Set<String>

    /// One contract's reading of every lead.
    struct Reading {
        /// Per lead, in `rows` order: its record, or nil when the contract cannot read it.
        var records: [LeadRecord?]
        /// Why leads could not be read, `Field (not readable as number)` or `Field (required, missing)` → leads.
        var problems: [String: Int]

        var readable: Int { records.count { $0 != nil } }
        var unreadable: Int { records.count - readable }
    }

    init(snapshot: Snapshot, rows: [Int]) {
        table = snapshot.table
        self.rows = rows
        dataAsOf = SalesforceDate.parse(snapshot.manifest.window.asOf) ?? Date().timeIntervalSince1970
        snapshotRequired = Set(snapshot.contract.fields.filter(\.required).map(\.name))
    }

    func read(with contract: DataContract) -> Reading {
        let fields = APISchema.sentFields(of: contract)
        let required = APISchema.requiredFields(of: contract).map(\.name)
        var reading = Reading(records: [], problems: [:])
        reading.records.reserveCapacity(rows.count)
        for row in rows {
            let (record, problems) = record(row: row, contract: contract, fields: fields, required: required)
            reading.records.append(record)
            for problem in problems { reading.problems[problem, default: 0] += 1 }
        }
        return reading
    }

    /// The raw field texts a request for table row `row` carries under `contract` (no personal data).
    private func rawFields(row: Int, fields: [FieldSpec]) -> [String: String] {
        var raw: [String: String] = [:]
        for field in fields where !field.pii {
            if let column = table.column(field.name), let text = Self.text(column.value(at: row), as: field.type) {
                raw[field.name] = text
            }
        }
        return raw
    }

    /// What a request for table row `row` carries under `contract`: the field texts, and the derived
    /// values of personal fields (taken from the snapshot, which never kept the raw text).
    func request(row: Int, contract: DataContract) -> (raw: [String: String], derived: LeadRecord) {
        request(row: row, fields: APISchema.sentFields(of: contract))
    }

    private func request(row: Int, fields: [FieldSpec]) -> (raw: [String: String], derived: LeadRecord) {
        var derived: LeadRecord = [:]
        for field in fields where field.pii {
            for derivation in field.derive {
                let column = derivation.columnName(for: field.name)
                if let value = table.column(column)?.value(at: row), !value.isMissing { derived[column] = value }
            }
        }
        return (rawFields(row: row, fields: fields), derived)
    }

    /// The lead's record under `contract`, or nil with every reason it cannot be read.
    private func record(row: Int, contract: DataContract, fields: [FieldSpec],
                        required: [String]) -> (record: LeadRecord?, problems: [String]) {
        let (raw, derived) = request(row: row, fields: fields)
        var problems = required.filter { raw[$0] == nil && !personalValueSent(row: row, field: $0, contract: contract) }
            .map { "\($0) (required, missing)" }
        switch LeadRecordReader.record(from: raw, contract: contract) {
        case let .success(record) where problems.isEmpty:
            return (record.merging(derived) { current, _ in current }, [])
        case .success:
            return (nil, problems)
        case let .failure(errors):
            // Field names and types only: the values themselves stay out of the report.
            problems += errors.errors.map { error in
                let type = error.field.flatMap { contract.field(named: $0)?.type.rawValue } ?? "its type"
                return "\(error.field ?? "lead") (not readable as \(type))"
            }
            return (nil, problems)
        }
    }

    /// Personal data never reaches a snapshot raw, so a required personal field counts as sent when the
    /// snapshot required it too (rows without it were rejected at ingest), or kept its hash, or holds a
    /// value derived from it.
    private func personalValueSent(row: Int, field name: String, contract: DataContract) -> Bool {
        guard let field = contract.field(named: name), field.pii else { return false }
        if snapshotRequired.contains(name) { return true }
        let columns = [name] + field.derive.map { $0.columnName(for: name) }
        return columns.contains { table.column($0).map { !$0.value(at: row).isMissing } ?? false }
    }

    /// A stored value as a caller would send it for a field of `type`: numbers without a needless
    /// `.0`, flags as true/false, dates as days and datetimes in Salesforce's form (milliseconds kept).
    static func text(_ value: FieldValue, as type: FieldType) -> String? {
        switch value {
        case .missing: return nil
        case let .text(text): return text
        case let .number(number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case let .bool(flag): return flag ? "true" : "false"
        case let .time(seconds):
            return type == .date ? SalesforceDate.formatDate(seconds) : SalesforceDate.formatSalesforceDateTime(seconds)
        }
    }
}
