/// A typed plugin parameter (`parameters = { horizon_days = { type = "integer", default = 30 } }`).
public struct PluginParameter: Hashable, Codable, Sendable {
    public enum Kind: String, Hashable, Codable, Sendable, CaseIterable {
        case string, integer, number, boolean
        /// A list of texts.
        case list
        /// Any table (a map of texts to values…).
        case table
        /// One text out of `values`.
        case `enum`
    }

    public var name: String
    public var kind: Kind
    /// `.nil` when the parameter has no default.
    public var defaultValue: PolicyValue
    public var description: String?
    /// For `enum`: the allowed values.
    public var values: [String]
    public var min: Double?
    public var max: Double?
    /// Its name in English (`en = "threats"` in the manifest), which a
    /// policy may use instead of `name`; the plugin reads it as `name`.
    public var englishName: String?

    public init(
        name: String, kind: Kind, defaultValue: PolicyValue = .nil, description: String? = nil, values: [String] = [],
        min: Double? = nil, max: Double? = nil, englishName: String? = nil
    ) {
        self.englishName = englishName
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.description = description
        self.values = values
        self.min = min
        self.max = max
    }
}

/// A plugin's `plugin.lua`: `plugin { name, version, provides, parameters }`.
public struct PluginManifest: Hashable, Codable, Sendable {
    public var name: String
    public var version: SemanticVersion
    public var texts: DeclarationTexts
    /// What it provides, by kind (`rules`, `indicators`, `reactions`…), as declared.
    public var provides: [String: [String]]
    /// Sorted by name.
    public var parameters: [PluginParameter]
    /// The plugin's folder.
    public var directory: String
    public var location: SourceLocation
    /// The effective parameters the policy gave it (defaults filled in).
    public var effectiveParameters: [String: PolicyValue]

    public init(
        name: String, version: SemanticVersion, texts: DeclarationTexts = DeclarationTexts(),
        provides: [String: [String]] = [:], parameters: [PluginParameter] = [], directory: String,
        location: SourceLocation, effectiveParameters: [String: PolicyValue] = [:]
    ) {
        self.name = name
        self.version = version
        self.texts = texts
        self.provides = provides
        self.parameters = parameters
        self.directory = directory
        self.location = location
        self.effectiveParameters = effectiveParameters
    }
}
