import CXGBoost

/// An XGBoost data matrix built from dense row-major `Float` values (`nan` = missing).
///
/// Owns its C handle and frees it on deinit; not shared across tasks, hence `@unchecked Sendable`
/// only so it can be handed from one task to another.
public final class DMatrix: @unchecked Sendable {
    let handle: DMatrixHandle
    public let rows: Int
    public let columns: Int

    /// `threads` build the matrix (0: every core).
    public init(values: [Float], rows: Int, columns: Int, labels: [Float]? = nil, threads: Int = 0) throws {
        precondition(values.count == rows * columns, "DMatrix: values.count must be rows × columns")
        var handle: DMatrixHandle?
        try XGBoostError.check(
            XGDMatrixCreateFromMat_omp(values, bst_ulong(rows), bst_ulong(columns), Float.nan, &handle, Int32(threads)),
            "XGDMatrixCreateFromMat_omp")
        guard let handle else { throw XGBoostError(call: "XGDMatrixCreateFromMat", message: "no handle returned") }
        self.handle = handle
        self.rows = rows
        self.columns = columns
        if let labels {
            precondition(labels.count == rows, "DMatrix: one label per row")
            try XGBoostError.check(XGDMatrixSetFloatInfo(handle, "label", labels, bst_ulong(rows)), "XGDMatrixSetFloatInfo")
        }
    }

    deinit {
        XGDMatrixFree(handle)
    }
}
