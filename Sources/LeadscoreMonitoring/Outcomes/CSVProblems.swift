import LeadscoreData

/// The problems of a CSV export gathered over the whole file, so one run names them all: the first
/// `limit` are kept with their lines, the rest counted.
struct CSVProblems {
    let source: String
    let limit: Int
    private(set) var errors: [InputError] = []
    private(set) var total = 0

    init(source: String, limit: Int) {
        self.source = source
        self.limit = limit
    }

    mutating func add(line: Int, field: String?, problem: String, fix: String) {
        total += 1
        guard errors.count < limit else { return }
        errors.append(InputError(source: source, line: line, field: field, problem: problem, fix: fix))
    }

    /// Throws every kept problem (and a count of the others) when there is any.
    func throwIfAny() throws {
        guard total > 0 else { return }
        var shown = errors
        if total > errors.count {
            shown.append(InputError(source: source, problem: "\(total - errors.count) more rows have problems like these",
                                    fix: "fix the rows above and run again to see the rest"))
        }
        throw InputErrors(shown)
    }
}
