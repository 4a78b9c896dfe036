import Foundation

/// Drafts a contract from what an admin already has — a Lead `describe` response or a CSV export —
/// with known leakage fields, personal data and the label pre-marked. The admin reviews the draft.
public enum ContractDrafter {
    /// A draft and the remarks an admin should read before using it.
    public struct Draft: Sendable {
        public var contract: DataContract
        public var remarks: [String]
    }

    /// From a describe response: types, picklist values and labels come from Salesforce itself.
    public static func draft(fromDescribe describe: SalesforceDescribe, name: String) -> Draft {
        var remarks: [String] = []
        var fields: [FieldSpec] = []
        for field in describe.fields {
            guard let type = FieldType(describeType: field.type) else {
                remarks.append("skipped \(field.name): describe type '\(field.type)' cannot be a feature")
                continue
            }
            var spec = FieldSpec(name: field.name, label: field.label, type: type)
            if type == .picklist || type == .multipicklist {
                spec.values = (field.picklistValues ?? []).filter { $0.active ?? true }.map(\.value)
            }
            DraftRanges.applyDateRange(to: &spec)
            if DraftRanges.nonNegative.contains(field.name), type == .number || type == .integer { spec.minimum = 0 }
            fields.append(spec)
        }
        if fields.contains(where: { ($0.type == .number || $0.type == .integer) && $0.maximum == nil }) {
            remarks.append("numeric fields have no max (a describe response holds no values): add `min:`/`max:` "
                + "where you know them, or draft from a CSV export, which proposes them from the data")
        }
        let missingValues = placeholders(sparing: fields, remarks: &remarks)
        return finish(fields, name: name, remarks: remarks, missingValues: missingValues)
    }

    /// The default placeholders less any that a picklist offers as a choice. An org whose picklist has
    /// "N/A" means it as an answer, and the validator refuses a placeholder that is also an allowed value
    /// (the value would never be seen), so the draft keeps the value and says what that costs elsewhere.
    private static func placeholders(sparing fields: [FieldSpec], remarks: inout [String]) -> MissingValues {
        var kept: [String] = []
        for placeholder in MissingValues.defaultPlaceholders {
            let folded = MissingValues.fold(placeholder)
            let offering = fields.filter { field in field.values.contains { MissingValues.fold($0) == folded } }.map(\.name)
            guard !offering.isEmpty else {
                kept.append(placeholder)
                continue
            }
            remarks.append("'\(placeholder)' left out of missing_values: it is an allowed value of "
                + "\(offering.joined(separator: ", ")); in other fields it now reads as a value, not as missing")
        }
        return MissingValues(kept)
    }

    /// From a CSV export: column names mapped to API names, types inferred from up to `sampleRows` rows,
    /// identifier columns (UUIDs, sequence numbers, …) kept out of features. The delimiter is detected
    /// unless `delimiter` fixes it (a user's `--delimiter`, for a file the detection cannot settle).
    public static func draft(fromCSV url: URL, name: String, sampleRows: Int = 50_000,
                             delimiter: CSVDelimiterChoice = .detect) throws -> Draft {
        let reader = try CSVReader(url: url, delimiter: delimiter)
        var columns = reader.header.map { ColumnSample(header: $0) }
        var identifiers = reader.header.map { _ in IdentifierDetector(rowLimit: sampleRows) }
        // Creation times per row, for identifiers that rise with creation rather than with row order.
        let createdColumn = reader.header.firstIndex { KnownSalesforceFields.apiName(forHeader: $0) == "CreatedDate" }
        var createdTimes: [Double?] = []
        var rows = 0
        while rows < sampleRows, let record = try reader.next() {
            // A row the reader hands back has exactly one value per header column.
            guard case let .row(row) = record else { continue }
            for (index, value) in row.values.enumerated() {
                columns[index].observe(value)
                identifiers[index].observe(value)
            }
            createdTimes.append(createdColumn.flatMap { SalesforceDate.parse(FieldParser.trimmed(row.values[$0])) })
            rows += 1
        }
        var remarks: [String] = []
        var fields: [FieldSpec] = []
        var used: Set<String> = []
        for column in columns {
            var apiName = mappedName(of: column, remarks: &remarks)
            if used.contains(apiName) {
                remarks.append("column '\(column.header)' maps to \(apiName) twice; kept as \(apiName)_2")
                apiName += "_2"
            }
            used.insert(apiName)
            if apiName != column.header {
                remarks.append("column '\(column.header)' → \(apiName)")
            }
            var spec = FieldSpec(name: apiName, label: apiName == column.header ? nil : column.header,
                                 type: column.inferredType(name: apiName))
            if spec.type == .picklist || spec.type == .multipicklist { spec.values = column.topValues(spec.type) }
            if spec.type == .number || spec.type == .integer, column.lowest <= column.highest {
                (spec.minimum, spec.maximum) = DraftRanges.numeric(lowest: column.lowest, highest: column.highest)
            }
            DraftRanges.applyDateRange(to: &spec)
            fields.append(spec)
        }
        if rows == 0 { remarks.append("the CSV has no data rows: every type was drafted as string") }
        let createdIsTemporal = createdColumn.map { fields[$0].name == "CreatedDate" && fields[$0].type.isTemporal } ?? false
        let found = zip(fields, identifiers).compactMap { field, detector in
            detector.finding(createdTimes: createdIsTemporal ? createdTimes : nil).map { (field: field.name, finding: $0) }
        }
        var draft = finish(fields, name: name, remarks: remarks, identifiers: found)
        if draft.contract.createdField == nil {
            // Only the admin knows whether rows are in time order; a wrong guess either way misleads the split.
            draft.remarks.append("if this export is sorted by time (oldest first), add `split: row_order` so validation "
                + "and test are its latest rows")
        }
        return draft
    }

