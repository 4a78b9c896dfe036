import CXGBoost
import Foundation

/// A gradient-boosted model trained, evaluated and applied through XGBoost's C API.
///
/// Owns its C handle. XGBoost's prediction buffers belong to the booster until its next call, so
/// every result is copied out, and calls are serialised by a lock: one booster can be shared by
/// concurrent scorers.
///
/// Scoring does not go through the C library when it can avoid it: ``compiled()`` turns the model into
/// a ``TreeSHAP`` evaluator in Swift (same margins, exact contributions, many times faster per lead).
public final class Booster: @unchecked Sendable {
    private let handle: BoosterHandle
    private let lock = NSLock()
    /// The Swift evaluator of the current model, made on first use and dropped when training changes the model.
    private let compiledLock = NSLock()
    private var compiledModel: Result<TreeSHAP, TreeEnsembleError>?

    /// A booster set up for training on `cache` (the training matrix and any evaluation matrices).
    public init(cache: [DMatrix], parameters: [String: String]) throws {
        var handle: BoosterHandle?
        var matrices: [DMatrixHandle?] = cache.map { $0.handle }
        try XGBoostError.check(XGBoosterCreate(&matrices, bst_ulong(matrices.count), &handle), "XGBoosterCreate")
        guard let handle else { throw XGBoostError(call: "XGBoosterCreate", message: "no handle returned") }
        self.handle = handle
        try setParameters(parameters)
    }

    /// A booster loaded from XGBoost's JSON model format (as `jsonModel()` writes it).
    public init(jsonModel: Data, parameters: [String: String] = [:]) throws {
        var handle: BoosterHandle?
        try XGBoostError.check(XGBoosterCreate(nil, 0, &handle), "XGBoosterCreate")
        guard let handle else { throw XGBoostError(call: "XGBoosterCreate", message: "no handle returned") }
        self.handle = handle
        try jsonModel.withUnsafeBytes { bytes in
            try XGBoostError.check(XGBoosterLoadModelFromBuffer(handle, bytes.baseAddress, bst_ulong(bytes.count)),
                                   "XGBoosterLoadModelFromBuffer")
        }
        try setParameters(parameters)
    }

    private init(handle: BoosterHandle) {
        self.handle = handle
    }

    deinit {
        XGBoosterFree(handle)
    }

    public func setParameters(_ parameters: [String: String]) throws {
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            try XGBoostError.check(XGBoosterSetParam(handle, name, value), "XGBoosterSetParam(\(name))")
        }
    }

    /// Runs one boosting round on `train`.
    public func update(iteration: Int, train: DMatrix) throws {
        compiledLock.withLock { compiledModel = nil }
        try XGBoostError.check(XGBoosterUpdateOneIter(handle, Int32(iteration), train.handle), "XGBoosterUpdateOneIter")
    }

    /// The evaluation metric on `data` after `iteration`, as XGBoost computes it (`eval_metric`).
    public func evaluate(iteration: Int, data: DMatrix, name: String = "valid") throws -> Double {
        var matrices: [DMatrixHandle?] = [data.handle]
        var result: UnsafePointer<CChar>?
        try name.withCString { namePointer in
            var names: [UnsafePointer<CChar>?] = [namePointer]
            try XGBoostError.check(XGBoosterEvalOneIter(handle, Int32(iteration), &matrices, &names, 1, &result),
                                   "XGBoosterEvalOneIter")
        }
        // "[12]\tvalid-logloss:0.43121"
        guard let result, let text = String(validatingCString: result),
              let value = text.split(separator: ":").last.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw XGBoostError(call: "XGBoosterEvalOneIter", message: "unreadable evaluation result")
        }
        return value
    }

    /// The number of boosting rounds in the model.
    public func boostedRounds() throws -> Int {
        var rounds: Int32 = 0
        try XGBoostError.check(XGBoosterBoostedRounds(handle, &rounds), "XGBoosterBoostedRounds")
        return Int(rounds)
    }

    /// A new booster holding rounds `0..<rounds` only (after early stopping).
    public func prefix(rounds: Int) throws -> Booster {
        var sliced: BoosterHandle?
        try XGBoostError.check(XGBoosterSlice(handle, 0, Int32(rounds), 1, &sliced), "XGBoosterSlice")
        guard let sliced else { throw XGBoostError(call: "XGBoosterSlice", message: "no handle returned") }
        return Booster(handle: sliced)
    }

    /// What a prediction returns per row.
    public enum Output: Int, Sendable {
        /// Probabilities for `binary:logistic`.
        case value = 0
        /// Raw log-odds.
        case margin = 1
        /// SHAP contributions: one per column plus the bias last; each row sums to the margin.
        case contributions = 2
    }

    /// Predictions for every row of `data`, row-major (`contributions`: `data.columns + 1` per row).
    public func predict(_ data: DMatrix, output: Output = .value) throws -> [Float] {
        let config = "{\"type\": \(output.rawValue), \"training\": false, \"iteration_begin\": 0, "
            + "\"iteration_end\": 0, \"strict_shape\": false}"
        var shape: UnsafePointer<bst_ulong>?
        var dimensions: bst_ulong = 0
        var result: UnsafePointer<Float>?
        lock.lock()
        defer { lock.unlock() }
        try XGBoostError.check(XGBoosterPredictFromDMatrix(handle, data.handle, config, &shape, &dimensions, &result),
                               "XGBoosterPredictFromDMatrix")
        guard let result, let shape else { return [] }
        let count = (0..<Int(dimensions)).reduce(1) { $0 * Int(shape[$1]) }
        // The library owns the buffer until the next call: copy it out.
        return Array(UnsafeBufferPointer(start: result, count: count))
    }

    /// The model compiled for evaluation in Swift, or why it cannot be (categorical splits, DART, another
    /// objective): callers then use ``predict(_:output:)``. Compiled once per model version of the booster.
    public func compiled() -> Result<TreeSHAP, TreeEnsembleError> {
        compiledLock.lock()
        defer { compiledLock.unlock() }
        if let compiledModel { return compiledModel }
        let result: Result<TreeSHAP, TreeEnsembleError>
        do {
            result = .success(try TreeSHAP(try TreeEnsemble(jsonModel: try jsonModel())))
        } catch let error as TreeEnsembleError {
            result = .failure(error)
        } catch {
            result = .failure(.unreadable("\(error)"))
        }
        compiledModel = result
        return result
    }

    /// The model as XGBoost's JSON, which Python/Spark XGBoost load unchanged.
    public func jsonModel() throws -> Data {
        var length: bst_ulong = 0
        var bytes: UnsafePointer<CChar>?
        lock.lock()
        defer { lock.unlock() }
        try XGBoostError.check(XGBoosterSaveModelToBuffer(handle, "{\"format\": \"json\"}", &length, &bytes),
                               "XGBoosterSaveModelToBuffer")
        guard let bytes else { return Data() }
        return Data(bytes: bytes, count: Int(length))
    }
}
