import LeadscoreData

extension FieldBaseline {
    /// The baseline of one table column over `rows`: numeric storage (numbers, flags, times) gives a
    /// numeric baseline, text a categorical one.
    static func build(name: String, column: TableColumn, rows: [Int]) -> FieldBaseline {
        switch column {
        case let .numeric(numbers): return numeric(name: name, values: numbers.values, rows: rows)
        case let .categorical(text): return categorical(name: name, column: text, rows: rows)
        }
    }

    /// Gathers the present values, finds the nine decile values by selection (no full sort: a million
    /// rows take a few passes), then counts the bins in one more pass.
    static func numeric(name: String, values: [Double], rows: [Int]) -> FieldBaseline {
        var present: [Double] = []
        present.reserveCapacity(rows.count)
        var minimum = Double.infinity, maximum = -Double.infinity
        for row in rows {
            let value = values[row]
            if value.isNaN { continue }
            present.append(value)
            minimum = min(minimum, value)
            maximum = max(maximum, value)
        }
        let edges = decileEdges(of: &present, maximum: maximum)
        var counts = [Int](repeating: 0, count: edges.count + 2)
        for value in present { counts[valueBin(value, edges: edges)] += 1 }
        counts[edges.count + 1] = rows.count - present.count
        return FieldBaseline(
            name: name, kind: .numeric, edges: edges, minimum: present.isEmpty ? nil : minimum,
            maximum: present.isEmpty ? nil : maximum,
            shares: shares(counts, total: rows.count), nullRate: share(rows.count - present.count, of: rows.count))
    }

    /// Counts each level over `rows`, gives the most frequent ones (≥ 1% of present values, at most
    /// 20) a bin each and pools the rest in `other`.
    static func categorical(name: String, column: CategoricalColumn, rows: [Int]) -> FieldBaseline {
        var levelCounts = [Int](repeating: 0, count: column.levels.count)
        var missing = 0
        for row in rows {
            let code = column.codes[row]
            if code < 0 { missing += 1 } else { levelCounts[Int(code)] += 1 }
        }
        let presentCount = rows.count - missing
        let seen = levelCounts.indices.filter { levelCounts[$0] > 0 }
        let ranked = seen.sorted {
            levelCounts[$0] != levelCounts[$1] ? levelCounts[$0] > levelCounts[$1] : column.levels[$0] < column.levels[$1]
        }
        let kept = ranked.prefix(maximumLevels).filter {
            Double(levelCounts[$0]) >= minimumLevelShare * Double(presentCount)
        }
        var counts = kept.map { levelCounts[$0] }
        counts.append(presentCount - counts.reduce(0, +))
        counts.append(missing)

        let multiSelect = column.type == .multipicklist
        var known = Set<String>()
        for code in seen {
            let level = column.levels[code]
            if multiSelect { known.formUnion(MultiSelect.values(of: level)) } else { known.insert(level) }
            if known.count > maximumKnownValues { break }
        }
        let complete = known.count <= maximumKnownValues
        return FieldBaseline(
            name: name, kind: .categorical, levels: kept.map { column.levels[$0] },
            knownValues: complete ? known.sorted() : [], knownValuesComplete: complete, multiSelect: multiSelect,
            shares: shares(counts, total: rows.count), nullRate: share(missing, of: rows.count))
    }

    /// Interior decile cut points of the present values (reordered in place), by the inverted empirical
    /// CDF (Hyndman & Fan type 1, numpy's `np.quantile(values, [0.1, …, 0.9], method="inverted_cdf")`):
    /// the decile q is the value at 0-based sorted position ⌈n·q⌉ − 1, so every edge is a training value
    /// and repeated values give repeated edges, which are dropped. An edge at the maximum is dropped too:
    /// nothing in training lies above it, and values above it are reported as out of range instead.
    ///
    /// The position is computed in floating point exactly as numpy does (`n * q - 1`, then up to the
    /// next whole position unless it already is one) so the edges agree with numpy's bit for bit.
    static func decileEdges(of present: inout [Double], maximum: Double) -> [Double] {
        guard !present.isEmpty else { return [] }
        let positions = (1...9).map { decile in
            let position = Double(present.count) * (Double(decile) / 10) - 1
            let whole = position.rounded(.down)
            return min(max(Int(whole) + (position == whole ? 0 : 1), 0), present.count - 1)
        }
        var edges: [Double] = []
        for edge in OrderStatistics.select(positions, in: &present) where edge < maximum && edges.last.map({ edge > $0 }) ?? true {
            edges.append(edge)
        }
        return edges
    }

    private static func shares(_ counts: [Int], total: Int) -> [Double] {
        counts.map { share($0, of: total) }
    }

    private static func share(_ count: Int, of total: Int) -> Double {
        total > 0 ? Double(count) / Double(total) : 0
    }
}
