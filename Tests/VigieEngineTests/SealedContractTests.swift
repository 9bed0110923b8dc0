import Foundation
import LuaHost
import Testing
import VigieModel
import VigiePolicy

@testable import VigieEngine

/// The engine and its Lua half talk through references the host holds:
/// no policy or plugin can replace an entry point or a library.
@Suite struct SealedContractTests {
    /// Every global through which the host and the engine meet while it
    /// loads (the entry points, with the test framework's; the host's
    /// functions), and former names of the contract: any `__vigie_` name.
    static let reservedNames: [String] = {
        let loaded = (try? engine(header, testing: true))?.engineGlobalNames ?? []
        return loaded + ["__vigie_cursor", "__vigie_out", "__vigie_ctx", "__vigie_fn_text_anything"]
    }()

    /// The API's globals and library tables, from a loaded engine.
    static let apiNames: [String] = (try? engine(header, testing: true))?.apiNames() ?? []

    static let libraries = ["text", "ling", "pii", "links", "dates", "geo", "vocab", "org", "plugins"]

    @Test func theReservedNamesCoverEveryEntryPointAndHostFunction() throws {
        let names = Set(Self.reservedNames)
        for point in EngineEntryPoint.allCases { #expect(names.contains(point.globalName)) }
        #expect(names.contains("__vigie_fn_text_fold"))
        #expect(names.contains("__vigie_fn_pii_phones"))
        #expect(names.contains("__vigie_fn_host_post"))
        #expect(names.contains("__vigie_where"))
        #expect(Self.apiNames.contains("rule"))
        #expect(Self.apiNames.contains("text"))
        #expect(Self.apiNames.contains("check"))
    }

    /// After loading, none of them is left in the environment.
    @Test(arguments: reservedNames)
    func noEntryPointIsLeftAsAGlobal(name: String) throws {
        let e = try engine(header, testing: true)
        #expect(try e.evaluate("return rawget(_ENV, \"\(name)\") == nil and \(name) == nil") == [.boolean(true)])
    }

    /// Assigning one, by assignment, through _G or with rawset, is a load
    /// error at the line that tries.
    @Test(arguments: reservedNames)
    func replacingAnEntryPointIsALoadError(name: String) throws {
        for assignment in ["\(name) = function() end", "_G[\"\(name)\"] = function() end", "rawset(_ENV, \"\(name)\", 1)"] {
            let error = loadError(header + "\nlocal x = 1\n" + assignment, testing: true)
            #expect(error?.location == SourceLocation(file: "test/policy.lua", line: 3), "\(assignment)")
            #expect(error?.message == "cannot replace the engine's entry point \(name)", "\(assignment)")
            #expect(error?.description.hasPrefix("test/policy.lua:3: error: cannot replace the engine's entry point") == true)
        }
    }

    /// The hole this closes: a policy that blanks the dispatcher used to
    /// make `vigie check` report nothing.
    @Test func blankingTheDispatcherCannotSilenceTheRules() throws {
        let rules = header + """

            rule "tout" { check = function(post, ctx) ctx:flag() end }
            """
        #expect(loadError(rules + "\n__vigie_check = function() end")?.location?.line == 3)
        // Even a script that gets around every check only makes a global nobody reads.
        let e = try engine(rules)
        _ = try? e.evaluate("__vigie_check = function() end")
        #expect(e.check(post("Bonjour")).findings.map(\.ruleID) == ["tout"])
    }

    /// A plugin is held to the same contract; the error names its file.
    @Test func aPluginThatReplacesAnEntryPointFailsToLoadNamingItsFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("sournois/plugin.lua", #"plugin { name = "sournois", version = "1.0.0" }"#)
        try folder.write("sournois/init.lua", "-- a shared plugin that silences the others\n__vigie_check = function() end\n")
        let error = loadError(#"policy { name = "p", uses = { sournois = {} } }"#, plugins: [folder.path])
        #expect(error?.location == SourceLocation(file: folder.path + "/sournois/init.lua", line: 2))
        #expect(error?.message == "cannot replace the engine's entry point __vigie_check")
    }

    /// The API's names cannot be replaced either.
    @Test(arguments: apiNames)
    func replacingAnAPINameIsALoadError(name: String) throws {
        let error = loadError(header + "\n\(name) = nil", testing: true)
        #expect(error?.location?.line == 2)
        #expect(error?.message.hasPrefix("cannot replace the engine's ") == true)
        #expect(error?.message.hasSuffix(" \(name)") == true)
    }

    /// Every field of every library table is read-only, against assignment
    /// and rawset; the metatables are locked.
    @Test(arguments: libraries)
    func libraryTablesAreReadOnly(library: String) throws {
        let e = try engine(header)
        // (vocab is a function whose one field, names, is computed.)
        let fields = library == "vocab" ? ["names"]
            : try e.evaluate("local out = {} for k in pairs(\(library)) do out[#out + 1] = k end table.sort(out) return out")
                .first.map(DocsTests.names) ?? []
        if library != "org" && library != "plugins" { #expect(!fields.isEmpty) }
        for field in fields + ["nouveau"] {
            let error = loadError(header + "\n\(library).\(field) = function() end")
            #expect(error?.location?.line == 2, "\(library).\(field)")
            let expected = library == "org" ? "the organisation profile is read-only"
                : library == "plugins" ? "plugins is read-only: a plugin exports what its init.lua returns"
                : "\(library).\(field) is read-only"
            #expect(error?.message == expected)
            let raw = loadError(header + "\nrawset(\(library), \"\(field)\", 1)")
            #expect(raw?.location?.line == 2)
            #expect(raw?.message == "\(library).\(field) is read-only")
        }
        let unlock = loadError(header + "\nsetmetatable(\(library), nil)")
        #expect(unlock?.message.contains("protected metatable") == true)
        #expect(try e.evaluate("return getmetatable(\(library))") == [.string("read-only")])
    }

    @Test func lexiconObjectsAreReadOnly() throws {
        let assign = loadError(header + "\nlocal l = text.lexicon { \"a\" }\nl.matches = function() return {} end")
        #expect(assign?.location?.line == 3)
        #expect(assign?.message == "lexicon.matches is read-only")
        let raw = loadError(header + "\nlocal l = vocab(\"insult\")\nrawset(l, \"contains\", function() return false end)")
        #expect(raw?.message == "lexicon.contains is read-only")
        let e = try engine(header)
        #expect(try e.evaluate("return getmetatable(vocab('insult')), #text.lexicon { 'a', 'b' }") == [.string("lexicon"), .integer(2)])
    }

    /// ctx is read-only too: a rule that tries fails alone, the next rule
    /// still flags.
    @Test func aRuleCannotReplaceCtxFlagForTheOthers() throws {
        let e = try engine(header + """

            rule "saboteur" { check = function(post, ctx) ctx.flag = function() end end }
            rule "honnete" { check = function(post, ctx) ctx:flag() end }
            """)
        let result = e.check(post("Bonjour"))
        #expect(result.findings.map(\.ruleID) == ["honnete"])
        #expect(result.failures.map(\.ruleID) == ["saboteur"])
        #expect(result.failures.first?.message == "ctx.flag is read-only")
        #expect(result.failures.first?.location?.line == 2)
    }

    /// The test framework is there for `vigie test` and the REPL only.
    @Test func theTestFrameworkIsNotLoadedForCheck() throws {
        let production = try engine(header)
        for name in ["describe", "it", "check", "expect", "fixture"] {
            #expect(try production.evaluate("return \(name)") == [.nil], "\(name)")
            #expect(!production.apiNames().contains(name))
        }
        #expect(throws: PolicyError.self) { try production.runTests(source: "", file: "t_test.lua") }
        let testing = try engine(header, testing: true)
        #expect(try testing.evaluate("return type(check), type(expect)") == [.string("function"), .string("function")])
    }

    /// The REPL reloads into its own environment: the previous engine takes
    /// its seal off for the next one, and back when the next one fails.
    @Test func reloadingIntoTheSameEnvironmentKeepsItSealed() throws {
        let state = try LuaState(limits: testLimits)
        let place = LuaHostPlace(state: state, environment: try state.makeEnvironment())
        let good = header + "\nrule \"mot\" { check = function(post, ctx) if post.text:find(\"zut\") then ctx:flag() end end }"
        let first = try PolicyEngine(source: good, file: "test/policy.lua", limits: testLimits, host: place, testing: true)
        #expect(throws: LuaError.self) { try first.evaluate("rule = 1") }
        // A failed reload: the first engine takes the environment back.
        first.releaseEnvironment()
        #expect(throws: PolicyError.self) {
            try PolicyEngine(source: header + "\nrule \"r\" {", file: "test/policy.lua", limits: testLimits, host: place, testing: true)
        }
        first.reclaimEnvironment()
        #expect(try first.evaluate("return #check('zut').flags") == [.integer(1)])
        #expect(throws: LuaError.self) { try first.evaluate("text.fold = nil") }
        #expect(throws: LuaError.self) { try first.evaluate("__vigie_check = nil") }
        // A good one: sealed in its turn.
        first.releaseEnvironment()
        let second = try PolicyEngine(source: good, file: "test/policy.lua", limits: testLimits, host: place, testing: true)
        #expect(try second.evaluate("return #check('zut').flags") == [.integer(1)])
        #expect(throws: LuaError.self) { try second.evaluate("rule = 1") }
        #expect(try second.evaluate("return getmetatable(_ENV) ~= nil, rawget(_ENV, 'rule') == nil") == [.boolean(true), .boolean(true)])
    }
}
