import Foundation

/// A `FeaturePipeline` made ready to apply: lookups built once, then used for every row.
///
/// Training (a whole table) and scoring (one record) go through the same `encode` of each step, so
/// a lead gets bit-for-bit the same inputs either way.
public struct FeatureTransformer: Sendable {
    public let pipeline: FeaturePipeline
    public let width: Int
    private let compiled: [CompiledStep]

    private struct CompiledStep: Sendable {
        let step: FeatureStep
        let offset: Int
        let levelIndex: [String: Int]
        let groupIndex: [String: Int]
    }

    public init(_ pipeline: FeaturePipeline) {
        self.pipeline = pipeline
        var offset = 0
        var compiled: [CompiledStep] = []
        for step in pipeline.steps {
            var levelIndex: [String: Int] = [:]
            for (index, level) in step.levels.enumerated() { levelIndex[level] = index }
            var groupIndex: [String: Int] = [:]
            for (index, group) in step.groups.enumerated() {
                for source in group.sources { groupIndex[source] = index }
            }
            compiled.append(CompiledStep(step: step, offset: offset, levelIndex: levelIndex, groupIndex: groupIndex))
            offset += step.outputNames.count
        }
        self.compiled = compiled
        width = offset
    }

    /// One lead's model inputs as of `scoringMoment` (seconds since epoch).
    public func transform(_ record: LeadRecord, scoringMoment: Double) -> [Float] {
        var output = [Float](repeating: 0, count: width)
        output.withUnsafeMutableBufferPointer { transform(record, scoringMoment: scoringMoment, into: $0) }
        return output
    }

    /// The same written into `output` (`width` values, every one overwritten): a batch fills its matrix
    /// row by row without an array per lead.
    public func transform(_ record: LeadRecord, scoringMoment: Double, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == width, "a row of \(width) model inputs")
        // By index: `for step in compiled` would copy each step (and retain its lookups) per lead.
        for index in compiled.indices {
            encode(compiled[index], value: record[compiled[index].step.column] ?? .missing, scoringMoment: scoringMoment,
                   into: output)
        }
    }

    /// Model inputs for `rows` of `table`; `scoringMoments[i]` belongs to `rows[i]`.
    public func transform(_ table: LeadTable, rows: [Int], scoringMoments: [Double]) -> FeatureMatrix {
        precondition(rows.count == scoringMoments.count, "one scoring moment per row")
        var values = [Float](repeating: 0, count: rows.count * width)
        values.withUnsafeMutableBufferPointer { all in
            nonisolated(unsafe) let all = all
            // Steps write disjoint columns, so they run side by side.
            ParallelJobs.map(compiled.count, workers: ProcessInfo.processInfo.activeProcessorCount) { index in
                let step = compiled[index]
                let column = table.column(step.step.column)
                if case let .categorical(text)? = column,
                   [.oneHot, .multiHot, .sourceGroup].contains(step.step.kind) {
                    return encodeByLevel(step, column: text, rows: rows, into: all)
                }
                for (position, row) in rows.enumerated() {
                    let slice = UnsafeMutableBufferPointer(rebasing: all[(position * width)..<((position + 1) * width)])
                    encode(step, value: column?.value(at: row) ?? .missing, scoringMoment: scoringMoments[position], into: slice)
                }
            }
        }
        return FeatureMatrix(rows: rows.count, columns: width, values: values)
    }

    /// A categorical step: its encoding depends on the level alone (not on the scoring moment),
    /// so each level is encoded once by `encode` itself and copied into the rows that hold it.
    private func encodeByLevel(_ step: CompiledStep, column: CategoricalColumn, rows: [Int],
                               into all: UnsafeMutableBufferPointer<Float>) {
        let span = step.step.outputNames.count
        // Pattern 0 is a missing value, pattern c + 1 level c.
        var patterns = [Float](repeating: 0, count: (column.levels.count + 1) * span)
        var scratch = [Float](repeating: 0, count: width)
        scratch.withUnsafeMutableBufferPointer { scratch in
            for code in -1..<column.levels.count {
                let value: FieldValue = code < 0 ? .missing : .text(column.levels[code])
                encode(step, value: value, scoringMoment: 0, into: scratch)
                for offset in 0..<span { patterns[(code + 1) * span + offset] = scratch[step.offset + offset] }
            }
        }
        patterns.withUnsafeBufferPointer { patterns in
            for (position, row) in rows.enumerated() {
                let pattern = (Int(column.codes[row]) + 1) * span
                let target = position * width + step.offset
                for offset in 0..<span { all[target + offset] = patterns[pattern + offset] }
            }
        }
    }

    private func encode(_ compiled: CompiledStep, value: FieldValue, scoringMoment: Double,
                        into output: UnsafeMutableBufferPointer<Float>) {
        let step = compiled.step
        let at = compiled.offset
        switch step.kind {
        case .numeric:
            if let number = value.numeric {
                output[at] = Float(number)
            } else {
                output[at] = step.missingIsZero ? 0 : .nan
            }
            if step.missingIndicator { output[at + 1] = value.isMissing ? 1 : 0 }
        case .flag:
            if let number = value.numeric {
                output[at] = Float(number)
            } else {
                output[at] = step.missingIndicator ? .nan : 0
            }
            if step.missingIndicator { output[at + 1] = value.isMissing ? 1 : 0 }
        case .recency:
            // A date after the scoring moment was not known then: treat it as missing.
            if case let .time(time) = value, time <= scoringMoment {
                output[at] = Float((scoringMoment - time) / 86_400)
                if step.missingIndicator { output[at + 1] = 0 }
            } else {
                output[at] = .nan
                if step.missingIndicator { output[at + 1] = 1 }
            }
        case .oneHot:
            let count = step.levels.count
            for index in 0..<(count + 2) { output[at + index] = 0 }
            if case let .text(text) = value {
                output[at + (compiled.levelIndex[text] ?? count)] = 1
            } else {
                output[at + count + 1] = 1
            }
        case .multiHot:
            let count = step.levels.count
            for index in 0..<(count + 2) { output[at + index] = 0 }
            if case let .text(text) = value {
                for part in MultiSelect.values(of: text) {
                    output[at + (compiled.levelIndex[part] ?? count)] = 1
                }
            } else {
                output[at + count + 1] = 1
            }
        case .sourceGroup:
            let count = step.groups.count
            for index in 0..<(count + 2) { output[at + index] = 0 }
            if case let .text(text) = value {
                output[at + (compiled.groupIndex[text] ?? count)] = 1
            } else {
                output[at + count + 1] = 1
            }
        }
    }
}
