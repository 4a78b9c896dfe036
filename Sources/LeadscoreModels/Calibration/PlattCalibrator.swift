import Foundation

/// Platt scaling: P(convert | score s) = 1 / (1 + exp(a·s + b)), a sigmoid fitted to a model's margins.
///
/// Two parameters cannot overfit a validation set, so this is the safe choice when the model's ranking is
/// right and only its probabilities are off by a monotone squashing — the usual case for boosted trees.
public struct PlattCalibrator: Sendable, Codable, Equatable {
    /// Slope on the score; negative when higher scores mean likelier conversion.
    public var a: Double
    public var b: Double

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    public func probability(score: Double) -> Double {
        1 / (1 + exp(a * score + b))
    }

    /// The (a, b) minimising log loss against Platt's smoothed targets T₊ = (N₊ + 1)/(N₊ + 2) for positives
    /// and T₋ = 1/(N₋ + 2) for negatives (which keep a separable set from driving a to infinity), starting
    /// from a = 0, b = ln((N₋ + 1)/(N₊ + 1)) — the same problem and start as scikit-learn's
    /// `_sigmoid_calibration`, so the same optimum.
    ///
    /// scikit-learn solves it with L-BFGS; with only two parameters the exact 2×2 Hessian is cheap, so this
    /// uses Newton–Raphson with step halving until the loss decreases (Lin, Lin & Weng 2007, "A note on
    /// Platt's probabilistic outputs"), which converges to machine precision in a handful of passes.
    public static func fit(scores: [Double], labels: [Bool]) -> PlattCalibrator {
        precondition(scores.count == labels.count && !scores.isEmpty, "one label per score, at least one row")
        let positives = Double(labels.lazy.filter { $0 }.count), negatives = Double(labels.count) - positives
        let targets = labels.map { $0 ? (positives + 1) / (positives + 2) : 1 / (negatives + 2) }
        var a = 0.0, b = log((negatives + 1) / (positives + 1))
        var loss = smoothedLogLoss(a: a, b: b, scores: scores, targets: targets)
        for _ in 0..<100 {
            // Gradient and Hessian of Σ log(1 + e^z) − (1 − T)·z in z = a·s + b: dL/dz = T − P, d²L/dz² = P(1 − P).
            var gradientA = 0.0, gradientB = 0.0, hessianAA = 0.0, hessianAB = 0.0, hessianBB = 0.0
            for (score, target) in zip(scores, targets) {
                let probability = 1 / (1 + exp(a * score + b))
                let residual = target - probability, curvature = probability * (1 - probability)
                gradientA += residual * score
                gradientB += residual
                hessianAA += curvature * score * score
                hessianAB += curvature * score
                hessianBB += curvature
            }
            if abs(gradientA) < 1e-11 * Double(scores.count) && abs(gradientB) < 1e-11 * Double(scores.count) { break }
            // A tiny ridge keeps the Hessian invertible when every score is the same.
            hessianAA += 1e-12
            hessianBB += 1e-12
            let determinant = hessianAA * hessianBB - hessianAB * hessianAB
            let stepA = -(hessianBB * gradientA - hessianAB * gradientB) / determinant
            let stepB = -(hessianAA * gradientB - hessianAB * gradientA) / determinant
            var scale = 1.0, improved = false
            while scale >= 1e-10 {
                let candidate = smoothedLogLoss(a: a + scale * stepA, b: b + scale * stepB, scores: scores, targets: targets)
                if candidate <= loss {
                    a += scale * stepA
                    b += scale * stepB
                    improved = candidate < loss
                    loss = candidate
                    break
                }
                scale /= 2
            }
            if !improved { break }
        }
        return PlattCalibrator(a: a, b: b)
    }

    /// Σ −T·log P − (1 − T)·log(1 − P), written as log(1 + e^z) − (1 − T)·z so large |z| cannot overflow.
    private static func smoothedLogLoss(a: Double, b: Double, scores: [Double], targets: [Double]) -> Double {
        var total = 0.0
        for (score, target) in zip(scores, targets) {
            let z = a * score + b
            let softplus = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
            total += softplus - (1 - target) * z
        }
        return total
    }
}
