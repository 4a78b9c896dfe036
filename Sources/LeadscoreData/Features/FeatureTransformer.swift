import Foundation

/// A `FeaturePipeline` made ready to apply: lookups built once, then used for every row.
///
/// Training (a whole table) and scoring (one record) go through the same `encode` of each step, so
/// a lead gets bit-for-bit the same inputs either way.
public struct FeatureTransformer: Sendable {
    public let pipeline: FeaturePipeline
    public let width: Int
    private let compiled: [CompiledStep]

    /// A class: scoring hands each step to `encode` once per lead, which for a struct copied (and
    /// retained) its step and both lookups every time.
    private final class CompiledStep: Sendable {
        let step: FeatureStep
        let offset: Int
        let levelIndex: [String: Int]
        let groupIndex: [String: Int]
        // What `encode` reads of `step`, kept apart so that reading it copies nothing.
        let kind: FeatureStep.Kind
        let missingIsZero: Bool
        let missingIndicator: Bool
        let levelCount: Int
        let groupCount: Int

        init(step: FeatureStep, offset: Int, levelIndex: [String: Int], groupIndex: [String: Int]) {
            self.step = step
            self.offset = offset
            self.levelIndex = levelIndex
            self.groupIndex = groupIndex
            kind = step.kind
            missingIsZero = step.missingIsZero
            missingIndicator = step.missingIndicator
            levelCount = step.levels.count
            groupCount = step.groups.count
        }
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
        let layout = RecordLayout(names: Array(record.keys))
        var output = [Float](repeating: 0, count: width)
        output.withUnsafeMutableBufferPointer {
            transform(LeadRow(record: record, layout: layout), slots: slots(in: layout), scoringMoment: scoringMoment, into: $0)
        }
        return output
    }

    /// Where each step's column sits in `layout` (-1: not there, read as missing), for `transform(_:slots:…)`.
    public func slots(in layout: RecordLayout) -> [Int] {
        compiled.map { layout.slot($0.step.column) ?? -1 }
    }

    /// One lead read by slot (`slots` from `slots(in:)` for the row's layout), written into `output` (`width`
    /// values, every one overwritten): a batch fills its matrix row by row, and no name is hashed per lead.
    public func transform(_ row: LeadRow, slots: [Int], scoringMoment: Double, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == width && slots.count == compiled.count, "a row of \(width) model inputs")
        row.values.withUnsafeBufferPointer { values in
            for index in compiled.indices {
                let slot = slots[index]
                encode(compiled[index], value: slot < 0 ? .missing : values[slot], scoringMoment: scoringMoment, into: output)
            }
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
        let at = compiled.offset
        switch compiled.kind {
        case .numeric:
            if let number = value.numeric {
                output[at] = Float(number)
            } else {
                output[at] = compiled.missingIsZero ? 0 : .nan
            }
            if compiled.missingIndicator { output[at + 1] = value.isMissing ? 1 : 0 }
        case .flag:
            if let number = value.numeric {
                output[at] = Float(number)
            } else {
                output[at] = compiled.missingIndicator ? .nan : 0
            }
            if compiled.missingIndicator { output[at + 1] = value.isMissing ? 1 : 0 }
        case .recency:
            // A date after the scoring moment was not known then: treat it as missing.
            if case let .time(time) = value, time <= scoringMoment {
                output[at] = Float((scoringMoment - time) / 86_400)
                if compiled.missingIndicator { output[at + 1] = 0 }
            } else {
                output[at] = .nan
                if compiled.missingIndicator { output[at + 1] = 1 }
            }
        case .oneHot:
            let count = compiled.levelCount
            for index in 0..<(count + 2) { output[at + index] = 0 }
            if case let .text(text) = value {
                output[at + (compiled.levelIndex[text] ?? count)] = 1
            } else {
                output[at + count + 1] = 1
            }
        case .multiHot:
            let count = compiled.levelCount
            for index in 0..<(count + 2) { output[at + index] = 0 }
            if case let .text(text) = value {
                for part in MultiSelect.values(of: text) {
                    output[at + (compiled.levelIndex[part] ?? count)] = 1
                }
            } else {
                output[at + count + 1] = 1
            }
        case .sourceGroup:
            let count = compiled.groupCount
            for index in 0..<(count + 2) { output[at + index] = 0 }
            if case let .text(text) = value {
                output[at + (compiled.groupIndex[text] ?? count)] = 1
            } else {
                output[at + count + 1] = 1
            }
        }
    }
}
