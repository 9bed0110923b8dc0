import Foundation
import Testing

@testable import LuaHost

@Suite("Values cross the boundary both ways")
struct ValueBridgingTests {
    @Test(arguments: [
        LuaValue.nil, true, false, 0, -42, 9_007_199_254_740_993, 3.5, -0.25, "", "Élodie — l’été à Montréal 🌞",
        [1, 2, 3], ["nom": "Dupont", "âge": 41], [["a": [1, [2, [3]]]], "x"], ["liste": [], "vide": [:]],
    ] as [LuaValue])
    func roundTrip(_ value: LuaValue) throws {
        let state = try LuaState()
        let identity = try state.load("return ...", chunkName: "identity.lua")
        let back = try state.call(identity, [value], readOnly: false)
        // An empty table comes back as an empty `.table`.
        if case .array(let a) = value, a.isEmpty {
            #expect(back == [.table([:])])
        } else if case .table(let t) = value, t.values.contains(where: { $0.arrayValue == [] }) {
            #expect(back.count == 1)
            #expect(back[0]["liste"].arrayValue == [])
        } else {
            #expect(back == [value])
        }
    }

    /// The decoder keeps recent short strings in 256 slots chosen by a hash:
    /// thousands of distinct strings (many sharing a slot, some differing in
    /// one byte or in length only) must each arrive as themselves, as
    /// arguments and as a Swift function's results, call after call.
    @Test func manyShortStringsArriveIntact() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdeé-_:0129 ").map(String.init)
        var strings: Set<String> = ["", "a", "aa", "ab", "ba", "text", "texte", "tex"]
        while strings.count < 3_000 {
            let length = Int.random(in: 0...30, using: &generator)
            strings.insert((0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        let all = Array(strings)
        let state = try LuaState()
        let env = try state.makeEnvironment()
        try state.register("echo", in: env) { args in
            [.array((1...args.count).map { .string(args.string($0) ?? "?") })]
        }
        let check = try state.load(
            """
            local post, list = ...
            local keys = {}
            for k, v in pairs(post) do
              if k ~= v .. "=" then return "key " .. k .. " holds " .. v end
              keys[#keys + 1] = v
            end
            local back = echo(table.unpack(list))
            for i, s in ipairs(list) do
              if back[i] ~= s then return "echo " .. i end
            end
            return #keys, #back
            """, chunkName: "strings.lua", environment: env)
        for round in 0..<3 {
            let chunk = all.shuffled(using: &generator).prefix(200 + round * 100)
            var table: [LuaValue: LuaValue] = [:]
            for s in chunk { table[.string(s + "=")] = .string(s) }
            let list = LuaValue.array(chunk.map { .string($0) })
            let results = try state.call(check, packed: LuaPacked(.table(table)), LuaPacked(list, readOnly: false))
            #expect(results == [.integer(Int64(chunk.count)), .integer(Int64(chunk.count))])
        }
    }

    @Test func scriptValuesReachSwift() throws {
        let state = try LuaState()
        let results = try state.run(
            """
            local t = { name = "Ana", tags = { "a", "b" }, [10] = true, score = 1.5 }
            return t, 7, nil, "fin"
            """, chunkName: "values.lua")
        #expect(results.count == 4)
        #expect(results[0]["name"] == "Ana")
        #expect(results[0]["tags"] == ["a", "b"])
        #expect(results[0].tableValue?[.integer(10)] == true)
        #expect(results[0]["score"] == 1.5)
        #expect(results[1] == 7)
        #expect(results[2] == .nil)
        #expect(results[3] == "fin")
    }

    @Test func functionsComeBackOpaque() throws {
        let state = try LuaState()
        #expect(try state.run("return print, coroutine.create(print)", chunkName: "f.lua") == [
            .opaque("function"), .opaque("thread"),
        ])
    }
}

