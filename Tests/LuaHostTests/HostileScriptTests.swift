import Foundation
import Testing

@testable import LuaHost

/// What a hostile script must come to.
enum Contained: Sendable {
    /// A limit stopped it.
    case limit(LuaLimit)
    /// It failed with a runtime error whose message contains the text.
    case runtimeError(String)
    /// It ran and returned exactly these values (the attack had no effect).
    case returns([LuaValue])
}

struct HostileCase: Sendable, CustomTestStringConvertible {
    let name: String
    let script: String
    let expected: Contained
    var limits: LuaLimits = .hostileTests

    var testDescription: String { name }
}

extension LuaLimits {
    /// Tight limits so that every runaway ends fast.
    static var hostileTests: LuaLimits {
        var l = LuaLimits()
        l.memory = 16 << 20
        l.instructions = 20_000_000
        l.timeout = 10
        return l
    }
}

/// A deep chain of coroutines each closing the previous one from a
/// `__close` handler: Debian's Lua 5.4.4 overflows the C stack on it.
private let closeChain = """
    local coro = false
    for i = 1, 5000 do
      local previous = coro
      coro = coroutine.create(function()
        local cc <close> = setmetatable({}, {__close = function()
          if previous then assert(coroutine.close(previous)) end
        end})
        coroutine.yield()
      end)
      assert(coroutine.resume(coro))
    end
    local ok, err = coroutine.close(coro)
    return ok, err:match("coroutine.close nested too deeply %(limit %d+%)$")
    """

private let catastrophic = "local s = ('a'):rep(40); local p = ('a?'):rep(40) .. ('a'):rep(40)\n"

