import Foundation
import LuaHost
import Testing
import VigieEngine
import VigieModel

/// The editor kit's LuaLS definitions (`Sources/VigieRun/EditorKit/`:
/// `vigie.d.lua`, and `vigie-testing.d.lua` for the test functions) against
/// what a loaded engine really exposes, both ways: nothing undocumented,
/// nothing documented that does not exist, and the test functions in their
/// own file only.
@Suite struct DocsTests {
    /// What the definitions file declares.
    struct Declared {
        /// `function name(` and `name = …` at the top level.
        var globals: Set<String> = []
        /// Those whose comment says "(test files and the REPL only)".
        var testOnly: Set<String> = []
        /// The globals of `vigie-testing.d.lua`.
        var testingFile: Set<String> = []
        /// `function lib.name(`, by library.
        var fields: [String: Set<String>] = [:]
        /// `function Class:name(`, by class.
        var methods: [String: Set<String>] = [:]
        /// `---@field name` of each `---@class`.
        var classFields: [String: Set<String>] = [:]
    }

    static let kit = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/VigieRun/EditorKit")

    static func declared() throws -> Declared {
        var d = Declared()
        try read(kit.appendingPathComponent("vigie.d.lua").path, into: &d)
        let before = d.globals
        try read(kit.appendingPathComponent("vigie-testing.d.lua").path, into: &d)
        d.testingFile = d.globals.subtracting(before)
        return d
    }

