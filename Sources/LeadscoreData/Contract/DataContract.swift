import Foundation

/// The data contract: which Lead fields leadscore reads, what they mean, and how each may be used.
///
/// It is the single source of truth for ingest (types, required fields), privacy (PII is dropped or
/// hashed before anything is stored), leakage (fields known only after the outcome never reach a
/// model), explanations, the label, and feature options. Admins edit it as `contract.yaml`.
public struct DataContract: Sendable, Equatable, Codable {
    /// The version of the contract *format*; bumped only when the YAML layout changes.
    public static let formatVersion = 1

    public var version: Int
    /// A short name for the dataset, e.g. `acme-leads`.
    public var name: String
    /// The admin's own revision label for this contract, e.g. `2025-03`; recorded in every snapshot.
    public var revision: String
    /// The Salesforce object the fields belong to (always `Lead` today).
    public var object: String
    /// The record id field (`Id`), kept so scores can be written back; never a feature.
    public var idField: String?
    /// The creation timestamp (`CreatedDate`); without it splits are random (or by row order, see
    /// `split`) and labels have no window.
    public var createdField: String?
    public var label: LabelDefinition
    public var fields: [FieldSpec]
    public var features: FeatureOptions
    /// Texts read as "no value" in every field (`missing_values:`): form placeholders by default.
    public var missingValues: MissingValues
    /// How rows without a creation time are split (`split:`): random, or by row order for exports
    /// sorted oldest first. Ignored when every row has a creation time (the split is then temporal).
    public var split: SplitOrder

    public init(name: String, revision: String = "1", object: String = "Lead", idField: String?,
                createdField: String?, label: LabelDefinition, fields: [FieldSpec],
                features: FeatureOptions = FeatureOptions(), missingValues: MissingValues = .standard,
                split: SplitOrder = .random) {
        self.version = Self.formatVersion
        self.name = name
        self.revision = revision
        self.object = object
        self.idField = idField
        self.createdField = createdField
        self.label = label
        self.fields = fields
        self.features = features
        self.missingValues = missingValues
        self.split = split
    }

    public func field(named name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }

    /// Fields that only describe the outcome: the label flag and its event date.
    public var labelFieldNames: Set<String> {
        var names: Set<String> = [label.field]
        if let dateField = label.dateField { names.insert(dateField) }
        return names
    }
}

/// How a lead is labelled positive.
///
/// Positive = the `field` flag is true and, when `dateField` is given, the event happened within
/// `windowDays` of creation. Leads younger than `windowDays` at the data's as-of time are immature:
/// they are left out, not counted as negatives.
public struct LabelDefinition: Sendable, Equatable, Codable {
    /// A yes/no column: `IsConverted`, or a plain 0/1, true/false or Yes/No column.
    public var field: String
    /// When the event happened (`ConvertedDate`); optional.
    public var dateField: String?
    /// The conversion window in days; also the maturity cut-off.
    public var windowDays: Int?

    public init(field: String, dateField: String? = nil, windowDays: Int? = 90) {
        self.field = field
        self.dateField = dateField
        self.windowDays = windowDays
    }
}

/// One input field of the contract.
public struct FieldSpec: Sendable, Equatable, Codable {
    /// The Salesforce API name, e.g. `LeadSource`, `Pricing_Page_Visits__c`.
    public var name: String
    /// The field label as reports show it ("Lead Source"); lets report exports map onto the contract.
    public var label: String?
    public var type: FieldType
    /// A row without a value here is rejected.
    public var required: Bool
    /// Allowed values for picklists (empty: any value); others are kept but counted as unexpected.
    public var values: [String]
    /// How a missing value is encoded for models.
    public var missing: MissingPolicy
    /// Personal data: never stored raw in snapshots or logs.
    public var pii: Bool
    /// What a snapshot does with a PII value: drop it, or keep a salted hash (for joins and dedupe).
    public var piiAction: PIIAction
    /// Non-identifying values computed from this field before the raw value is dropped or hashed.
    public var derive: [Derivation]
    /// Whether a model may use the field at scoring time.
    public var scoring: ScoringUse
    /// Whether the field may be named in a lead's reasons.
    public var explain: Bool
    /// Free text for reviewers, e.g. why a field is marked as leakage.
    public var note: String?
    /// The smallest and largest value a lead can have (numbers; dates and datetimes as seconds since
    /// 1970 UTC, written as dates in YAML). The scoring API refuses or flags a value outside them.
    public var minimum: Double?
    public var maximum: Double?