    /// The API name for a column: the standard field its header is the report label of, but only
    /// when the values fit that field's type ("Converted Date" holding picklist text is not the
    /// standard date, and mapping it would drop it as leakage); otherwise a sanitised custom name.
    private static func mappedName(of column: ColumnSample, remarks: inout [String]) -> String {
        let apiName = KnownSalesforceFields.apiName(forHeader: column.header)
        guard column.nonEmpty > 0, let standard = KnownSalesforceFields.standardField(forLabel: column.header) else {
            return apiName
        }
        let observed = column.inferredType(name: standard)
        guard !KnownSalesforceFields.values(observed, fit: standard) else { return apiName }
        let custom = KnownSalesforceFields.customName(forHeader: column.header)
        remarks.append("column '\(column.header)' is the label of the standard field \(standard), but its values read as "
            + "\(observed.rawValue), not \(KnownSalesforceFields.standardTypes[standard]?.rawValue ?? "its type"): "
            + "kept as the custom field \(custom); if it is \(standard), fix the export and draft again")
        return custom
    }

    /// Marks PII, leakage and exclusions, and picks the label, id and creation fields.
    private static func finish(_ drafted: [FieldSpec], name: String, remarks initial: [String],
                               identifiers: [(field: String, finding: IdentifierDetector.Finding)] = [],
                               missingValues: MissingValues = .standard) -> Draft {
        var remarks = initial
        var fields = drafted
        let names = Set(fields.map(\.name))
        let labelField = ["IsConverted", "Converted", "Is_Converted", "Converted__c", "Won", "Label", "Target", "Outcome"]
            .first { candidate in fields.contains { $0.name == candidate && $0.type == .boolean } }
            ?? fields.first { $0.type == .boolean && $0.name.lowercased().contains("convert") }?.name
        let dateField = names.contains("ConvertedDate") ? "ConvertedDate" : nil
        let createdField = fields.first { $0.name == "CreatedDate" && $0.type.isTemporal }?.name
        var idField = fields.first { $0.name == "Id" && ($0.type == .id || $0.type == .string) }?.name

        for index in fields.indices {
            let field = fields[index].name
            if KnownSalesforceFields.personalData.contains(field) || fields[index].type == .email || fields[index].type == .phone {
                fields[index].pii = true
                fields[index].explain = false
                if fields[index].type == .email {
                    // Reasons can name the derived domain class; the address itself never leaves ingest.
                    fields[index].explain = true
                    fields[index].piiAction = .hash
                    fields[index].derive = [.emailDomainClass]
                    fields[index].scoring = .allowed
                } else if field == "Title" {
                    fields[index].derive = [.titleSeniority, .titleFunction]
                    fields[index].explain = true
                } else {
                    fields[index].scoring = .excluded
                }
            }
            if let reason = KnownSalesforceFields.leakage[field] {
                fields[index].scoring = .leakage
                fields[index].explain = false
                fields[index].note = reason
            } else if KnownSalesforceFields.isLeadscoreOutput(field) {
                fields[index].scoring = .leakage
                fields[index].explain = false
                fields[index].note = "written by leadscore itself"
            } else if KnownSalesforceFields.excluded.contains(field) || (fields[index].type == .id && !fields[index].pii) {
                fields[index].scoring = .excluded
                fields[index].explain = false
            }
            if field == labelField || field == dateField {
                fields[index].scoring = .leakage
                fields[index].explain = false
                fields[index].note = fields[index].note ?? "part of the label definition"
            }
            if field == idField || field == createdField {
                fields[index].required = true
            }
            if field == createdField {
                fields[index].scoring = .excluded
                fields[index].explain = false
                fields[index].note = "the scoring moment; used for splits, windows and recency"
            }
        }
        excludeIdentifiers(identifiers, from: &fields, idField: &idField, remarks: &remarks)
        if labelField == nil {
            remarks.append("no yes/no label column found: set label.field to the column that says whether the lead converted")
        }
        if createdField == nil {
            remarks.append("no CreatedDate: splits will be stratified random, not temporal, and labels have no window")
        }
        var options = FeatureOptions()
        if let source = fields.first(where: { $0.name == "LeadSource" }) {
            options.leadSourceField = source.name
            options.leadSourceGroups = defaultSourceGroups(present: source.values)
        }
        let contract = DataContract(
            name: name, idField: idField, createdField: createdField,
            label: LabelDefinition(field: labelField ?? "CHANGE_ME", dateField: dateField,
                                   windowDays: createdField == nil ? nil : 90),
            fields: fields, features: options, missingValues: missingValues)
        return Draft(contract: contract, remarks: remarks)
    }

