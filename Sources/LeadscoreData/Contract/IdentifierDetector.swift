import Foundation

/// Recognises a column that names each row rather than describing it: a UUID, a Salesforce Id, a
/// sequential lead number, an "L-000123" code.
///
/// Such a column is unique per row, so as a feature it either carries nothing or, worse, carries
/// time: a sequential number rises with creation, and a model that learns "high lead numbers convert
/// less" has learned the label's maturity, not the lead. Uniqueness alone is not enough to call a
/// column an identifier — revenue, durations and e-mail addresses are nearly unique too — so the
/// values must also have an identifier's shape (UUID, long hexadecimal, a Salesforce Id with a valid
/// checksum, a code with a fixed prefix) or be whole numbers that rise (or fall) with the row order
/// or with the creation date. Personal data is the drafter's business and is screened out there.
///
/// Values are observed one row at a time, in file order, as the contract drafter reads its sample.
struct IdentifierDetector {
    /// Why a column was taken for an identifier.
    struct Finding: Sendable, Equatable {
        /// In words, for the draft's remarks and the field's note.
        var reason: String
        /// Every sampled row has a value, so the column could serve as the contract's `id_field`.
        var complete: Bool
    }

    /// Fewer rows than this prove nothing about uniqueness.
    static let minimumRows = 50
    /// Distinct values among non-missing ones, and the share of values that must have a shape.
    static let minimumShare = 0.98
    /// Neighbouring values (in row or creation order) that must move the same way for a sequence.
    static let minimumMonotoneShare = 0.95
    /// Comparisons needed before a sequence is believed.
    static let minimumComparisons = 25

    private let rowLimit: Int
    private var rows = 0
    private var nonEmpty = 0
    private var seen: Set<String> = []
    private var duplicates = 0
    /// Too many repeats for the rest of the sample to make the column unique: stop tracking.
    private var givenUp = false
    private var uuids = 0, hexadecimals = 0, salesforceIds = 0, codes = 0, numbered = 0
    private var firstCode: (value: String, prefix: String)?
    private var codesWithFirstPrefix = 0
    /// Per row: the value's number (a whole number, or a code's digits), for the sequence tests.
    private var sequenceNumbers: [Double?] = []

    /// `rowLimit`: the most rows the caller will observe, which bounds how many repeats a unique
    /// column can have.
    init(rowLimit: Int) {
        self.rowLimit = rowLimit
    }

    mutating func observe(_ raw: String) {
        rows += 1
        // Placeholders ("N/A", "--None--") are gaps, as the type guess treats them, not repeated values.
        let value = FieldParser.trimmed(raw)
        guard !MissingValues.standard.isMissing(value) else {
            if !givenUp { sequenceNumbers.append(nil) }
            return
        }
        nonEmpty += 1
        guard !givenUp else { return }
        if !seen.insert(value).inserted {
            duplicates += 1
            if Double(duplicates) > (1 - Self.minimumShare) * Double(rowLimit) {
                givenUp = true
                seen = []
                sequenceNumbers = []
                return
            }
        }
        if Self.isUUID(value) { uuids += 1 }
        if value.count >= 16, value.allSatisfy(\.isHexDigit) { hexadecimals += 1 }
        if SalesforceId.isValid(value), value.contains(where: \.isNumber) { salesforceIds += 1 }
        var number: Double?
        if let code = Self.code(value) {
            codes += 1
            number = code.number
            if firstCode == nil { firstCode = (value, code.prefix) }
            if code.prefix == firstCode?.prefix { codesWithFirstPrefix += 1 }
        } else if let whole = FieldParser.parseNumber(value), whole.rounded() == whole {
            number = whole
        }
        if number != nil { numbered += 1 }
        sequenceNumbers.append(number)
    }

    /// Whether the observed column is an identifier, and why. `createdTimes` holds the creation
    /// time of each observed row (same order), when the sample has a creation column.
    func finding(createdTimes: [Double?]?) -> Finding? {
        guard !givenUp, nonEmpty >= Self.minimumRows,
              Double(nonEmpty - duplicates) >= Self.minimumShare * Double(nonEmpty) else { return nil }
        let needed = Self.minimumShare * Double(nonEmpty)
        let complete = nonEmpty == rows
        if Double(uuids) >= needed { return Finding(reason: "unique UUIDs", complete: complete) }
        if Double(salesforceIds) >= needed { return Finding(reason: "unique Salesforce record Ids", complete: complete) }
        if Double(hexadecimals) >= needed {
            return Finding(reason: "unique hexadecimal strings of 16 or more characters", complete: complete)
        }
        if Double(codesWithFirstPrefix) >= needed, let firstCode {
            return Finding(reason: "unique codes like '\(firstCode.value)'", complete: complete)
        }
        guard Double(numbered) >= needed else { return nil }
        let kind = Double(codes) >= needed ? "codes" : "whole numbers"
        if let direction = Self.direction(of: sequenceNumbers.compactMap { $0 }) {
            return Finding(reason: "unique \(kind) that \(direction) with the row order, a sequence number", complete: complete)
        }
        if let createdTimes, createdTimes.count == sequenceNumbers.count {
            let pairs = zip(createdTimes, sequenceNumbers).compactMap { time, number in time.flatMap { t in number.map { (t, $0) } } }
            // Only steps between different creation times count: rows created together may come in any order.
            var ordered: [Double] = []
            var previousTime: Double?
            for (time, number) in pairs.enumerated().sorted(by: { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) })
                .map(\.element) where time != previousTime {
                ordered.append(number)
                previousTime = time
            }
            if let direction = Self.direction(of: ordered) {
                return Finding(reason: "unique \(kind) that \(direction) with the creation date, a sequence number",
                               complete: complete)
            }
        }
        return nil
    }

    /// "rise" or "fall" when nearly every step between neighbours goes that way.
    private static func direction(of numbers: [Double]) -> String? {
        var up = 0, down = 0
        for (previous, next) in zip(numbers, numbers.dropFirst()) {
            if next > previous { up += 1 } else if next < previous { down += 1 }
        }
        let steps = numbers.count - 1
        guard steps >= minimumComparisons else { return nil }
        if Double(up) >= minimumMonotoneShare * Double(steps) { return "rise" }
        if Double(down) >= minimumMonotoneShare * Double(steps) { return "fall" }
        return nil
    }

    /// 8-4-4-4-12 hexadecimal digits.
    private static func isUUID(_ value: String) -> Bool {
        let groups = value.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// A code: up to 12 ASCII letters with an optional separator, then digits ("L-000123", "INV42"),
    /// or digits with a leading zero ("000123"), which no quantity is written with.
    private static func code(_ value: String) -> (prefix: String, number: Double)? {
        let letters = value.prefix { $0.isASCII && $0.isLetter }
        var rest = value.dropFirst(letters.count)
        var prefix = String(letters)
        if !letters.isEmpty, let separator = rest.first, "-_#/.:".contains(separator) {
            prefix.append(separator)
            rest = rest.dropFirst()
        }
        guard letters.count <= 12, !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }),
              !letters.isEmpty || (rest.count >= 3 && rest.first == "0"),
              let number = Double(rest) else { return nil }
        return (prefix, number)
    }
}
