/// What the model card says about the bundle itself rather than its evaluation: the CLI fills it
/// from the bundle manifest, so the renderers stay pure functions of their inputs.
public struct ModelCardHeader: Sendable {
    public var modelName: String
    public var modelVersion: String
    /// When the bundle was trained, as written in its manifest (ISO 8601).
    public var createdAt: String
    /// Library name → version (XGBoost, leadscore…), listed in the footer for reproducibility.
    public var libraryVersions: [String: String]
    /// Free-text notes from whoever trained the model, shown next to the known limitations.
    public var notes: [String]

    public init(modelName: String, modelVersion: String, createdAt: String,
                libraryVersions: [String: String] = [:], notes: [String] = []) {
        self.modelName = modelName
        self.modelVersion = modelVersion
        self.createdAt = createdAt
        self.libraryVersions = libraryVersions
        self.notes = notes
    }
}
