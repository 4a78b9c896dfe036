import LeadscoreData

/// A batch of leads ready to score: model inputs plus the typed values (rules and reasons read
/// fields directly) and each lead's scoring moment.
public struct ScoringInputs: Sendable {
    public let matrix: FeatureMatrix
    public let scoringMoments: [Double]
    public let fields: BatchFields

    public var count: Int { matrix.rows }

    public init(matrix: FeatureMatrix, scoringMoments: [Double], fields: BatchFields) {
        self.matrix = matrix
        self.scoringMoments = scoringMoments
        self.fields = fields
    }

    /// The value of a snapshot column for a row of the batch.
    public func value(_ row: Int, _ column: String) -> FieldValue {
        fields.value(row: row, column: column)
    }

    /// Rows `rows` of a snapshot table, scored as of each lead's own scoring moment.
    public init(table: LeadTable, rows: [Int], pipeline: FeaturePipeline, dataAsOf: Double) {
        let createdColumn = pipeline.createdField.flatMap { table.column($0) }
        let moments = rows.map { Self.moment(created: createdColumn?.value(at: $0), pipeline: pipeline, dataAsOf: dataAsOf) }
        let transformer = FeatureTransformer(pipeline)
        self.init(matrix: transformer.transform(table, rows: rows, scoringMoments: moments), scoringMoments: moments,
                  fields: BatchFields(table: table, rows: rows))
    }

    /// Leads read from raw field texts (a CSV row, a request), as of `dataAsOf` (usually now).
    public init(records: [LeadRecord], pipeline: FeaturePipeline, dataAsOf: Double) {
        self.init(records: records, transformer: FeatureTransformer(pipeline), dataAsOf: dataAsOf)
    }

    /// The same with a transformer built once (a server reuses one per model: building it indexes every level).
    public init(records: [LeadRecord], transformer: FeatureTransformer, dataAsOf: Double) {
        let layout = RecordLayout(names: records.reduce(into: Set<String>()) { $0.formUnion($1.keys) }.sorted())
        self.init(rows: records.map { LeadRow(record: $0, layout: layout) }, layout: layout, transformer: transformer,
                  dataAsOf: dataAsOf)
    }

    /// Leads read by `LeadRowReader` (all laid out by `layout`), as of `dataAsOf`: every value read by slot.
    public init(rows: [LeadRow], layout: RecordLayout, transformer: FeatureTransformer, dataAsOf: Double) {
        let pipeline = transformer.pipeline
        let createdSlot = pipeline.createdField.flatMap(layout.slot)
        let moments = rows.map { row in
            Self.moment(created: createdSlot.map { row.values[$0] }, pipeline: pipeline, dataAsOf: dataAsOf)
        }
        let (width, slots) = (transformer.width, transformer.slots(in: layout))
        let values = [Float](unsafeUninitializedCapacity: rows.count * width) { buffer, initialized in
            nonisolated(unsafe) let buffer = buffer
            ParallelRows.forEachSlice(rows.count) { range in
                for row in range {
                    transformer.transform(rows[row], slots: slots, scoringMoment: moments[row],
                                          into: UnsafeMutableBufferPointer(rebasing: buffer[(row * width)..<((row + 1) * width)]))
                }
            }
            initialized = rows.count * width
        }
        self.init(matrix: FeatureMatrix(rows: rows.count, columns: width, values: values), scoringMoments: moments,
                  fields: BatchFields(rows: rows, layout: layout))
    }

    /// The first `count` leads of the batch, without transforming them again.
    public func prefix(_ count: Int) -> ScoringInputs {
        let count = min(count, self.count)
        return ScoringInputs(matrix: FeatureMatrix(rows: count, columns: matrix.columns,
                                                   values: Array(matrix.values.prefix(count * matrix.columns))),
                             scoringMoments: Array(scoringMoments.prefix(count)), fields: fields)
    }

    private static func moment(created: FieldValue?, pipeline: FeaturePipeline, dataAsOf: Double) -> Double {
        guard case let .time(time)? = created else { return pipeline.scoringMoment(created: nil, dataAsOf: dataAsOf) }
        return pipeline.scoringMoment(created: time, dataAsOf: dataAsOf)
    }
}