let hostileCases: [HostileCase] = [
    // --- escaping to the system -----------------------------------------------
    HostileCase(name: "os.execute is absent", script: "return os.execute('id')",
                expected: .runtimeError("attempt to call a nil value (field 'execute')")),
    HostileCase(name: "io is absent", script: "return io.open('/etc/passwd')",
                expected: .runtimeError("attempt to index a nil value (global 'io')")),
    HostileCase(name: "package is absent", script: "return package.loadlib('libc.so.6', 'system')",
                expected: .runtimeError("attempt to index a nil value (global 'package')")),
    HostileCase(name: "require finds no system module", script: "return require('os')",
                expected: .runtimeError("module 'os' not found")),
    HostileCase(name: "dofile is absent", script: "return dofile('/etc/passwd')",
                expected: .runtimeError("attempt to call a nil value (global 'dofile')")),
    HostileCase(name: "loadfile is absent", script: "return loadfile('/etc/passwd')",
                expected: .runtimeError("attempt to call a nil value (global 'loadfile')")),
    HostileCase(name: "os.exit is absent", script: "os.exit(0)",
                expected: .runtimeError("attempt to call a nil value (field 'exit')")),
    HostileCase(name: "os.getenv is absent", script: "return os.getenv('HOME')",
                expected: .runtimeError("attempt to call a nil value (field 'getenv')")),
    HostileCase(name: "os.setlocale is absent", script: "return os.setlocale('tr_TR')",
                expected: .runtimeError("attempt to call a nil value (field 'setlocale')")),
    HostileCase(name: "os.remove is absent", script: "return os.remove('/tmp/x')",
                expected: .runtimeError("attempt to call a nil value (field 'remove')")),
    HostileCase(name: "debug is absent", script: "return debug.getregistry()",
                expected: .runtimeError("attempt to index a nil value (global 'debug')")),

    // --- bytecode -------------------------------------------------------------
    HostileCase(name: "string.dump is absent", script: "return string.dump(function() end)",
                expected: .runtimeError("attempt to call a nil value (field 'dump')")),
    HostileCase(name: "load refuses a binary chunk",
                script: "local f, err = load('\\27Lua\\84\\0\\25\\147\\r\\n\\26\\n'); return f, err",
                expected: .returns([.nil, "attempt to load a binary chunk (mode is 't')"])),
    HostileCase(name: "load refuses a binary chunk even with mode 'b'",
                script: "local f, err = load('\\27Lua\\84', 'x', 'b'); return f == nil, (err:find('mode is', 1, true)) ~= nil",
                expected: .returns([true, true])),
    HostileCase(name: "load refuses an oversized chunk",
                script: "local f, err = load(('x = 1\\n'):rep(300000)); return f, err",
                expected: .returns([.nil, "chunk too large (1800000 bytes; the limit is 1048576)"])),
    HostileCase(name: "load sees the caller's environment, not the host's",
                script: "marker = 7; return load('return _G.marker, _G == _ENV')()",
                expected: .returns([7, true])),

    // --- the string metatable and shared tables ---------------------------------
    HostileCase(name: "string metatable is locked", script: "return getmetatable('')",
                expected: .returns(["locked"])),
    HostileCase(name: "string metatable cannot be changed",
                script: "getmetatable('').__index = { upper = function() return 'pwned' end }",
                expected: .runtimeError("attempt to index a string value")),
    HostileCase(name: "setmetatable on a string is refused",
                script: "return setmetatable('', {})",
                expected: .runtimeError("bad argument #1 to 'setmetatable' (table expected, got string)")),
    HostileCase(name: "changing string.upper changes only this script's copy",
                script: "string.upper = function() return 'pwned' end; return string.upper('a'), ('a'):upper()",
                expected: .returns(["pwned", "A"])),
    HostileCase(name: "_G metatable tricks stay in the script's environment",
                script: """
                    setmetatable(_G, { __index = function(_, k) return 'injected ' .. k end })
                    return undefined_name, rawget(_G, 'undefined_name')
                    """,
                expected: .returns(["injected undefined_name", .nil])),

    // --- CPU --------------------------------------------------------------------
    HostileCase(name: "infinite loop", script: "while true do end",
                expected: .limit(.instructions)),
    HostileCase(name: "infinite loop inside a pcall loop",
                script: "while true do pcall(function() while true do end end) end",
                expected: .limit(.instructions)),
    HostileCase(name: "infinite loop inside a coroutine",
                script: "local co = coroutine.wrap(function() while true do end end); co()",
                expected: .limit(.instructions)),
    HostileCase(name: "coroutine resume loop swallowing errors",
                script: "while true do coroutine.resume(coroutine.create(function() while true do end end)) end",
                expected: .limit(.instructions)),
    HostileCase(name: "infinite loop inside an error handler",
                script: "return xpcall(error, function() while true do end end)",
                expected: .limit(.instructions)),
    HostileCase(name: "error handler that swallows the kill, in a loop",
                script: "while true do xpcall(function() while true do end end, function(e) return e end) end",
                expected: .limit(.instructions)),
    HostileCase(name: "loop around a long C call (table.sort)",
                script: "local t = {} for i = 1, 100000 do t[i] = (i * 7919) % 100003 end while true do table.sort(t) end",
                expected: .limit(.time),
                limits: { var l = LuaLimits.hostileTests; l.instructions = nil; l.timeout = 0.2; return l }()),
    HostileCase(name: "infinite loop in a __close handler",
                script: "do local x <close> = setmetatable({}, {__close = function() while true do end end}) end",
                expected: .limit(.instructions)),

    // --- finalizers ---------------------------------------------------------------
    HostileCase(name: "__gc metamethod is refused",
                script: "setmetatable({}, {__gc = function() while true do end end})",
                expected: .runtimeError("__gc metamethods are not allowed in the sandbox")),
    HostileCase(name: "__gc added after setmetatable never runs",
                script: """
                    ran = false
                    local mt = {}
                    for i = 1, 1000 do setmetatable({}, mt) end
                    mt.__gc = function() ran = true end
                    for i = 1, 200000 do local t = { i } end
                    return ran
                    """,
                expected: .returns([false])),
    HostileCase(name: "collectgarbage beyond count is refused", script: "collectgarbage('stop')",
                expected: .runtimeError("collectgarbage(\"stop\") is not allowed in the sandbox")),

    // --- string patterns -------------------------------------------------------------
    HostileCase(name: "catastrophic pattern in string.find",
                script: catastrophic + "return string.find(s, p)", expected: .limit(.patternSteps)),
    HostileCase(name: "catastrophic pattern in string.match",
                script: catastrophic + "return s:match(p)", expected: .limit(.patternSteps)),
    HostileCase(name: "catastrophic pattern in string.gsub",
                script: catastrophic + "return s:gsub(p, 'x')", expected: .limit(.patternSteps)),
    HostileCase(name: "catastrophic pattern in string.gmatch",
                script: catastrophic + "for m in s:gmatch(p) do end", expected: .limit(.patternSteps)),

    // --- memory ------------------------------------------------------------------------
    HostileCase(name: "string.rep memory bomb", script: "return #string.rep('x', 1 << 40)",
                expected: .limit(.stringSize)),
    HostileCase(name: "string.rep of an empty string returns at once",
                script: "return #string.rep('', 1 << 60), #(''):rep(1 << 60, '')", expected: .returns([0, 0])),
    HostileCase(name: "table.concat memory bomb",
                script: """
                    local t = {}
                    for i = 1, 64 do t[i] = ('x'):rep(1 << 20) end
                    local s = table.concat(t)
                    return #(s .. s .. s)
                    """,
                expected: .limit(.memory)),
    HostileCase(name: "memory growth in a pcall loop",
                script: """
                    local keep = {}
                    while true do
                      pcall(function() keep[#keep + 1] = ('x'):rep(100000) .. #keep end)
                    end
                    """,
                expected: .limit(.memory)),
    HostileCase(name: "table.move over a huge range is refused",
                script: "table.move({}, 1, math.maxinteger, 2)",
                expected: .runtimeError("too many elements to move")),

    // --- recursion -----------------------------------------------------------------------
    HostileCase(name: "deep Lua recursion",
                script: "local function f(n) return 1 + f(n + 1) end; return f(1)",
                expected: .limit(.luaStack),
                limits: { var l = LuaLimits.hostileTests; l.memory = 96 << 20; return l }()),
    HostileCase(name: "C-stack recursion through gsub callbacks",
                script: "local function f(s) return (s:gsub('.', f)) end; return f('a')",
                expected: .limit(.cStack)),
    HostileCase(name: "C-stack recursion through __index",
                script: "local t; t = setmetatable({}, {__index = function(_, k) return t[k] end}); return t.x",
                expected: .limit(.cStack)),
    HostileCase(name: "C-stack recursion through __tostring",
                script: "local t; t = setmetatable({}, {__tostring = function(x) return tostring(x) end}); return tostring(t)",
                expected: .limit(.cStack)),
    HostileCase(name: "deep coroutine.close chain", script: closeChain,
                expected: .returns([false, "coroutine.close nested too deeply (limit 100)"]),
                limits: { var l = LuaLimits.hostileTests; l.memory = 128 << 20; return l }()),

    // --- values that leave the sandbox ---------------------------------------------------------
    HostileCase(name: "__tostring on an error object is not run",
                script: "error(setmetatable({}, {__tostring = function() while true do end end}))",
                expected: .runtimeError("(error object is a table value)")),
    HostileCase(name: "__index on an error object is not run",
                script: "error(setmetatable({}, {__index = function() while true do end end}))",
                expected: .runtimeError("(error object is a table value)")),
    HostileCase(name: "metamethods on a returned value are not run",
                script: """
                    return setmetatable({ a = 1 }, {
                      __index = function() while true do end end,
                      __pairs = function() while true do end end,
                      __len = function() while true do end end,
                      __tostring = function() while true do end end })
                    """,
                expected: .returns([["a": 1]])),
    HostileCase(name: "cyclic returned table", script: "local t = {}; t.self = t; return t",
                expected: .limit(.resultCycle)),
    HostileCase(name: "very deep returned table",
                script: "local t = {}; local root = t; for i = 1, 10000 do t.next = {}; t = t.next end; return root",
                expected: .limit(.resultDepth)),
    HostileCase(name: "huge returned table",
                script: "local t = {}; for i = 1, 1100000 do t[i] = i end; return t",
                expected: .limit(.resultSize),
                limits: { var l = LuaLimits.hostileTests; l.memory = 64 << 20; return l }()),

    // --- addresses and determinism ----------------------------------------------------------------
    HostileCase(name: "tostring shows no address",
                script: "return tostring({}):match('^table: #%d+$') ~= nil, tostring(print):match('^function: #%d+$') ~= nil",
                expected: .returns([true, true])),
    HostileCase(name: "string.format %p is refused", script: "return string.format('%p', {})",
                expected: .runtimeError("invalid conversion '%p' to 'format'")),
    HostileCase(name: "string.format %s of objects shows no address",
                script: "return string.format('%s %10s', {}, coroutine.create(print)):find('0x') == nil",
                expected: .returns([true])),
    HostileCase(name: "math.randomseed is absent", script: "math.randomseed(42)",
                expected: .runtimeError("attempt to call a nil value (field 'randomseed')")),

    // --- output ----------------------------------------------------------------------------------------
    HostileCase(name: "print flood", script: "while true do print(('x'):rep(1000)) end",
                expected: .limit(.output)),
]