    static func read(_ path: String, into d: inout Declared) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var comment = ""
        var currentClass: String?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("---@class ") {
                currentClass = line.dropFirst(10).split(separator: ":")[0].split(separator: " ")[0].description
            } else if line.hasPrefix("---@field "), let c = currentClass {
                let name = line.dropFirst(10).split(separator: " ")[0].replacingOccurrences(of: "?", with: "")
                d.classFields[c, default: []].insert(name)
            } else if !line.hasPrefix("---") {
                currentClass = nil
            }
            if line.hasPrefix("---") {
                comment += line + "\n"
                continue
            }
            defer { comment = "" }
            var name: String?
            if line.hasPrefix("function "), let open = line.firstIndex(of: "(") {
                let full = String(line[line.index(line.startIndex, offsetBy: 9)..<open])
                if let dot = full.firstIndex(of: ".") {
                    d.fields[String(full[..<dot]), default: []].insert(String(full[full.index(after: dot)...]))
                } else if let colon = full.firstIndex(of: ":") {
                    d.methods[String(full[..<colon]), default: []].insert(String(full[full.index(after: colon)...]))
                } else {
                    name = full
                }
            } else if let eq = line.range(of: " = "), !line.hasPrefix("local "), !line.hasPrefix(" "), !line.hasPrefix("-") {
                name = String(line[..<eq.lowerBound])
            }
            if let name {
                d.globals.insert(name)
                if comment.contains("(test files and the REPL only)") { d.testOnly.insert(name) }
            }
        }
    }

    /// The strings of a Lua list.
    static func names(_ value: LuaValue) -> [String] { value.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// The globals of a fresh sandbox environment (the standard library).
    static func standardGlobals() throws -> Set<String> {
        let state = try LuaState()
        let names = try state.run("local out = {} for k in next, _ENV do out[#out + 1] = k end return out", chunkName: "=std")
        return Set(names.first.map(Self.names) ?? [])
    }

    func engine(testing: Bool) throws -> PolicyEngine {
        try PolicyEngine(
            source: #"policy { name = "essai", version = "1.0.0", language = "fr" }"#, file: "test/policy.lua",
            testing: testing)
    }

    @Test func theGlobalsAreTheDocumentedOnes() throws {
        let d = try Self.declared()
        let e = try engine(testing: true)
        // `params` exists while a plugin's init.lua loads (PluginTests show it).
        let exposed = Set(e.apiNames()).union(["params"])
        #expect(exposed.count > 25 && exposed.contains("rule") && exposed.contains("allowed_level"))
        #expect(exposed.subtracting(d.globals).sorted() == [], "undocumented")
        #expect(d.globals.subtracting(exposed).sorted() == [], "documented but absent")
        // Nothing else is left in the environment beside the standard library.
        let raw = try e.evaluate("local out = {} for k in next, _ENV do out[#out + 1] = k end return out").first.map(Self.names) ?? []
        #expect(Set(raw).subtracting(try Self.standardGlobals()).sorted() == [])
    }

    @Test func theTestOnlyFunctionsAreMarkedAndAbsentFromCheck() throws {
        let d = try Self.declared()
        let testing = Set(try engine(testing: true).apiNames())
        let production = Set(try engine(testing: false).apiNames())
        #expect(d.testOnly == testing.subtracting(production))
        #expect(d.testOnly == ["describe", "it", "check", "expect", "fixture"])
        // In their own file, which only the tests' .luarc.json names.
        #expect(d.testingFile == d.testOnly)
    }

    @Test(arguments: ["text", "ling", "pii", "links", "dates", "geo"])
    func theLibraryFieldsAreTheDocumentedOnes(library: String) throws {
        let d = try Self.declared()
        let e = try engine(testing: false)
        let fields = try e.evaluate("local out = {} for k in pairs(\(library)) do out[#out + 1] = k end return out")
            .first.map(Self.names) ?? []
        #expect(!fields.isEmpty)
        #expect(Set(fields) == d.fields[library] ?? [])
    }

    @Test func theDocumentedMethodsExist() throws {
        let d = try Self.declared()
        let e = try engine(testing: false)
        for m in d.methods["Org"] ?? [] {
            #expect(try e.evaluate("return type(org.\(m))") == [.string("function")], "org:\(m)")
        }
        for m in d.methods["Lexicon"] ?? [] {
            #expect(try e.evaluate("return type(vocab('insult').\(m))") == [.string("function")], "lexicon:\(m)")
        }
        let matchers = d.methods["LingMatcher"] ?? []
        #expect(matchers == ["matches", "contains", "count"])
        for m in matchers {
            #expect(try e.evaluate("return type(ling.pattern('tu vas … regretter').\(m))") == [.string("function")], "pattern:\(m)")
            #expect(try e.evaluate("return type(ling.vocab('insult').\(m))") == [.string("function")], "vocab:\(m)")
        }
        #expect(d.methods["Context"] == ["flag", "signal"])
        #expect(try e.evaluate("return type(vocab.names), #vocab.names > 0") == [.string("table"), .boolean(true)])
    }

    /// ctx: its methods and fields, as a rule sees them.
    @Test func theContextIsTheDocumentedOne() throws {
        let d = try Self.declared()
        let e = try PolicyEngine(
            source: #"""
                policy { name = "essai", version = "1.0.0", language = "fr" }
                rule "ctx" {
                  check = function(post, ctx)
                    local names = {}
                    for k, v in pairs(ctx) do names[#names + 1] = k .. ":" .. type(v) end
                    table.sort(names)
                    ctx:flag { advice = table.concat(names, " ") }
                  end,
                }
                """#, file: "test/policy.lua")
        let advice = e.check(Activity(
            id: "a", kind: .post, platform: .facebook, author: Account(platform: .facebook, handle: "x"), actorID: "client",
            timestamp: Timestamp(secondsSince1970: 0), text: "t", source: RecordSource(file: "t", index: 0))).findings.first?.advice
        let entries = (advice ?? "").split(separator: " ").map(String.init)
        let methods = Set(entries.filter { $0.hasSuffix(":function") }.map { String($0.dropLast(9)) })
        #expect(methods == d.methods["Context"])
        // the fields documented as @field of vigie.Context.
        let fields = Set(entries.filter { !$0.hasSuffix(":function") }.map { String($0.split(separator: ":")[0]) })
        #expect(fields == ["org", "params", "post", "rule", "actor"])
        #expect(fields == d.classFields["vigie.Context"])
    }
}
