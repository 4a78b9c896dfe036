import LeadscoreData

/// A batch of leads ready to score: model inputs plus the typed values (rules and reasons read
/// fields directly) and each lead's scoring moment.
public struct ScoringInputs: Sendable {
    public let matrix: FeatureMatrix
    public let scoringMoments: [Double]
    /// The value of a snapshot column for a row of the batch.
    public let value: @Sendable (_ row: Int, _ column: String) -> FieldValue

    public var count: Int { matrix.rows }

    public init(matrix: FeatureMatrix, scoringMoments: [Double], value: @escaping @Sendable (Int, String) -> FieldValue) {
        self.matrix = matrix
        self.scoringMoments = scoringMoments
        self.value = value
    }

    /// Rows `rows` of a snapshot table, scored as of each lead's own scoring moment.
    public init(table: LeadTable, rows: [Int], pipeline: FeaturePipeline, dataAsOf: Double) {
        let createdColumn = pipeline.createdField.flatMap { table.column($0) }
        let moments = rows.map { Self.moment(created: createdColumn?.value(at: $0), pipeline: pipeline, dataAsOf: dataAsOf) }
        let transformer = FeatureTransformer(pipeline)
        self.init(matrix: transformer.transform(table, rows: rows, scoringMoments: moments), scoringMoments: moments) { index, column in
            table.column(column)?.value(at: rows[index]) ?? .missing
        }
    }

    /// Leads read from raw field texts (a CSV row, a request), as of `dataAsOf` (usually now).
    public init(records: [LeadRecord], pipeline: FeaturePipeline, dataAsOf: Double) {
        self.init(records: records, transformer: FeatureTransformer(pipeline), dataAsOf: dataAsOf)
    }

    /// The same with a transformer built once (a server reuses one per model: building it indexes every level).
    public init(records: [LeadRecord], transformer: FeatureTransformer, dataAsOf: Double) {
        let pipeline = transformer.pipeline
        let moments = records.map { record in
            Self.moment(created: pipeline.createdField.flatMap { record[$0] }, pipeline: pipeline, dataAsOf: dataAsOf)
        }
        let width = transformer.width
        let values = [Float](unsafeUninitializedCapacity: records.count * width) { buffer, initialized in
            nonisolated(unsafe) let buffer = buffer
            ParallelRows.forEachSlice(records.count) { rows in
                for row in rows {
                    transformer.transform(records[row], scoringMoment: moments[row],
                                          into: UnsafeMutableBufferPointer(rebasing: buffer[(row * width)..<((row + 1) * width)]))
                }
            }
            initialized = records.count * width
        }
        self.init(matrix: FeatureMatrix(rows: records.count, columns: transformer.width, values: values),
                  scoringMoments: moments) { index, column in records[index][column] ?? .missing }
    }

    /// The first `count` leads of the batch, without transforming them again.
    public func prefix(_ count: Int) -> ScoringInputs {
        let count = min(count, self.count)
        return ScoringInputs(matrix: FeatureMatrix(rows: count, columns: matrix.columns,
                                                   values: Array(matrix.values.prefix(count * matrix.columns))),
                             scoringMoments: Array(scoringMoments.prefix(count)), value: value)
    }

    private static func moment(created: FieldValue?, pipeline: FeaturePipeline, dataAsOf: Double) -> Double {
        guard case let .time(time)? = created else { return pipeline.scoringMoment(created: nil, dataAsOf: dataAsOf) }
        return pipeline.scoringMoment(created: time, dataAsOf: dataAsOf)
    }
}
