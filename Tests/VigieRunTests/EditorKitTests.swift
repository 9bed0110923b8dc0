import Foundation
import Testing
import VigieImport
import VigieRun
import Yams

/// The editor kit beside a policy (issue 20: `vigie init` wrote no
/// `.luarc.json`, nothing put the LuaLS definitions beside a client's
/// policy, no JSON Schema for `profile.yaml`).
@Suite("Editor kit")
struct EditorKitTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func json(_ url: URL) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test(arguments: ["fr", "en"])
    func initWritesTheKitBesideThePolicy(language: String) throws {
        let parent = try scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = parent.appendingPathComponent("garderie")
        let names = try PolicyScaffold.create(client: "garderie", language: language, in: folder)
        #expect(names.contains(".luarc.json") && names.contains("tests/.luarc.json"))
        #expect(names.contains(".vigie-editor/vigie.d.lua") && names.contains(".vigie-editor/profile.schema.json"))
        // The policy's .luarc.json names the API, not the test functions.
        let luarc = try json(folder.appendingPathComponent(".luarc.json"))
        let library = try #require(luarc["workspace.library"] as? [String])
        #expect(library == [".vigie-editor/vigie.d.lua"])
        #expect(luarc["runtime.version"] as? String == "Lua 5.4")
        for path in library { #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)) }
        // The tests' .luarc.json names both, relative to tests/.
        let tests = try json(folder.appendingPathComponent("tests/.luarc.json"))
        let testLibrary = try #require(tests["workspace.library"] as? [String])
        #expect(testLibrary == ["../.vigie-editor/vigie.d.lua", "../.vigie-editor/vigie-testing.d.lua"])
        for path in testLibrary {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("tests").appendingPathComponent(path).standardized.path))
        }
        // The definitions are the repository's, the test functions apart.
        let api = try String(contentsOf: folder.appendingPathComponent(".vigie-editor/vigie.d.lua"), encoding: .utf8)
        #expect(api == (try String(contentsOf: Self.root.appendingPathComponent("Sources/VigieRun/EditorKit/vigie.d.lua"), encoding: .utf8)))
        #expect(!api.contains("function check(") && !api.contains("function expect("))
        #expect(api.contains("---@return fun(changes: vigie.ExtendSpec)"))
        // The profile names its schema on its first line, and is valid by it.
        let profile = try String(contentsOf: folder.appendingPathComponent("profile.yaml"), encoding: .utf8)
        #expect(profile.hasPrefix(EditorKit.modeline + "\n"))
        let schema = try SchemaValidator(folder.appendingPathComponent(".vigie-editor/profile.schema.json"))
        #expect(try schema.errors(yaml: profile) == [])
        // And it still loads.
        _ = try ProfileLoader.load(path: folder.appendingPathComponent("profile.yaml").path)
    }

    @Test func theKitKeepsAUsersOwnConfigurationAndRefreshesItsOwn() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "policy { name = \"x\", version = \"1.0.0\" }\n".write(to: folder.appendingPathComponent("policy.lua"), atomically: true, encoding: .utf8)
        try "{ \"workspace.library\": [\"mine\"] }\n".write(to: folder.appendingPathComponent(".luarc.json"), atomically: true, encoding: .utf8)
        try "schema: vigie.profile/1\norganisation:\n  name: X\n".write(to: folder.appendingPathComponent("profile.yaml"), atomically: true, encoding: .utf8)
        let first = try EditorKit.write(into: folder.path)
        #expect(first.kept == [".luarc.json (yours: add .vigie-editor/vigie.d.lua to its workspace.library)"])
        #expect(first.written.contains("profile.yaml") && !first.written.contains("tests/.luarc.json"))
        #expect(try String(contentsOf: folder.appendingPathComponent(".luarc.json"), encoding: .utf8).contains("mine"))
        // Again: the profile's first line is not added twice.
        let second = try EditorKit.write(into: folder.path)
        #expect(!second.written.contains("profile.yaml"))
        let profile = try String(contentsOf: folder.appendingPathComponent("profile.yaml"), encoding: .utf8)
        #expect(profile.components(separatedBy: "yaml-language-server").count == 2)
        // Not a policy folder: said so.
        let empty = try scratch()
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: RunError.self) { try EditorKit.write(into: empty.path) }
    }

    @Test func theBundledProfilesAreValidAndMistakesAreCaught() throws {
        let schema = try SchemaValidator(Self.root.appendingPathComponent("Sources/VigieRun/EditorKit/profile.schema.json"))
        for policy in ["entretien-menager", "nordelia", "northshore-physio"] {
            let text = try String(contentsOf: Self.root.appendingPathComponent("Policies/\(policy)/profile.yaml"), encoding: .utf8)
            #expect(try schema.errors(yaml: text) == [], "\(policy)")
        }
        let base = "schema: vigie.profile/1\norganisation:\n  name: X\n"
        // Each mistake: what the schema says; the loader refuses the same file
        // where it reads the key (a typo'd key only the schema catches).
        let mistakes: [(String, String, Bool)] = [
            (base + "purpose:\n  - vendre\n", "/: unknown key purpose", false),
            (base + "assets:\n  - id: a\n    title: A\n    classification: tres-secret\n", "/assets/0/classification: not one of", true),
            (base + "people:\n  - id: p\n    name: P\n    kind: cliente\n", "/people/0/kind: not one of", true),
            (base + "people:\n  - id: p\n    name: P\n    consent:\n      from: 2026-1-15\n", "/people/0/consent/from: does not match", true),
            ("schema: vigie.profile/2\norganisation:\n  name: X\n", "/schema: not vigie.profile/1", true),
            ("organisation:\n  sector: x\n", "/organisation: no name", true),
            (base + "platforms:\n  - platform: facebook\n", "/platforms/0: no strategy", true),
        ]
        for (text, expected, loaderRefuses) in mistakes {
            let errors = try schema.errors(yaml: text)
            #expect(errors.contains { $0.hasPrefix(expected) }, "\(expected): \(errors)")
            var refused = false
            do { _ = try ProfileLoader.load(yaml: text, file: "p.yaml") } catch { refused = true }
            #expect(refused == loaderRefuses, "\(expected)")
        }
    }
}

