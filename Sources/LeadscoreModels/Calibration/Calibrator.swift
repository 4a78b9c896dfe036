/// How a calibrator maps scores to probabilities; also the `"method"` key of its JSON.
public enum CalibrationMethod: String, Sendable, Codable, CaseIterable {
    case platt
    case isotonic
}

/// A fitted calibrator of either kind, so a model bundle stores "the calibration" without caring which
/// method won. Its JSON reads plainly — `{"method":"platt","a":-1.2,"b":0.3}` or
/// `{"method":"isotonic","x":[…],"y":[…]}` — rather than Swift's default `{"platt":{"_0":{…}}}` shape for
/// enums with payloads, so people and other tools can read a model card's calibration directly.
public enum Calibrator: Sendable, Codable, Equatable {
    case platt(PlattCalibrator)
    case isotonic(IsotonicCalibrator)

    public var method: CalibrationMethod {
        switch self {
        case .platt: .platt
        case .isotonic: .isotonic
        }
    }

    /// The calibrated probability of conversion for a model score.
    public func probability(score: Double) -> Double {
        switch self {
        case let .platt(calibrator): calibrator.probability(score: score)
        case let .isotonic(calibrator): calibrator.probability(score: score)
        }
    }

    /// Fits `method` on the given rows.
    public static func fit(_ method: CalibrationMethod, scores: [Double], labels: [Bool]) -> Calibrator {
        switch method {
        case .platt: .platt(PlattCalibrator.fit(scores: scores, labels: labels))
        case .isotonic: .isotonic(IsotonicCalibrator.fit(scores: scores, labels: labels))
        }
    }

    private enum CodingKeys: String, CodingKey {
        case method, a, b, x, y
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(CalibrationMethod.self, forKey: .method) {
        case .platt:
            self = .platt(PlattCalibrator(
                a: try container.decode(Double.self, forKey: .a), b: try container.decode(Double.self, forKey: .b)))
        case .isotonic:
            let x = try container.decode([Double].self, forKey: .x), y = try container.decode([Double].self, forKey: .y)
            guard x.count == y.count, !x.isEmpty else {
                throw DecodingError.dataCorruptedError(
                    forKey: .y, in: container, debugDescription: "isotonic calibration needs one y per x, at least one")
            }
            self = .isotonic(IsotonicCalibrator(x: x, y: y))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        switch self {
        case let .platt(calibrator):
            try container.encode(calibrator.a, forKey: .a)
            try container.encode(calibrator.b, forKey: .b)
        case let .isotonic(calibrator):
            try container.encode(calibrator.x, forKey: .x)
            try container.encode(calibrator.y, forKey: .y)
        }
    }
}
