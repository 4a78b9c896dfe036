import CXGBoost
import Foundation

/// A gradient-boosted model trained and evaluated through XGBoost's C API.
public final class Booster: @unchecked Sendable {
    private let handle: BoosterHandle

    /// A booster set up for training on `cache` (the training matrix and any evaluation matrices).
    public init(cache: [DMatrix], parameters: [String: String]) throws {
        var handle: BoosterHandle?
        var matrices: [DMatrixHandle?] = cache.map { $0.handle }
        try XGBoostError.check(XGBoosterCreate(&matrices, bst_ulong(matrices.count), &handle), "XGBoosterCreate")
        guard let handle else { throw XGBoostError(call: "XGBoosterCreate", message: "no handle returned") }
        self.handle = handle
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            try XGBoostError.check(XGBoosterSetParam(handle, name, value), "XGBoosterSetParam(\(name))")
        }
    }

    deinit {
        XGBoosterFree(handle)
    }

    /// Runs one boosting round on `train`.
    public func update(iteration: Int, train: DMatrix) throws {
        try XGBoostError.check(XGBoosterUpdateOneIter(handle, Int32(iteration), train.handle), "XGBoosterUpdateOneIter")
    }

    /// Predictions for every row of `data`: probabilities for `binary:logistic`, or margins.
    public func predict(_ data: DMatrix, margin: Bool = false) throws -> [Float] {
        var length: bst_ulong = 0
        var result: UnsafePointer<Float>?
        try XGBoostError.check(
            XGBoosterPredict(handle, data.handle, margin ? 1 : 0, 0, 0, &length, &result), "XGBoosterPredict")
        guard let result else { return [] }
        // The library owns the buffer until the next call: copy it out.
        return Array(UnsafeBufferPointer(start: result, count: Int(length)))
    }

    /// The model as XGBoost's JSON, which Python/Spark XGBoost load unchanged.
    public func jsonModel() throws -> Data {
        var length: bst_ulong = 0
        var bytes: UnsafePointer<CChar>?
        try XGBoostError.check(XGBoosterSaveModelToBuffer(handle, "{\"format\": \"json\"}", &length, &bytes),
                               "XGBoosterSaveModelToBuffer")
        guard let bytes else { return Data() }
        return Data(bytes: bytes, count: Int(length))
    }
}
