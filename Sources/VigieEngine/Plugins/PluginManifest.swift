import LuaHost

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
    public var defaultValue: LuaValue
    public var description: String?
    /// For `enum`: the allowed values.
    public var values: [String]
    public var min: Double?
    public var max: Double?
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
    public var effectiveParameters: [String: LuaValue]
}
