/// A tier as the package needs it: the value written to `AI_Tier__c`, the label people see, and the
/// route the service answers with. The CLI takes them from the bundle's scoring policy (best first),
/// so this module does not depend on the models module.
public struct PackageTier: Sendable, Equatable {
    public var name: String
    public var label: String
    public var route: String

    public init(name: String, label: String, route: String) {
        self.name = name
        self.label = label
        self.route = route
    }
}
