import Testing
@testable import LeadscoreData

/// Per-row work spread over the cores keeps the input's order and covers every row exactly once.
struct ParallelRowsTests {
    @Test(arguments: [0, 1, ParallelRows.minimumParallel - 1, ParallelRows.minimumParallel, 10_007])
    func mapKeepsOrder(count: Int) {
        #expect(ParallelRows.map(count) { "row \($0)" } == (0..<count).map { "row \($0)" })
    }

    @Test(arguments: [1, 600, 10_007])
    func slicesCoverEveryRowOnce(count: Int) {
        let visits = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        visits.initialize(repeating: 0)
        defer { visits.deallocate() }
        nonisolated(unsafe) let shared = visits
        ParallelRows.forEachSlice(count) { rows in
            for row in rows { shared[row] += 1 }
        }
        #expect(visits.allSatisfy { $0 == 1 })
    }
}
