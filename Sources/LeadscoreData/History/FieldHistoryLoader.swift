import Foundation

extension FieldHistory {
    /// The columns a history CSV carries, in the order Salesforce lists them. `Id` is optional (it
    /// orders changes made in the same second); the others are required.
    public static let exportColumns = ["Id", "LeadId", "CreatedDate", "Field", "OldValue", "NewValue"]

    /// Reads the LeadHistory CSV at `url` (see ``FieldHistoryLoader``). `description` replaces the
    /// manifest's default one (a CSV file with its SHA-256), e.g. to record a Salesforce extract's query.
    /// A user's export may come from Excel, so its delimiter is detected unless `delimiter` fixes it
    /// (an extract's staged file is Salesforce's comma-separated CSV).
    public static func load(from url: URL, description: SourceDescription? = nil,
                            delimiter: CSVDelimiterChoice = .detect) throws -> FieldHistory {
        let reader = try CSVReader(url: url, delimiter: delimiter)
        let source = try description ?? CSVFileSource(url: url, delimiter: delimiter).describe()
        return try FieldHistoryLoader.read(reader, source: source)
    }

    /// Reads LeadHistory CSV text already in memory (tests, small uploads).
    public static func parse(text: String, sourceName: String = "LeadHistory.csv") throws -> FieldHistory {
        let reader = try CSVReader(text: text, sourceName: sourceName)
        return try FieldHistoryLoader.read(reader, source: SourceDescription(
            kind: "csv", location: sourceName, sha256: Checksum.sha256Hex(text), bytes: text.utf8.count))
    }

    /// The contract fields a snapshot may rebuild from history: all but the id, the creation time and
    /// the label's flag and date, which define the lead and its outcome. An extract asks the org for
    /// the history of these fields only.
    public static func reconstructableFields(of contract: DataContract) -> [String] {
        let fixed = contract.labelFieldNames.union([contract.idField, contract.createdField].compactMap { $0 })
        return contract.fields.map(\.name).filter { !fixed.contains($0) }
    }
}

/// Reads a LeadHistory CSV into a ``FieldHistory``, validating every row.
///
/// Columns may come in any order and with Data Loader's upper-case headers (`LEADID`) or a report's
/// labels (`Lead ID`, `Edit Date`, `Field / Event`, `Old Value`, `New Value`). `LeadId`, `CreatedDate`,
/// `Field`, `OldValue` and `NewValue` are required; `Id` is optional and orders changes made in the
/// same second. A row that cannot be used (malformed, not a Lead Id, not a date, no field) is left
/// out and reported by line, as the CSV reader does; reading goes on.
enum FieldHistoryLoader {
    /// How many rejected rows keep their full problem (the count covers them all).
    static let problemLimit = 20

    /// One good row before sorting: the lead and history Id as keys, the field and values interned.
    private struct PendingChange {
        var lead: Int32
        var id: FieldHistory.IdKey
        var change: FieldHistory.StoredChange
    }

