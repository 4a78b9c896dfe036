/// Which slice of a snapshot a row belongs to.
public enum DataSplit: String, Sendable, Codable, CaseIterable {
    case train, validation, test
}

/// How rows are divided into train, validation and test.
///
/// With a creation date the split is temporal (the newest rows are the test slice, as in
/// production); without one it is random, stratified by label, or by row position when the contract
/// says `split: row_order`, and the manifest says which. The random
/// split takes the same shares per class and scatters each slice evenly over the export's row order
/// (see `SplitAssigner`); a `.dates` plan falls back to 0.70 / 0.15 / 0.15 there.
public enum SplitPlan: Sendable, Equatable {
    /// Shares of rows, oldest first: e.g. 0.70 / 0.15 and the rest test.
    case fractions(train: Double, validation: Double)
    /// Validation starts at the first date, test at the second (seconds since epoch).
    case dates(validationStart: Double, testStart: Double)

    public static let standard = SplitPlan.fractions(train: 0.70, validation: 0.15)

    /// Parses `0.7,0.15,0.15` (fractions) or `2024-10-01,2025-01-01` (validation and test start dates).
    public init(argument: String) throws {
        let parts = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = parts.compactMap(Double.init)
        if numbers.count == parts.count, parts.count == 3 || parts.count == 2 {
            let test = parts.count == 3 ? numbers[2] : 1 - numbers[0] - numbers[1]
            guard numbers.allSatisfy({ $0 > 0 && $0 < 1 }), test > 0, abs(numbers[0] + numbers[1] + test - 1) < 1e-6 else {
                throw InputError(source: "--split", problem: "'\(argument)' are not three positive shares adding up to 1",
                                 fix: "use e.g. 0.7,0.15,0.15")
            }
            self = .fractions(train: numbers[0], validation: numbers[1])
            return
        }
        let dates = parts.compactMap(SalesforceDate.parse)
        guard dates.count == 2, parts.count == 2, dates[0] < dates[1] else {
            throw InputError(source: "--split", problem: "'\(argument)' is neither shares nor two increasing dates",
                             fix: "use shares (0.7,0.15,0.15) or validation and test start dates (2024-10-01,2025-01-01)")
        }
        self = .dates(validationStart: dates[0], testStart: dates[1])
    }
}