@Suite("Host data is read-only")
struct ReadOnlyViewTests {
    struct Post: Codable {
        var id: String
        var text: String
        var hashtags: [String]
        var author: Author
        var published: Date
        var note: String?
    }

    struct Author: Codable {
        var handle: String
        var followers: Int
    }

    let post = Post(
        id: "p1", text: "En vacances du 3 au 17 août !", hashtags: ["vacances", "été"],
        author: Author(handle: "@marie", followers: 120), published: Date(timeIntervalSince1970: 1_700_000_000),
        note: nil)

    @Test func codableModelIsAReadOnlyView() throws {
        let state = try LuaState()
        let env = try state.makeEnvironment()
        try state.setGlobal("post", encoding: post, in: env)
        let results = try state.run(
            """
            local tags = {}
            for i, t in ipairs(post.hashtags) do tags[#tags + 1] = i .. "=" .. t end
            local keys = {}
            for k in pairs(post.author) do keys[#keys + 1] = k end
            table.sort(keys)
            return post.text, post.author.followers, #post.hashtags, table.concat(tags, ","),
                   table.concat(keys, ","), post.note, post.published, type(post)
            """, chunkName: "view.lua", environment: env)
        #expect(results == [
            "En vacances du 3 au 17 août !", 120, 2, "1=vacances,2=été", "followers,handle", .nil,
            "2023-11-14T22:13:20Z", "userdata",
        ])
    }

    @Test(arguments: [
        ("post.text = 'x'", "attempt to modify read-only host data"),
        ("post.author.handle = 'x'", "attempt to modify read-only host data"),
        ("table.insert(post.hashtags, 'x')", "attempt to modify read-only host data"),
        ("rawset(post, 'text', 'x')", "bad argument #1 to 'rawset' (table expected, got read-only table)"),
        ("setmetatable(post, {})", "bad argument #1 to 'setmetatable' (table expected, got read-only table)"),
        ("getmetatable(post).__newindex = nil", "attempt to index a string value"),
    ])
    func writesAreRefused(script: String, message: String) throws {
        let state = try LuaState()
        let env = try state.makeEnvironment()
        try state.setGlobal("post", encoding: post, in: env)
        #expect {
            try state.run(script, chunkName: "write.lua", environment: env)
        } throws: { error in
            guard let error = error as? LuaError else { return false }
            return error.kind == .runtime && error.message.contains(message) && error.line == 1
        }
        // The data is unchanged for the next script.
        #expect(try state.run("return post.text, #post.hashtags", chunkName: "read.lua", environment: env) == [
            "En vacances du 3 au 17 août !", 2,
        ])
    }

    /// The map handed to a call (an activity) has a metatable of its own
    /// whose `__index` is the backing table: it must be as read-only, as
    /// opaque and as readable as the shared views.
    @Test(arguments: [
        ("p.text = 'x'", "attempt to modify read-only host data"),
        ("p.author.handle = 'x'", "attempt to modify read-only host data"),
        ("table.insert(p.hashtags, 'x')", "attempt to modify read-only host data"),
        ("rawset(p, 'text', 'x')", "bad argument #1 to 'rawset' (table expected, got read-only table)"),
        ("setmetatable(p, {})", "bad argument #1 to 'setmetatable' (table expected, got read-only table)"),
        ("getmetatable(p).__index.text = 'x'", "attempt to index a nil value (field '__index')"),
        ("p.__index.text = 'x'", "attempt to index a nil value"),
    ])
    func callArgumentIsReadOnly(script: String, message: String) throws {
        let state = try LuaState()
        let env = try state.makeEnvironment()
        let packed = try LuaPacked(encoding: post)
        let write = try state.load("local p = ...\n" + script, chunkName: "write.lua", environment: env)
        #expect {
            try state.call(write, packed: packed)
        } throws: { error in
            guard let error = error as? LuaError else { return false }
            return error.kind == .runtime && error.message.contains(message) && error.line == 2
        }
        let read = try state.load(
            """
            local p = ...
            local keys = {}
            for k in pairs(p) do keys[#keys + 1] = k end
            table.sort(keys)
            return p.text, p.author.handle, #p.hashtags, table.concat(keys, ","), type(p), getmetatable(p), p.note
            """, chunkName: "read.lua", environment: env)
        #expect(try state.call(read, packed: packed) == [
            "En vacances du 3 au 17 août !", "@marie", 2, "author,hashtags,id,published,text", "userdata", "read-only",
            .nil,
        ])
        // Handed back to Swift, it reads as the table it stands for.
        let back = try state.load("local p = ...; return p", chunkName: "back.lua", environment: env)
        let value = try state.call(back, packed: packed)
        #expect(value.first?["author"]["handle"] == "@marie")
        #expect(value.first?["hashtags"].arrayValue?.count == 2)
    }

    @Test func packedValueIsSharedAcrossCalls() throws {
        let state = try LuaState()
        let env = try state.makeEnvironment()
        let check = try state.load(
            "local p = ...; return p.author.handle, #p.hashtags", chunkName: "check.lua", environment: env)
        let packed = try LuaPacked(encoding: post)
        for _ in 0..<3 {
            #expect(try state.call(check, packed: packed) == ["@marie", 2])
        }
    }
}

