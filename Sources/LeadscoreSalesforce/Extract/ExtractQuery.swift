import Foundation
import LeadscoreData

/// The SOQL an extract runs, built from the data contract and the org's describe.
///
/// Only what the snapshot keeps is read: personal data the contract drops without deriving anything
/// is never selected (its column is staged empty), so it never leaves Salesforce. Rows are ordered by
/// creation and id, so the same org data always stages the same file whichever API delivers it.
public struct ExtractQuery: Sendable, Equatable {
    /// The object queried (the contract's `object`, `Lead` today).
    public let object: String
    /// Staged columns in contract order: every contract field, selected or not.
    public let columns: [String]
    /// Contract fields read from Salesforce, in contract order.
    public let selectedFields: [String]
    /// The window condition (`CreatedDate >= … AND CreatedDate < …`), if any.
    public let condition: String?
    /// The whole statement, stored verbatim in the snapshot manifest.
    public let soql: String
    /// The same filter as `SELECT COUNT()`, to choose REST or Bulk before extracting.
    public let countSOQL: String

    /// Checks the contract against the describe and builds the query.
    ///
    /// Throws one error listing every contract field the integration user cannot read.
    public init(contract: DataContract, describe: SalesforceDescribe, from: Double?, to: Double?) throws {
        let available = Dictionary(describe.fields.map { ($0.name.lowercased(), $0.name) }, uniquingKeysWith: { first, _ in first })
        let missing = contract.fields.map(\.name).filter { available[$0.lowercased()] == nil }
        if !missing.isEmpty {
            throw InputError(
                source: "\(describe.name) describe", field: missing.joined(separator: ", "),
                problem: "\(missing.count == 1 ? "is" : "are") not visible to the integration user "
                    + "(the field does not exist, or field-level security hides it)",
                fix: "grant Read on \(missing.map { "\(describe.name).\($0)" }.joined(separator: ", ")) in the integration "
                    + "user's permission set, or remove \(missing.count == 1 ? "it" : "them") from the contract")
        }
        object = contract.object
        columns = contract.fields.map(\.name)
        selectedFields = contract.fields.filter { !$0.pii || $0.piiAction == .hash || !$0.derive.isEmpty }
            .map { available[$0.name.lowercased()] ?? $0.name }
        var clauses: [String] = []
        if let created = contract.createdField {
            if let from { clauses.append("\(created) >= \(SalesforceDate.formatDateTime(from))") }
            if let to { clauses.append("\(created) < \(SalesforceDate.formatDateTime(to))") }
        }
        condition = clauses.isEmpty ? nil : clauses.joined(separator: " AND ")
        let whereClause = condition.map { " WHERE \($0)" } ?? ""
        let ordering = [contract.createdField, contract.idField].compactMap { $0 }
        let orderClause = ordering.isEmpty ? "" : " ORDER BY " + ordering.joined(separator: ", ")
        soql = "SELECT \(selectedFields.joined(separator: ", ")) FROM \(object)\(whereClause)\(orderClause)"
        countSOQL = Self.countVersion(of: soql)
    }

    /// `SELECT COUNT() FROM …` with the same filter as `soql` (ordering dropped).
    public static func countVersion(of soql: String) -> String {
        guard let from = soql.range(of: " FROM ") else { return soql }
        var rest = String(soql[from.lowerBound...])
        if let order = rest.range(of: " ORDER BY ") { rest = String(rest[..<order.lowerBound]) }
        return "SELECT COUNT()" + rest
    }

    /// The field-history query for the fields that may be rebuilt as of the observation point:
    /// every change made to a lead created in the window (a change after the window still matters,
    /// since values are walked back from today's).
    public func historySOQL(fields: [String], createdField: String?, from: Double?) -> String {
        let quoted = fields.map { "'\($0)'" }.joined(separator: ", ")
        var clauses = ["Field IN (\(quoted))"]
        if createdField != nil, let from { clauses.append("CreatedDate >= \(SalesforceDate.formatDateTime(from))") }
        return "SELECT \(FieldHistory.exportColumns.joined(separator: ", ")) FROM \(object)History WHERE "
            + clauses.joined(separator: " AND ") + " ORDER BY LeadId, CreatedDate"
    }
}