    public init(name: String, label: String? = nil, type: FieldType, required: Bool = false,
                values: [String] = [], missing: MissingPolicy? = nil, pii: Bool = false,
                piiAction: PIIAction = .drop, derive: [Derivation] = [], scoring: ScoringUse = .allowed,
                explain: Bool = true, note: String? = nil, minimum: Double? = nil, maximum: Double? = nil) {
        self.name = name
        self.label = label
        self.type = type
        self.required = required
        self.values = values
        self.missing = missing ?? MissingPolicy.defaultPolicy(for: type)
        self.pii = pii
        self.piiAction = piiAction
        self.derive = derive
        self.scoring = scoring
        self.explain = explain
        self.note = note
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Whether `min`/`max` mean anything for the field's type.
    public var takesRange: Bool { type == .number || type == .integer || type.isTemporal }

    /// Why `value` (a number, or a time as seconds since 1970) is outside the field's range, or nil inside it.
    public func rangeProblem(_ value: Double) -> String? {
        if let minimum, value < minimum { return "below the contract's minimum \(FieldSpec.text(of: minimum, type: type))" }
        if let maximum, value > maximum { return "above the contract's maximum \(FieldSpec.text(of: maximum, type: type))" }
        return nil
    }

    /// A bound as the contract writes it: a number, or a date (a datetime when not midnight UTC).
    public static func text(of bound: Double, type: FieldType) -> String {
        if type.isTemporal {
            let date = Date(timeIntervalSince1970: bound)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = bound.truncatingRemainder(dividingBy: 86_400) == 0 ? [.withFullDate] : [.withInternetDateTime]
            return formatter.string(from: date)
        }
        return bound.rounded() == bound && abs(bound) < 1e15 ? String(Int64(bound)) : String(bound)
    }

    /// The column names this field contributes to a snapshot: its own (unless dropped) and derived ones.
    public var snapshotColumns: [String] {
        var columns: [String] = []
        if !pii || piiAction == .hash { columns.append(name) }
        columns.append(contentsOf: derive.map { $0.columnName(for: name) })
        return columns
    }
}

/// How a missing value is encoded for models.
public enum MissingPolicy: String, Sendable, Codable, CaseIterable {
    /// Numbers, flags, dates: left as missing, with an extra "is missing" feature.
    case indicator
    /// Numbers: missing means zero (e.g. a counter that was never incremented).
    case zero
    /// Text and picklists: an explicit `Unknown` category.
    case unknown
    /// Checkboxes: missing means false.
    case `false`

    public static func defaultPolicy(for type: FieldType) -> MissingPolicy {
        switch type {
        case .number, .integer, .date, .datetime: return .indicator
        case .boolean: return .false
        default: return .unknown
        }
    }

    /// Types this policy makes sense for.
    public func allows(_ type: FieldType) -> Bool {
        switch self {
        case .indicator: return [.number, .integer, .boolean, .date, .datetime].contains(type)
        case .zero: return [.number, .integer].contains(type)
        case .unknown: return ![.number, .integer, .date, .datetime].contains(type)
        case .false: return type == .boolean
        }
    }
}

public enum PIIAction: String, Sendable, Codable, CaseIterable {
    case drop, hash
}

public enum ScoringUse: String, Sendable, Codable, CaseIterable {
    /// Known when the lead is scored; may be a feature.
    case allowed
    /// Known only after the outcome (ConvertedDate, Status, Rating set by reps…); never a feature.
    case leakage
    /// Kept in snapshots for reference but not a feature (owner ids, system fields).
    case excluded
}

/// A non-identifying value derived from a (usually PII) field before the raw value is removed.
public enum Derivation: String, Sendable, Codable, CaseIterable {
    /// `free`, `corporate` or `invalid`, from an email address; never the address itself.
    case emailDomainClass = "email_domain_class"
    /// `c_level`, `vp`, `director`, `manager`, `individual`, `entry` or `unknown`, from a job title.
    case titleSeniority = "title_seniority"
    /// `sales`, `marketing`, `it`, `finance`, `operations`, `hr`, `executive` or `other`, from a job title.
    case titleFunction = "title_function"

    /// Snapshot column name, e.g. `Email.domain_class`. Dots never occur in Salesforce API names.
    public func columnName(for field: String) -> String {
        switch self {
        case .emailDomainClass: return "\(field).domain_class"
        case .titleSeniority: return "\(field).seniority"
        case .titleFunction: return "\(field).function"
        }
    }

    /// The value derived from `value` (which is already trimmed and non-empty).
    public func derive(from value: String) -> String {
        switch self {
        case .emailDomainClass: return EmailDomainClassifier.classify(value).rawValue
        case .titleSeniority: return TitleClassifier.seniority(of: value).rawValue
        case .titleFunction: return TitleClassifier.function(of: value).rawValue
        }
    }

    public func allows(_ type: FieldType) -> Bool {
        switch self {
        case .emailDomainClass: return type == .email || type == .string
        case .titleSeniority, .titleFunction: return type == .string || type == .picklist
        }
    }
}