@Suite("Swift functions called from Lua")
struct SwiftFunctionTests {
    @Test func closuresReceiveArgumentsAndReturnValues() throws {
        let state = try LuaState()
        let env = try state.makeEnvironment()
        var calls = 0
        try state.register("upper", in: env) { args in
            calls += 1
            return [.string((args.string(1) ?? "").uppercased()), .integer(Int64(args.count))]
        }
        try state.register("sum", in: env) { args in
            let list = try args.value(1).arrayValue ?? []
            return [.integer(Int64(list.compactMap(\.intValue).reduce(0, +)))]
        }
        let results = try state.run(
            "local s, n = upper('été', 2); return s, n, sum({1, 2, 3, 4})", chunkName: "fn.lua", environment: env)
        #expect(results == ["ÉTÉ", 2, 10])
        #expect(calls == 1)
    }

    @Test func thrownErrorsBecomeLuaErrorsAtTheCallersLine() throws {
        struct Refused: Error, CustomStringConvertible { var description: String { "refused by the host" } }
        let state = try LuaState()
        let env = try state.makeEnvironment()
        try state.register("fail", in: env) { _ in throw Refused() }
        let caught = try state.run(
            """
            local ok, err = pcall(function() fail() end)
            return ok, err
            """, chunkName: "caught.lua", environment: env)
        #expect(caught == [false, "caught.lua:1: refused by the host"])
        #expect {
            try state.run("\n\nfail()", chunkName: "uncaught.lua", environment: env)
        } throws: { error in
            let error = error as? LuaError
            return error?.chunk == "uncaught.lua" && error?.line == 3 && error?.message == "refused by the host"
        }
    }

    @Test func locationNamesTheDeclaringLine() throws {
        let state = try LuaState()
        let env = try state.makeEnvironment()
        var seen: [String] = []
        try state.register("declare", in: env) { args in
            if let where_ = args.location() { seen.append("\(args.string(1) ?? "?")@\(where_.chunk):\(where_.line)") }
            return []
        }
        try state.run("declare('a')\n\ndeclare('b')", chunkName: "Policies/demo/policy.lua", environment: env)
        #expect(seen == ["a@Policies/demo/policy.lua:1", "b@Policies/demo/policy.lua:3"])
    }

    @Test func printGoesToTheHostOutput() throws {
        let state = try LuaState()
        var printed = ""
        state.output = { printed += $0 }
        try state.run("print('a', 1, nil, true); print()", chunkName: "print.lua")
        #expect(printed == "a\t1\tnil\ttrue\n\n")
    }

    @Test func requireLoadsOnlyWhatTheHostResolves() throws {
        let state = try LuaState()
        state.moduleResolver = { name in
            name == "plugins.pii" ? ("return { answer = 42, env_is_shared = (marker == 'set') }", "Plugins/pii/init.lua") : nil
        }
        let env = try state.makeEnvironment()
        let results = try state.run(
            """
            marker = 'set'
            local a = require('plugins.pii')
            local b = require('plugins.pii')
            local ok, err = pcall(require, 'io')
            return a.answer, a.env_is_shared, rawequal(a, b), ok, err
            """, chunkName: "req.lua", environment: env)
        #expect(results.prefix(4) == [42, true, true, false])
        #expect(results[4].stringValue?.contains("module 'io' not found") == true)
    }
}

