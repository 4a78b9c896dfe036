/// Model inputs: dense, row-major `Float` values (`nan` = missing), as XGBoost takes them.
public struct FeatureMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var values: [Float]

    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "FeatureMatrix: values.count must be rows × columns")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public func row(_ index: Int) -> ArraySlice<Float> {
        values[(index * columns)..<((index + 1) * columns)]
    }
}
