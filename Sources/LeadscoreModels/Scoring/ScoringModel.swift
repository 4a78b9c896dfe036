import LeadscoreData

/// A trained model of any of the four families, answering the two questions scoring asks: the
/// margin (log-odds for models, points for rules) and how much each field contributed to it.
public enum ScoringModel: Sendable {
    case rules(RulesModel)
    case logistic(LinearModel)
    case trees(Booster)
    case blend(BlendModel)

    public var kind: ModelKind {
        switch self {
        case .rules: return .rules
        case .logistic: return .logistic
        case .trees: return .trees
        case .blend: return .blend
        }
    }

    public func margins(_ inputs: ScoringInputs) throws -> [Double] {
        switch self {
        case let .rules(model):
            return ParallelRows.map(inputs.count) { row in
                model.total(value: { inputs.value(row, $0) }, scoringMoment: inputs.scoringMoments[row])
            }
        case let .logistic(model):
            return model.margins(inputs.matrix)
        case let .trees(booster):
            if case let .success(compiled) = booster.compiled() { return compiled.ensemble.margins(inputs.matrix) }
            return try booster.predict(Self.matrix(inputs.matrix), output: .margin).map(Double.init)
        case let .blend(blend):
            return BlendModel.combine(linear: try ScoringModel.logistic(blend.linear).margins(inputs),
                                      trees: try ScoringModel.trees(blend.trees).margins(inputs),
                                      treeWeight: blend.treeWeight)
        }
    }

    /// Per-field contributions for each row; `bias` plus the contributions is the row's margin
    /// (for rules: the point total before its bounds).
    public func contributions(_ inputs: ScoringInputs, groups: ContributionGroups) throws -> [FieldContributions] {
        switch self {
        case let .rules(model):
            return ParallelRows.map(inputs.count) { row in
                let points = model.pointsByField(value: { inputs.value(row, $0) }, scoringMoment: inputs.scoringMoments[row])
                return FieldContributions(bias: 0, byField: points)
            }
        case let .logistic(model):
            return ParallelRows.map(inputs.count) { row in
                groups.sum(model.contributions(inputs.matrix.row(row))[...], bias: model.bias)
            }
        case let .trees(booster):
            let width = inputs.matrix.columns + 1
            let shap = try Self.treeContributions(booster, inputs.matrix)
            return ParallelRows.map(inputs.count) { row in
                groups.sum(shap[(row * width)..<((row + 1) * width - 1)], bias: shap[(row + 1) * width - 1])
            }
        case let .blend(blend):
            // Each family's contributions summed by field, then weighted field by field (as `BlendModel.combine`
            // does), without a dictionary per family and lead.
            let width = inputs.matrix.columns + 1
            let shap = try Self.treeContributions(blend.trees, inputs.matrix)
            let (linear, weight) = (blend.linear, blend.treeWeight)
            return ParallelRows.map(inputs.count) { row in
                let linearSums = groups.sums(linear.contributions(inputs.matrix.row(row))[...])
                let treeSums = groups.sums(shap[(row * width)..<((row + 1) * width - 1)])
                return groups.contributions(bias: (1 - weight) * linear.bias + weight * shap[(row + 1) * width - 1],
                                            sums: zip(linearSums, treeSums).map { (1 - weight) * $0 + weight * $1 })
            }
        }
    }

    /// Exact TreeSHAP values, row-major with the bias last: in Swift, or by XGBoost's library for a model
    /// the Swift evaluator does not take.
    private static func treeContributions(_ booster: Booster, _ matrix: FeatureMatrix) throws -> [Double] {
        if case let .success(compiled) = booster.compiled() { return compiled.contributions(matrix) }
        return try booster.predict(Self.matrix(matrix), output: .contributions).map(Double.init)
    }

    static func matrix(_ matrix: FeatureMatrix) throws -> DMatrix {
        try DMatrix(values: matrix.values, rows: matrix.rows, columns: matrix.columns)
    }
}

/// A lead's margin split by field: `bias + byField.values.sum() == margin`.
public struct FieldContributions: Sendable, Equatable {
    public var bias: Double
    /// Snapshot column → contribution (log-odds for models, points for rules).
    public var byField: [String: Double]

    public var total: Double { bias + byField.values.reduce(0, +) }
}

/// Which model columns belong to which snapshot column, so contributions of one-hot levels and
/// missing indicators add up to the field a person recognises.
public struct ContributionGroups: Sendable {
    public let fields: [String]
    private let fieldOfColumn: [Int]

    public init(pipeline: FeaturePipeline) {
        var fields: [String] = []
        var index: [String: Int] = [:]
        var fieldOfColumn: [Int] = []
        for step in pipeline.steps {
            let position = index[step.column] ?? {
                fields.append(step.column)
                index[step.column] = fields.count - 1
                return fields.count - 1
            }()
            fieldOfColumn += Array(repeating: position, count: step.outputNames.count)
        }
        self.fields = fields
        self.fieldOfColumn = fieldOfColumn
    }

    public func sum(_ columnValues: ArraySlice<Double>, bias: Double) -> FieldContributions {
        contributions(bias: bias, sums: sums(columnValues))
    }

    /// Column values added up by field, in `fields` order.
    func sums(_ columnValues: ArraySlice<Double>) -> [Double] {
        var sums = [Double](repeating: 0, count: fields.count)
        for (offset, value) in columnValues.enumerated() { sums[fieldOfColumn[offset]] += value }
        return sums
    }

    /// Per-field sums (in `fields` order) as contributions; fields that add nothing are left out.
    func contributions(bias: Double, sums: [Double]) -> FieldContributions {
        var byField: [String: Double] = [:]
        for (field, value) in zip(fields, sums) where value != 0 { byField[field] = value }
        return FieldContributions(bias: bias, byField: byField)
    }
}