@Suite("Errors read like compiler diagnostics")
struct LuaErrorTests {
    @Test func syntaxErrorNamesFileAndLine() throws {
        let state = try LuaState()
        let source = "local a = 1\nlocal b = = 2\n"
        #expect {
            try state.load(source, chunkName: "policies/bad.lua")
        } throws: { error in
            guard let error = error as? LuaError else { return false }
            return error.kind == .syntax && error.chunk == "policies/bad.lua" && error.line == 2
                && error.message == "unexpected symbol near '='"
                && error.diagnostic(source: source).contains("2 | local b = = 2\n  | ^^^^^^^^^^^^^")
                && error.description == "policies/bad.lua:2: syntax error: unexpected symbol near '='"
        }
    }

    @Test func runtimeErrorCarriesLineAndTraceback() throws {
        let state = try LuaState()
        let source = """
            local function inner(post)
              return post.text:lower()
            end
            local lowered = inner({})
            return lowered
            """
        do {
            try state.run(source, chunkName: "rules/lower.lua")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .runtime)
            #expect(error.chunk == "rules/lower.lua")
            #expect(error.line == 2)
            #expect(error.message == "attempt to index a nil value (field 'text')")
            #expect(error.traceback?.contains("rules/lower.lua:2: in ") == true)
            #expect(error.traceback?.contains("rules/lower.lua:4: in main chunk") == true)
            let diagnostic = error.diagnostic(source: source)
            #expect(diagnostic.hasPrefix("rules/lower.lua:2: error: attempt to index a nil value (field 'text')"))
            #expect(diagnostic.contains("2 |   return post.text:lower()\n  |   ^^^^^^^^^^^^^^^^^^^^^^^^"))
        }
    }

    @Test func errorWithNonStringValueUsesTheInnermostFrame() throws {
        let state = try LuaState()
        do {
            try state.run("local x = 1\nerror({ code = 7 })", chunkName: "obj.lua")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "(error object is a table value)")
            #expect(error.chunk == "obj.lua")
            #expect(error.line == 2)
        }
    }
}

@Suite("Limits hold within stated bounds")
struct LimitBoundTests {
    /// The deadline is checked every 1,000 instructions, on entry to every
    /// library function and inside the pattern matcher; stated bound: deadline
    /// + 50 ms (BENCHMARKS.md has the measured overruns). The assertion here only proves the script was stopped by the
    /// time limit and not left running: it allows deadline + 2 s.
    @Test(arguments: [
        "while true do end",
        "while true do pcall(string.rep, 'x', 10) end",
        "local s = ('a'):rep(5000) while true do s:find('.-.-.-.-b') end",
    ])
    func deadlineStopsRunawayScripts(script: String) throws {
        var limits = LuaLimits()
        limits.instructions = nil
        limits.timeout = 0.3
        limits.patternSteps = Int.max / 4
        let state = try LuaState(limits: limits)
        let start = Date()
        #expect(throws: LuaError.self) { try state.run(script, chunkName: "loop.lua") }
        let elapsed = Date().timeIntervalSince(start)
        do {
            try state.run(script, chunkName: "loop.lua")
        } catch {
            #expect(error.limit == .time)
        }
        #expect(elapsed < 0.3 + 2.0)
    }

