import Foundation

/// The parts of XGBoost's JSON model format (`save_model("model.json")`, schema `doc/model.schema` in
/// XGBoost's repository) that tree evaluation needs. Written by XGBoost 1.7 (Debian's library, which
/// trains every bundle) and read unchanged from 2.x/3.x files: numbers that newer versions write as
/// strings or one-element arrays (`"[5E-1]"`) and flags written as booleans or 0/1 are both accepted.
struct XGBoostModelJSON: Decodable {
    let learner: Learner

    struct Learner: Decodable {
        let learnerModelParam: ModelParam
        let objective: Objective
        let gradientBooster: GradientBooster

        enum CodingKeys: String, CodingKey {
            case learnerModelParam = "learner_model_param"
            case objective
            case gradientBooster = "gradient_booster"
        }
    }

    struct ModelParam: Decodable {
        let baseScore: String
        let numFeature: String
        let numClass: String?
        let numTarget: String?

        enum CodingKeys: String, CodingKey {
            case baseScore = "base_score"
            case numFeature = "num_feature"
            case numClass = "num_class"
            case numTarget = "num_target"
        }
    }

    struct Objective: Decodable {
        let name: String
    }

    struct GradientBooster: Decodable {
        let name: String
        let model: GBTreeModel?
    }

    struct GBTreeModel: Decodable {
        let trees: [Tree]
        let treeInfo: [Int]?

        enum CodingKeys: String, CodingKey {
            case trees
            case treeInfo = "tree_info"
        }
    }

    struct Tree: Decodable {
        let leftChildren: [Int]
        let rightChildren: [Int]
        let splitIndices: [Int]
        let splitConditions: [Float]
        let defaultLeft: [Bool]
        let sumHessian: [Float]
        let splitType: [Int]?

        enum CodingKeys: String, CodingKey {
            case leftChildren = "left_children"
            case rightChildren = "right_children"
            case splitIndices = "split_indices"
            case splitConditions = "split_conditions"
            case defaultLeft = "default_left"
            case sumHessian = "sum_hessian"
            case splitType = "split_type"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            leftChildren = try container.decode([Int].self, forKey: .leftChildren)
            rightChildren = try container.decode([Int].self, forKey: .rightChildren)
            splitIndices = try container.decode([Int].self, forKey: .splitIndices)
            splitConditions = try container.decode([Float].self, forKey: .splitConditions)
            sumHessian = try container.decode([Float].self, forKey: .sumHessian)
            splitType = try container.decodeIfPresent([Int].self, forKey: .splitType)
            // 1.7 writes 0/1; newer versions may write booleans.
            if let flags = try? container.decode([Bool].self, forKey: .defaultLeft) {
                defaultLeft = flags
            } else {
                defaultLeft = try container.decode([Int].self, forKey: .defaultLeft).map { $0 != 0 }
            }
        }
    }

    /// A parameter XGBoost writes as text: `"5E-1"`, or `"[5E-1]"` since 3.0 (one intercept per target).
    static func number(_ text: String) -> Double? {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
            trimmed = String(trimmed.dropFirst().dropLast())
            guard !trimmed.contains(",") else { return nil }
        }
        return Double(trimmed.trimmingCharacters(in: .whitespaces))
    }
}
