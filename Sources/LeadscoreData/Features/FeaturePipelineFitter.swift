import Foundation

/// Fits a `FeaturePipeline` to the training rows of a table, following the contract.
///
/// Only fields the contract allows at scoring time are used; personal data only through its derived,
/// non-identifying columns; ids, the creation date and the label never.
public enum FeaturePipelineFitter {
    public static func fit(table: LeadTable, contract: DataContract, trainingRows: [Int]) -> FeaturePipeline {
        let options = contract.features
        var steps: [FeatureStep] = []
        let neverFeatures: Set<String> = contract.labelFieldNames
            .union([contract.idField, contract.createdField].compactMap { $0 })
        for field in contract.fields where field.scoring == .allowed && !neverFeatures.contains(field.name) {
            for derivation in field.derive {
                let column = derivation.columnName(for: field.name)
                guard let data = table.column(column) else { continue }
                steps.append(oneHot(column: column, field: field.name, data: data, rows: trainingRows, options: options))
            }
            guard !field.pii, let data = table.column(field.name) else { continue }
            switch field.type {
            case .number, .integer:
                steps.append(numeric(field: field, data: data, rows: trainingRows))
            case .boolean:
                steps.append(FeatureStep(kind: .flag, column: field.name, sourceField: field.name,
                                         missingIndicator: field.missing == .indicator))
            case .date, .datetime:
                steps.append(FeatureStep(kind: .recency, column: field.name, sourceField: field.name, missingIndicator: true))
            case .picklist, .string, .email:
                steps.append(oneHot(column: field.name, field: field.name, data: data, rows: trainingRows, options: options))
                if field.name == options.leadSourceField, !options.leadSourceGroups.isEmpty {
                    steps.append(FeatureStep(kind: .sourceGroup, column: field.name, sourceField: field.name,
                                             groups: options.leadSourceGroups))
                }
            case .multipicklist:
                steps.append(multiHot(field: field, data: data, rows: trainingRows, options: options))
            case .phone, .id:
                continue
            }
        }
        return FeaturePipeline(steps: steps, observationDays: options.observationDays, createdField: contract.createdField)
    }

    private static func numeric(field: FieldSpec, data: TableColumn, rows: [Int]) -> FeatureStep {
        var values: [Double] = []
        values.reserveCapacity(rows.count)
        for row in rows {
            if let number = data.value(at: row).numeric { values.append(number) }
        }
        values.sort()
        let median: Double? = values.isEmpty ? nil
            : values.count % 2 == 1 ? values[values.count / 2]
            : (values[values.count / 2 - 1] + values[values.count / 2]) / 2
        return FeatureStep(kind: .numeric, column: field.name, sourceField: field.name,
                           missingIndicator: field.missing == .indicator, missingIsZero: field.missing == .zero,
                           median: field.missing == .zero ? 0 : median)
    }

    private static func oneHot(column: String, field: String, data: TableColumn, rows: [Int],
                               options: FeatureOptions) -> FeatureStep {
        var counts: [String: Int] = [:]
        for row in rows {
            if case let .text(text) = data.value(at: row) { counts[text, default: 0] += 1 }
        }
        return FeatureStep(kind: .oneHot, column: column, sourceField: field,
                           levels: frequentLevels(counts, options: options))
    }

    private static func multiHot(field: FieldSpec, data: TableColumn, rows: [Int], options: FeatureOptions) -> FeatureStep {
        var counts: [String: Int] = [:]
        for row in rows {
            if case let .text(text) = data.value(at: row) {
                for part in MultiSelect.values(of: text) { counts[part, default: 0] += 1 }
            }
        }
        return FeatureStep(kind: .multiHot, column: field.name, sourceField: field.name,
                           levels: frequentLevels(counts, options: options))
    }

    /// Values seen at least `minCategoryCount` times, the `maxCategories` most frequent, ties by name.
    static func frequentLevels(_ counts: [String: Int], options: FeatureOptions) -> [String] {
        counts.filter { $0.value >= options.minCategoryCount }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(options.maxCategories)
            .map(\.key)
    }
}

/// Multi-select picklist values (`A;B`): their selections, and the one form snapshots and scoring store.
public enum MultiSelect {
    /// The selections of a multi-select picklist value (`"A; B;C"`), each without surrounding blanks
    /// (spaces and tabs, as `CharacterSet.whitespaces`), empty ones dropped. Runs on every lead scored,
    /// hence no Foundation string bridging.
    public static func values(of text: String) -> [String] {
        ASCIIText.withBytes(of: text, asciiValues) ?? unicodeValues(text)
    }

    /// `unicodeValues` on ASCII text, by bytes: there every character is one byte (or `\r\n`, which is
    /// neither a separator nor a blank), so splitting and trimming bytes is splitting and trimming characters.
    private static func asciiValues(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        let (separator, space, tab) = (UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "\t"))
        var values: [String] = []
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == separator {
            var (low, high) = (start, index)
            while low < high, bytes[low] == space || bytes[low] == tab { low += 1 }
            while high > low, bytes[high - 1] == space || bytes[high - 1] == tab { high -= 1 }
            if low < high { values.append(String(decoding: bytes[low..<high], as: UTF8.self)) }
            start = index + 1
        }
        return values
    }

    static func unicodeValues(_ text: String) -> [String] {
        text.split(separator: ";").compactMap { part in
            var selection = part[...]
            while let first = selection.first, isBlank(first) { selection.removeFirst() }
            while let last = selection.last, isBlank(last) { selection.removeLast() }
            return selection.isEmpty ? nil : String(selection)
        }
    }

    /// The stored form: selections sorted, joined by `;` (`"B; A"` → `"A;B"`), so equal choices compare equal.
    public static func canonical(_ text: String) -> String {
        values(of: text).sorted().joined(separator: ";")
    }

    private static func isBlank(_ character: Character) -> Bool {
        character == " " || character == "\t"
            || character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .spaceSeparator }
    }
}