    @Test func memoryBombFailsCleanlyWithBoundedHostMemory() throws {
        var limits = LuaLimits()
        limits.memory = 32 << 20
        limits.timeout = 60  // the memory limit, not a loaded machine's clock, must stop it
        let state = try LuaState(limits: limits)
        do {
            try state.run("local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(64) .. i end", chunkName: "bomb.lua")
            Issue.record("expected the memory limit")
        } catch {
            #expect(error.limit == .memory)
        }
        #expect(state.memoryPeak <= limits.memory! + limits.hostHeadroom)
        // After the failed script, its garbage is collected.
        #expect(state.memoryInUse < 4 << 20)
        #expect(try state.run("return #('ok'):rep(1000)", chunkName: "after.lua") == [2000])
    }

    /// Blocks of 1 KiB or less come from the state's own free lists, larger
    /// ones from malloc; a block that grows or shrinks across that line
    /// moves. Tables and strings resized back and forth across it keep
    /// their contents, and what Lua counts is what the state reports.
    @Test func blocksMovingBetweenPoolAndMallocKeepTheirContents() throws {
        let state = try LuaState()
        let results = try state.run(
            """
            local sum, check = 0, 0
            for round = 1, 20 do
              local t, s = {}, ""
              for i = 1, 300 do t[i] = i * round; s = s .. string.char(65 + i % 26) end
              for i = 300, 1, -1 do t[i] = nil end
              for i = 1, 70 do t[i] = i end
              for i = 1, 70 do sum = sum + t[i] end
              local h = {}
              for i = 1, 200 do h["k" .. i] = i end
              for i = 1, 200 do check = check + h["k" .. i] end
              if #s ~= 300 or s:sub(1, 3) ~= "BCD" or s:sub(-2) ~= "NO" then return "string " .. round end
            end
            return sum, check, collectgarbage("count") * 1024
            """, chunkName: "resize.lua")
        let sum: Int64 = 20 * 70 * 71 / 2
        let check: Int64 = 20 * 200 * 201 / 2
        #expect(Array(results.prefix(2)) == [LuaValue.integer(sum), LuaValue.integer(check)])
        // Lua's own count (taken inside the script) and the allocator's agree.
        let counted: Double = results.count == 3 ? (results[2].doubleValue ?? 0) : 0
        let reported = Double(state.memoryInUse)
        #expect(counted > 0)
        #expect(abs(reported - counted) < 256 * 1024)
    }

    @Test func interruptFromAnotherThreadStopsTheScript() throws {
        var limits = LuaLimits()
        limits.instructions = nil
        limits.timeout = 30
        let state = try LuaState(limits: limits)
        let handle = state.interruptHandle
        let timer = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            handle.interrupt()
        }
        timer.start()
        do {
            try state.run("while true do end", chunkName: "spin.lua")
            Issue.record("expected an interruption")
        } catch {
            #expect(error.limit == .interrupted)
            #expect(error.chunk == "spin.lua")
        }
        #expect(try state.run("return 1", chunkName: "after.lua") == [1])
    }

    @Test func oneScriptCannotSeeAnothersGlobals() throws {
        let state = try LuaState()
        let first = try state.makeEnvironment()
        let second = try state.makeEnvironment()
        try state.run("secret = 'client list'; print = nil; string.upper = nil", chunkName: "a.lua", environment: first)
        let results = try state.run(
            "return secret, type(print), string.upper('x')", chunkName: "b.lua", environment: second)
        #expect(results == [.nil, "function", "X"])
    }

    @Test func randomIsReproducibleAcrossStates() throws {
        let a = try LuaState().run("return math.random(1, 1000000), math.random()", chunkName: "r.lua")
        let b = try LuaState().run("return math.random(1, 1000000), math.random()", chunkName: "r.lua")
        #expect(a == b)
    }
}
