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

extension LuaValue: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .nil }
        else if let b = try? c.decode(Bool.self) { self = .boolean(b) }
        else if let i = try? c.decode(Int64.self) { self = .integer(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([LuaValue].self) { self = .array(a) }
        else {
            let m = try c.decode([String: LuaValue].self)
            var t: [LuaValue: LuaValue] = [:]
            for (k, v) in m { t[.string(k)] = v }
            self = .table(t)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .nil, .opaque: try c.encodeNil()
        case .boolean(let b): try c.encode(b)
        case .integer(let i): try c.encode(i)
        case .number(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .table(let t):
            var m: [String: LuaValue] = [:]
            for (k, v) in t { m[k.stringValue ?? "\(k)"] = v }
            try c.encode(m)
        }
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
    public var effectiveParameters: [String: LuaValue]
}