/// A validator of the JSON Schema keywords the profile's schema uses
/// (type, properties, required, additionalProperties, items, enum, const,
/// pattern, minLength, allOf, not, $ref to #/definitions): enough to hold
/// the schema to what it says, without a validator package.
struct SchemaValidator {
    let schema: [String: Any]

    init(_ url: URL) throws {
        schema = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// The errors of a YAML document, as "/path: why".
    func errors(yaml: String) throws -> [String] {
        var out: [String] = []
        validate(try Self.plain(Yams.load(yaml: yaml)), against: schema, at: "", into: &out)
        return out
    }

    /// YAML values as JSON would have them (dates and numbers as YAML
    /// reads them, keys as strings).
    static func plain(_ value: Any?) -> Any {
        switch value {
        case let map as [AnyHashable: Any]:
            var out: [String: Any] = [:]
            for (k, v) in map { out["\(k)"] = plain(v) }
            return out
        case let list as [Any]: return list.map { plain($0) }
        case let date as Date:
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd"
            f.timeZone = TimeZone(identifier: "UTC")
            return f.string(from: date)
        case nil: return NSNull()
        default: return value!
        }
    }

    func resolve(_ s: [String: Any]) -> [String: Any] {
        guard let ref = s["$ref"] as? String, ref.hasPrefix("#/definitions/") else { return s }
        let name = String(ref.dropFirst("#/definitions/".count))
        let target = ((schema["definitions"] as? [String: Any])?[name] as? [String: Any]) ?? [:]
        return resolve(target)
    }

    func validate(_ value: Any, against raw: [String: Any], at path: String, into out: inout [String]) {
        let s = resolve(raw)
        let here = path.isEmpty ? "/" : path
        if let all = s["allOf"] as? [[String: Any]] {
            for sub in all { validate(value, against: sub, at: path, into: &out) }
        }
        if let not = s["not"] as? [String: Any] {
            var sub: [String] = []
            validate(value, against: not, at: path, into: &sub)
            if sub.isEmpty { out.append("\(here): matches what is forbidden") }
        }
        if let constant = s["const"] as? String, (value as? String) != constant {
            out.append("\(here): not \(constant)")
        }
        if let options = s["enum"] as? [String], !options.contains(value as? String ?? "\u{0}") {
            out.append("\(here): not one of \(options.joined(separator: ", "))")
        }
        switch s["type"] as? String {
        case "object":
            guard let map = value as? [String: Any] else { return out.append("\(here): not a mapping") }
            for key in s["required"] as? [String] ?? [] where map[key] == nil { out.append("\(here): no \(key)") }
            let properties = s["properties"] as? [String: Any] ?? [:]
            for (key, v) in map.sorted(by: { $0.key < $1.key }) {
                if let sub = properties[key] as? [String: Any] {
                    validate(v, against: sub, at: path + "/" + key, into: &out)
                } else if (s["additionalProperties"] as? Bool) == false {
                    out.append("\(here): unknown key \(key)")
                }
            }
        case "array":
            guard let list = value as? [Any] else { return out.append("\(here): not a list") }
            if let items = s["items"] as? [String: Any] {
                for (i, v) in list.enumerated() { validate(v, against: items, at: path + "/\(i)", into: &out) }
            }
        case "string":
            guard let text = value as? String else { return out.append("\(here): not a text") }
            if let min = s["minLength"] as? Int, text.count < min { out.append("\(here): shorter than \(min)") }
            if let pattern = s["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
                out.append("\(here): does not match \(pattern)")
            }
        case "boolean":
            if !(value is Bool) { out.append("\(here): not true or false") }
        default:
            if s["required"] != nil, let map = value as? [String: Any] {
                for key in s["required"] as? [String] ?? [] where map[key] == nil { out.append("\(here): no \(key)") }
            }
        }
    }
}