    /// Keeps identifier columns out of features, with a note saying why, and offers the first
    /// complete one as `id_field` when the draft has none. Personal data and leakage fields keep
    /// the stronger treatment they already have.
    private static func excludeIdentifiers(_ identifiers: [(field: String, finding: IdentifierDetector.Finding)],
                                           from fields: inout [FieldSpec], idField: inout String?, remarks: inout [String]) {
        for (field, finding) in identifiers where field != idField {
            guard let index = fields.firstIndex(where: { $0.name == field }),
                  !fields[index].pii, fields[index].scoring != .leakage else { continue }
            fields[index].scoring = .excluded
            fields[index].explain = false
            fields[index].note = "an identifier (\(finding.reason)): it names the lead, it does not describe it"
            if fields[index].type != .id {
                // Identifiers are names, not quantities; as text any value is accepted, and an id_field must be text.
                fields[index].type = .string
                fields[index].values = []
                fields[index].missing = MissingPolicy.defaultPolicy(for: .string)
                (fields[index].minimum, fields[index].maximum) = (nil, nil)
            }
            remarks.append("\(field) looks like an identifier (\(finding.reason)): excluded from features")
            if idField == nil, finding.complete {
                idField = field
                fields[index].required = true
                remarks.append("\(field) offered as id_field: check that it names each lead once and never changes")
            }
        }
    }

    /// A common lead-source taxonomy, limited to the values the org has (or all when unknown).
    static func defaultSourceGroups(present: [String]) -> [SourceGroup] {
        let taxonomy: [SourceGroup] = [
            SourceGroup(name: "Referral", sources: ["Partner Referral", "Employee Referral", "External Referral", "Word of mouth", "Partner"]),
            SourceGroup(name: "Inbound", sources: ["Web", "Webinar", "Phone Inquiry", "Seminar - Internal", "Public Relations"]),
            SourceGroup(name: "Events", sources: ["Trade Show", "Seminar - Partner"]),
            SourceGroup(name: "Outbound", sources: ["Purchased List", "Advertisement", "Cold Call"]),
        ]
        guard !present.isEmpty else { return taxonomy }
        let known = Set(present)
        return taxonomy.compactMap { group in
            let sources = group.sources.filter(known.contains)
            return sources.isEmpty ? nil : SourceGroup(name: group.name, sources: sources)
        }
    }
}
