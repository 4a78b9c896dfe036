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
        let moments = rows.map { row -> Double in
            var created: Double?
            if let field = pipeline.createdField, case let .time(time)? = table.column(field)?.value(at: row) { created = time }
            return pipeline.scoringMoment(created: created, dataAsOf: dataAsOf)
        }
        let transformer = FeatureTransformer(pipeline)
        self.init(matrix: transformer.transform(table, rows: rows, scoringMoments: moments), scoringMoments: moments) { index, column in
            table.column(column)?.value(at: rows[index]) ?? .missing
        }
    }

    /// Leads read from raw field texts (a CSV row, a request), as of `dataAsOf` (usually now).
    public init(records: [LeadRecord], pipeline: FeaturePipeline, dataAsOf: Double) {
        let moments = records.map { record -> Double in
            var created: Double?
            if let field = pipeline.createdField, case let .time(time)? = record[field] { created = time }
            return pipeline.scoringMoment(created: created, dataAsOf: dataAsOf)
        }
        let transformer = FeatureTransformer(pipeline)
        var values: [Float] = []
        values.reserveCapacity(records.count * transformer.width)
        for (record, moment) in zip(records, moments) {
            values += transformer.transform(record, scoringMoment: moment)
        }
        self.init(matrix: FeatureMatrix(rows: records.count, columns: transformer.width, values: values),
                  scoringMoments: moments) { index, column in records[index][column] ?? .missing }
    }
}
