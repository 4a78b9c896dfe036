import Foundation
import LeadscoreData

/// Runs a per-row kernel over a feature matrix on all cores: rows are cut into a few slices per core,
/// each slice writes only its own rows of the output (`width` values a row).
enum RowParallel {
    static func map(_ matrix: FeatureMatrix, width: Int,
                    _ kernel: (UnsafePointer<Float>, UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        var output = [Double](repeating: 0, count: matrix.rows * width)
        guard matrix.rows > 0 else { return output }
        let columns = matrix.columns
        let slices = min(matrix.rows, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
        matrix.values.withUnsafeBufferPointer { values in
            output.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let (values, out) = (values, out)
                withoutActuallyEscaping(kernel) { kernel in
                    nonisolated(unsafe) let kernel = kernel
                    DispatchQueue.concurrentPerform(iterations: slices) { slice in
                        for row in (matrix.rows * slice / slices)..<(matrix.rows * (slice + 1) / slices) {
                            kernel(values.baseAddress! + row * columns,
                                   UnsafeMutableBufferPointer(rebasing: out[(row * width)..<((row + 1) * width)]))
                        }
                    }
                }
            }
        }
        return output
    }
}
