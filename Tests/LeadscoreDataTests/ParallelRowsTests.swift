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

    /// Jobs side by side: results in job order, every job run once, and on failure the first error in job
    /// order is thrown after all jobs have ended.
    @Test func jobsKeepOrderAndReportTheFirstFailureAfterAllRan() throws {
        #expect(ParallelJobs.map(7, workers: 2) { $0 * $0 } == [0, 1, 4, 9, 16, 25, 36])
        struct Failure: Error, Equatable { let job: Int }
        let ran = UnsafeMutableBufferPointer<Int>.allocate(capacity: 9)
        ran.initialize(repeating: 0)
        defer { ran.deallocate() }
        nonisolated(unsafe) let shared = ran
        #expect(throws: Failure(job: 3)) {
            try ParallelJobs.run(9, workers: 3) { job -> Int in
                shared[job] += 1
                if job == 3 || job == 6 { throw Failure(job: job) }
                return job
            }
        }
        #expect(ran.allSatisfy { $0 == 1 })
        #expect(try ParallelJobs.run(3, workers: 1) { $0 + 1 } == [1, 2, 3])
    }
}
