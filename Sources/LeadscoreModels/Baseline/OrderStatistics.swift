/// The values at a few sorted positions of an unsorted array, without sorting it: a quickselect that
/// follows every wanted position at once. Nine deciles of a million values take a handful of passes
/// instead of a full sort, and a column of repeated values (a flag, a small count) is settled by the
/// first three-way partition.
enum OrderStatistics {
    /// `values` sorted ascending would hold `result[i]` at `positions[i]`. `positions` must be
    /// ascending and within `values`; `values` is reordered in place. NaN must have been removed.
    static func select(_ positions: [Int], in values: inout [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: positions.count)
        // Pivots come from a fixed generator: the answer never depends on them, only the time does, and a
        // fixed sequence keeps the time the same from run to run.
        var generator = BootstrapInterval.SplitMix64(seed: UInt64(values.count))
        values.withUnsafeMutableBufferPointer { buffer in
            var pending = [(low: 0, high: buffer.count, wanted: 0..<positions.count)]
            while let (low, high, wanted) = pending.popLast() {
                let pivot = buffer[low + Int(generator.next() % UInt64(high - low))]
                // Three-way partition of [low, high): < pivot in [low, less), == in [less, greater), > in [greater, high).
                var less = low, index = low, greater = high
                while index < greater {
                    let value = buffer[index]
                    if value < pivot {
                        buffer.swapAt(less, index)
                        less += 1
                        index += 1
                    } else if value > pivot {
                        greater -= 1
                        buffer.swapAt(index, greater)
                    } else {
                        index += 1
                    }
                }
                var below = wanted.lowerBound, above = wanted.upperBound
                while below < wanted.upperBound, positions[below] < less { below += 1 }
                while above > below, positions[above - 1] >= greater { above -= 1 }
                for item in below..<above { result[item] = pivot }
                if below > wanted.lowerBound { pending.append((low, less, wanted.lowerBound..<below)) }
                if above < wanted.upperBound { pending.append((greater, high, above..<wanted.upperBound)) }
            }
        }
        return result
    }
}