@Suite("Hostile scripts are contained")
struct HostileScriptTests {
    /// As `vigie check` runs them: the count hook armed by the watchdog.
    @Test(arguments: hostileCases)
    func contained(_ hostile: HostileCase) throws {
        try check(hostile, limits: hostile.limits)
    }

    /// With the count hook on from the start of each call.
    @Test(arguments: hostileCases)
    func containedWithTheExactCount(_ hostile: HostileCase) throws {
        var limits = hostile.limits
        limits.exactInstructionCount = true
        try check(hostile, limits: limits)
    }

    private func check(_ hostile: HostileCase, limits: LuaLimits) throws {
        let state = try LuaState(limits: limits)
        state.output = { _ in }
        var outcome: Result<[LuaValue], LuaError>
        do {
            outcome = .success(try state.run(hostile.script, chunkName: "hostile.lua"))
        } catch {
            outcome = .failure(error)
        }
        switch (hostile.expected, outcome) {
        case (.limit(let limit), .failure(let error)):
            #expect(error.limit == limit, "\(error)")
        case (.runtimeError(let text), .failure(let error)):
            #expect(error.kind == .runtime, "\(error)")
            #expect(error.message.contains(text), "\(error)")
        case (.returns(let values), .success(let results)):
            #expect(results == values)
        default:
            Issue.record("expected \(hostile.expected), got \(outcome)")
        }
        // The same state, then a fresh one, still run a normal script.
        #expect(try state.run(NormalScript.source, chunkName: "normal.lua") == NormalScript.expected)
        #expect(try LuaState().run(NormalScript.source, chunkName: "normal.lua") == NormalScript.expected)
        // The host's memory stays within the limit and its headroom.
        if let memory = hostile.limits.memory {
            #expect(state.memoryPeak <= memory + hostile.limits.hostHeadroom)
        }
    }
}

enum NormalScript {
    static let source = """
        local words = {}
        for w in ("Élodie sera en congé du 3 au 17 août"):gmatch("%S+") do words[#words + 1] = w end
        local ok, err = pcall(error, "expected")
        return #words, table.concat(words, "|", 1, 2), ok, err, string.format("%5.2f", math.pi)
        """
    static let expected: [LuaValue] = [9, "Élodie|sera", false, "expected", " 3.14"]
}
