import Foundation
import LuaHost
import VigiePolicy

/// Where plugins are found: each search path holds plugin folders
/// (`<path>/<name>/plugin.lua`, `init.lua`, other modules).
public struct PluginCatalog: Sendable {
    public var searchPaths: [String]

    public init(searchPaths: [String]) {
        self.searchPaths = searchPaths
    }

    /// The folders named `name` in the search paths, in search order.
    func candidates(_ name: String) -> [String] {
        var out: [String] = []
        for path in searchPaths {
            let dir = (path as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("plugin.lua")) {
                out.append(dir)
            }
        }
        return out
    }

    /// Plugins available in the search paths, by name (for suggestions).
    public func availableNames() -> [String] {
        var names = Set<String>()
        for path in searchPaths {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                let manifest = ((path as NSString).appendingPathComponent(entry) as NSString)
                    .appendingPathComponent("plugin.lua")
                if FileManager.default.fileExists(atPath: manifest) { names.insert(entry) }
            }
        }
        return names.sorted()
    }
}

/// Checks the parameters a policy gives a plugin against its manifest.
enum ParameterValidator {
    static func validate(
        plugin: String, parameters: [PluginParameter], given: [String: LuaValue], at location: SourceLocation
    ) throws(PolicyError) -> [String: LuaValue] {
        var result: [String: LuaValue] = [:]
        let known = Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0) })
        // A parameter's English name stands for it (`threats` for `menaces`).
        let english = Dictionary(parameters.compactMap { p in p.englishName.map { ($0, p.name) } }) { a, _ in a }
        var given = given
        for (alias, name) in english.sorted(by: { $0.key < $1.key }) where alias != name {
            guard let value = given.removeValue(forKey: alias) else { continue }
            if given[name] != nil {
                throw PolicyError(
                    .parameter, at: location,
                    "plugin \"\(plugin)\": \"\(alias)\" and \"\(name)\" are the same parameter, given twice",
                    hint: "keep one of them")
            }
            given[name] = value
        }
        for name in given.keys.sorted() where known[name] == nil {
            let names = parameters.map { p in p.name + (p.englishName.map { " (\($0))" } ?? "") }.joined(separator: ", ")
            let close = Suggestion.closest(name, among: parameters.map(\.name) + parameters.compactMap(\.englishName))
            throw PolicyError(
                .parameter, at: location,
                "plugin \"\(plugin)\" has no parameter \"\(name)\""
                    + (close.isEmpty ? "" : "; did you mean \(close.map { "\"\($0)\"" }.joined(separator: " or "))?"),
                hint: names.isEmpty ? "this plugin takes no parameters: write \(plugin) = {}" : "its parameters are: \(names)")
        }
        for p in parameters {
            guard let value = given[p.name], !value.isNil else {
                result[p.name] = p.defaultValue.luaValue
                continue
            }
            result[p.name] = try check(plugin: plugin, p, value, at: location)
        }
        return result
    }

    static func describe(_ v: LuaValue) -> String {
        switch v {
        case .string(let s): "the text \"\(s)\""
        case .integer(let i): "the integer \(i)"
        case .number(let d): "the number \(d)"
        case .boolean(let b): "the boolean \(b)"
        case .array, .table: "a table"
        case .nil: "nothing"
        case .opaque(let t): "a \(t)"
        }
    }

    static func check(plugin: String, _ p: PluginParameter, _ value: LuaValue, at location: SourceLocation)
        throws(PolicyError) -> LuaValue
    {
        func wrong(_ expected: String, _ example: String) -> PolicyError {
            PolicyError(
                .parameter, at: location,
                "plugin \"\(plugin)\": parameter \"\(p.name)\" expects \(expected), got \(describe(value))",
                hint: "write \(p.name) = \(example)" + (p.description.map { " (\($0))" } ?? ""))
        }
        var ok: Bool
        switch p.kind {
        case .string: ok = value.stringValue != nil
        case .integer: ok = { if case .integer = value { return true }; return false }()
        case .number: ok = value.doubleValue != nil
        case .boolean: ok = value.boolValue != nil
        case .list: ok = value.arrayValue.map { $0.allSatisfy { $0.stringValue != nil } } ?? false
        case .table: ok = value.tableValue != nil
        case .enum: ok = value.stringValue.map { p.values.contains($0) } ?? false
        }
        if !ok {
            switch p.kind {
            case .string: throw wrong("a text", "\"...\"")
            case .integer: throw wrong("an integer", p.defaultValue.isNil ? "30" : p.defaultValue.luaValue.luaLiteral)
            case .number: throw wrong("a number", p.defaultValue.isNil ? "0.5" : p.defaultValue.luaValue.luaLiteral)
            case .boolean: throw wrong("true or false", "true")
            case .list: throw wrong("a list of texts", "{ \"a\", \"b\" }")
            case .table: throw wrong("a table", "{ ... }")
            case .enum:
                throw wrong("one of " + p.values.map { "\"\($0)\"" }.joined(separator: ", "), "\"\(p.values.first ?? "")\"")
            }
        }
        if let d = value.doubleValue {
            if let min = p.min, d < min {
                throw PolicyError(.parameter, at: location,
                    "plugin \"\(plugin)\": parameter \"\(p.name)\" must be at least \(LuaValue.number(min).luaLiteral), got \(value.luaLiteral)")
            }
            if let max = p.max, d > max {
                throw PolicyError(.parameter, at: location,
                    "plugin \"\(plugin)\": parameter \"\(p.name)\" must be at most \(LuaValue.number(max).luaLiteral), got \(value.luaLiteral)")
            }
        }
        return value
    }
}

extension LuaValue {
    /// A short Lua-like literal for messages.
    var luaLiteral: String {
        switch self {
        case .nil: "nil"
        case .boolean(let b): b ? "true" : "false"
        case .integer(let i): String(i)
        case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): "\"\(s)\""
        case .array, .table: "{ ... }"
        case .opaque(let t): t
        }
    }
}
