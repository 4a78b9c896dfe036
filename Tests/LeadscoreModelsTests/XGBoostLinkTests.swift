import Foundation
import Testing
@testable import LeadscoreModels

/// Proves the link to XGBoost's C library: a tiny model trains, predicts and saves as JSON.
struct XGBoostLinkTests {
    @Test func trainsATinyModelThroughTheCAPI() throws {
        // y = 1 exactly when x0 > 0.5; x1 is noise; some x1 values are missing.
        var values: [Float] = []
        var labels: [Float] = []
        for index in 0..<200 {
            let x0 = Float(index % 20) / 20
            values += [x0, index % 7 == 0 ? .nan : Float(index % 3)]
            labels.append(x0 > 0.5 ? 1 : 0)
        }
        let train = try DMatrix(values: values, rows: 200, columns: 2, labels: labels)
        let booster = try Booster(cache: [train], parameters: [
            "objective": "binary:logistic", "tree_method": "hist", "max_depth": "2", "eta": "0.5", "nthread": "1", "seed": "0",
        ])
        for iteration in 0..<10 { try booster.update(iteration: iteration, train: train) }
        let probabilities = try booster.predict(try DMatrix(values: [0.9, 1, 0.1, .nan], rows: 2, columns: 2))
        #expect(probabilities.count == 2)
        #expect(probabilities[0] > 0.9)
        #expect(probabilities[1] < 0.1)
        let json = try JSONSerialization.jsonObject(with: try booster.jsonModel()) as? [String: Any]
        #expect(json?["learner"] != nil)
        #expect(XGBoostLibrary.version.hasPrefix("1.") || XGBoostLibrary.version.hasPrefix("2.") || XGBoostLibrary.version.hasPrefix("3."))
    }

    @Test func libraryErrorsSurfaceWithTheirMessage() throws {
        let train = try DMatrix(values: [0, 1], rows: 2, columns: 1, labels: [0, 1])
        let error = try #require(throws: XGBoostError.self) {
            try Booster(cache: [train], parameters: ["objective": "no:such"])
                .update(iteration: 0, train: train)
        }
        #expect(error.message.contains("no:such"))
    }
}