    static func read(_ reader: CSVReader, source: SourceDescription) throws -> FieldHistory {
        let columns = try Columns(header: reader.header, sourceName: reader.sourceName)
        var fieldIndex: [String: Int32] = [:], names: [String] = []
        var valueIndex: [String: Int32] = ["": 0], values = [""]
        var leadIndex: [FieldHistory.IdKey: Int32] = [:]
        var pending: [PendingChange] = []
        var problems: [InputError] = [], rejected = 0
        func reject(_ line: Int, _ field: String?, _ problem: String, _ fix: String) {
            rejected += 1
            if problems.count < problemLimit {
                problems.append(InputError(source: reader.sourceName, line: line, field: field, problem: problem, fix: fix))
            }
        }
        func intern(_ text: String) -> Int32 {
            if let index = valueIndex[text] { return index }
            values.append(text)
            valueIndex[text] = Int32(values.count - 1)
            return Int32(values.count - 1)
        }

        while let record = try reader.next() {
            let row: CSVRow
            switch record {
            case let .malformed(problem):
                reject(problem.line, nil, problem.reason, "repair the row or export the history again")
                continue
            case let .row(good):
                row = good
            }
            let leadId = FieldParser.trimmed(row.values[columns.leadId])
            guard SalesforceId.isValid(leadId), let leadKey = FieldHistory.IdKey(leadId) else {
                reject(row.line, "LeadId", "'\(leadId.prefix(40))' is not a 15- or 18-character Lead Id",
                       "export LeadId unchanged (a spreadsheet may have re-typed it)")
                continue
            }
            let timeText = FieldParser.trimmed(row.values[columns.createdDate])
            guard let time = SalesforceDate.parse(timeText) else {
                reject(row.line, "CreatedDate", "'\(timeText.prefix(40))' is not a date and time",
                       "export CreatedDate as Salesforce writes it, e.g. 2025-03-04T15:22:10.000+0000")
                continue
            }
            let field = FieldParser.trimmed(row.values[columns.field])
            guard !field.isEmpty else {
                reject(row.line, "Field", "is empty", "every history row names the field it changed; export the history again")
                continue
            }
            var id = FieldHistory.IdKey.none
            if let idColumn = columns.id, case let text = FieldParser.trimmed(row.values[idColumn]), !text.isEmpty {
                guard SalesforceId.isValid(text), let key = FieldHistory.IdKey(text) else {
                    reject(row.line, "Id", "'\(text.prefix(40))' is not a Salesforce Id",
                           "export the Id column unchanged, or leave it out")
                    continue
                }
                id = key
            }
            let fieldNumber: Int32
            if let known = fieldIndex[field.lowercased()] {
                fieldNumber = known
            } else {
                names.append(field)
                fieldNumber = Int32(names.count - 1)
                fieldIndex[field.lowercased()] = fieldNumber
            }
            let lead: Int32
            if let known = leadIndex[leadKey] {
                lead = known
            } else {
                lead = Int32(leadIndex.count)
                leadIndex[leadKey] = lead
            }
            pending.append(PendingChange(lead: lead, id: id, change: .init(
                field: fieldNumber, oldValue: intern(row.values[columns.oldValue]),
                newValue: intern(row.values[columns.newValue]), time: time)))
        }

        // Group by lead and field, then order by time, history Id and values: never by file order.
        pending.sort { left, right in
            if left.lead != right.lead { return left.lead < right.lead }
            if left.change.field != right.change.field { return left.change.field < right.change.field }
            if left.change.time != right.change.time { return left.change.time < right.change.time }
            if left.id != right.id { return left.id < right.id }
            let (leftOld, rightOld) = (values[Int(left.change.oldValue)], values[Int(right.change.oldValue)])
            if leftOld != rightOld { return leftOld < rightOld }
            return values[Int(left.change.newValue)] < values[Int(right.change.newValue)]
        }
        var offsets = [Int32](repeating: 0, count: leadIndex.count + 1)
        for change in pending { offsets[Int(change.lead) + 1] += 1 }
        for lead in 0..<leadIndex.count { offsets[lead + 1] += offsets[lead] }
        return FieldHistory(
            source: source, rowCount: pending.count, rejectedRowCount: rejected, problems: problems,
            fieldIndex: fieldIndex, names: names, values: values, leadIndex: leadIndex,
            changes: pending.map(\.change), offsets: offsets)
    }

    /// Where each column is, found by name whatever the case, spacing or punctuation.
    private struct Columns {
        var id: Int?
        var leadId: Int
        var createdDate: Int
        var field: Int
        var oldValue: Int
        var newValue: Int

        /// Accepted spellings per column, after lower-casing and removing everything but letters and digits.
        private static let aliases: [String: [String]] = [
            "Id": ["id"],
            "LeadId": ["leadid"],
            "CreatedDate": ["createddate", "editdate"],
            "Field": ["field", "fieldevent"],
            "OldValue": ["oldvalue"],
            "NewValue": ["newvalue"],
        ]

        init(header: [String], sourceName: String) throws {
            var positions: [String: Int] = [:]
            for (index, name) in header.enumerated() {
                let key = String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }
                    .map(Character.init))
                positions[key] = positions[key] ?? index
            }
            func position(_ column: String) -> Int? {
                Self.aliases[column, default: []].lazy.compactMap { positions[$0] }.first
            }
            let missing = FieldHistory.exportColumns.dropFirst().filter { position($0) == nil }
            if !missing.isEmpty {
                throw InputErrors(missing.map { column in
                    InputError(source: sourceName, line: 1, field: column, problem: "the column is missing",
                               fix: "export Lead History with Id, LeadId, CreatedDate, Field, OldValue and NewValue "
                                   + "(Data Loader: Export, object Lead History, those fields)")
                })
            }
            id = position("Id")
            leadId = position("LeadId") ?? 0
            createdDate = position("CreatedDate") ?? 0
            field = position("Field") ?? 0
            oldValue = position("OldValue") ?? 0
            newValue = position("NewValue") ?? 0
        }
    }
}
