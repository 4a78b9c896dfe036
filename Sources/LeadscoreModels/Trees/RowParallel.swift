import LeadscoreData

/// Runs a per-row kernel over a feature matrix on all cores (`ParallelRows`' slices): each row writes
/// only its own `width` values of the output.
enum RowParallel {
    static func map(_ matrix: FeatureMatrix, width: Int,
                    _ kernel: (UnsafePointer<Float>, UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        var output = [Double](repeating: 0, count: matrix.rows * width)
        let columns = matrix.columns
        matrix.values.withUnsafeBufferPointer { values in
            output.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let (values, out) = (values, out)
                ParallelRows.forEachSlice(matrix.rows) { rows in
                    for row in rows {
                        kernel(values.baseAddress! + row * columns,
                               UnsafeMutableBufferPointer(rebasing: out[(row * width)..<((row + 1) * width)]))
                    }
                }
            }
        }
        return output
    }
}
