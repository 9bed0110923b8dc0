import Foundation
import Testing

@testable import LuaHost

/// A script that makes one limit fire inside `pcall` (or `load`, which
/// returns the refusal), then raises an error of its own.
struct CaughtLimitCase: Sendable, CustomTestStringConvertible {
    let limit: LuaLimit
    /// Code that makes the limit fire; the script around it catches it.
    let trigger: String
    var limits: LuaLimits = .hostileTests

    var testDescription: String { limit.rawValue }

    /// Catches the limit, then raises "x" (a message that says nothing).
    var script: String { "local ok = pcall(function()\n\(trigger)\nend)\nerror('x', 0)" }
}

private let catastrophicTrigger = "local s = ('a'):rep(40); local p = ('a?'):rep(40) .. ('a'):rep(40); return s:match(p)"

private let closeChainTrigger = """
    local coro = false
    for i = 1, 200 do
      local previous = coro
      coro = coroutine.create(function()
        local cc <close> = setmetatable({}, {__close = function()
          if previous then assert(coroutine.close(previous)) end
        end})
        coroutine.yield()
      end)
      assert(coroutine.resume(coro))
    end
    assert(coroutine.close(coro))
    """

let caughtLimitCases: [CaughtLimitCase] = [
    CaughtLimitCase(limit: .instructions, trigger: "while true do end"),
    CaughtLimitCase(limit: .time, trigger: "while true do end",
                    limits: { var l = LuaLimits.hostileTests; l.instructions = nil; l.timeout = 0.2; return l }()),
    CaughtLimitCase(limit: .memory,
                    trigger: "local t = {} while true do t[#t + 1] = ('x'):rep(1 << 16) .. #t end"),
    CaughtLimitCase(limit: .patternSteps, trigger: catastrophicTrigger),
    CaughtLimitCase(limit: .luaStack, trigger: "local function f(n) return 1 + f(n + 1) end; return f(1)",
                    limits: { var l = LuaLimits.hostileTests; l.memory = 96 << 20; return l }()),
    CaughtLimitCase(limit: .cStack, trigger: "local function f(s) return (s:gsub('.', f)) end; return f('a')"),
    CaughtLimitCase(limit: .closeDepth, trigger: closeChainTrigger,
                    limits: { var l = LuaLimits.hostileTests; l.memory = 128 << 20; return l }()),
    CaughtLimitCase(limit: .chunkSize, trigger: "assert(load(('x = 1\\n'):rep(300000)))"),
    CaughtLimitCase(limit: .stringSize, trigger: "return string.rep('x', 1 << 40)"),
    CaughtLimitCase(limit: .output, trigger: "while true do print(('x'):rep(1000)) end"),
]

@Suite("Limits are reported by the code the shim records, not by their message")
struct LimitKindTests {
    /// Every kind survives a script that catches it and raises a message
    /// of its own: kills because pcall cannot catch them, the other limits
    /// because the shim recorded them when they fired.
    @Test(arguments: caughtLimitCases)
    func theKindSurvivesCatchingAndRaisingAnotherMessage(_ c: CaughtLimitCase) throws {
        let state = try LuaState(limits: c.limits)
        state.output = { _ in }
        do {
            try state.run(c.script, chunkName: "caught.lua")
            Issue.record("expected the \(c.limit.rawValue)")
        } catch {
            #expect(error.limit == c.limit, "\(error)")
            switch c.limit {
            case .instructions, .time, .memory, .interrupted:
                // a kill: the script's own error("x") never ran
                #expect(error.message != "x", "\(error)")
            default:
                #expect(error.message == "x", "\(error)")
            }
        }
        // The next call starts with no limit recorded.
        do {
            try state.run("error('y', 0)", chunkName: "next.lua")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .runtime && error.message == "y", "\(error)")
        }
    }

    @Test func anInterruptSurvivesCatching() throws {
        var limits = LuaLimits()
        limits.instructions = nil
        limits.timeout = 30
        let state = try LuaState(limits: limits)
        let handle = state.interruptHandle
        let thread = Thread {
            Thread.sleep(forTimeInterval: 0.1)
            handle.interrupt()
        }
        thread.start()
        do {
            try state.run("pcall(function() while true do end end); error('x', 0)", chunkName: "spin.lua")
            Issue.record("expected the interruption")
        } catch {
            #expect(error.limit == .interrupted, "\(error)")
            #expect(error.message == "interrupted")
        }
    }

    @Test func anXpcallHandlerThatRewritesTheMessageKeepsTheKind() throws {
        let state = try LuaState(limits: .hostileTests)
        let script = """
            local ok, e = xpcall(function() return string.rep('x', 1 << 40) end, function() return 'rewritten' end)
            error(e, 0)
            """
        do {
            try state.run(script, chunkName: "xpcall.lua")
            Issue.record("expected the string size limit")
        } catch {
            #expect(error.limit == .stringSize, "\(error)")
            #expect(error.message == "rewritten")
        }
    }

    /// A limit the script caught does not fail a call that succeeds.
    @Test func aCaughtLimitInASuccessfulCallIsNoError() throws {
        let state = try LuaState(limits: .hostileTests)
        let results = try state.run(
            "local ok, e = pcall(string.rep, 'x', 1 << 40); return ok, (e:find('too large', 1, true)) ~= nil",
            chunkName: "ok.lua")
        #expect(results == [false, true])
    }

    /// The messages of the shim's limits, raised by a script, are plain
    /// errors: the kind comes from the shim, not from the text.
    @Test(arguments: [
        "pattern too complex: step limit of 10 steps exceeded",
        "resulting string too large (the limit is 10 bytes)",
        "coroutine.close nested too deeply (limit 100)",
        "output limit exceeded (10 bytes)",
        "chunk too large (10 bytes; the limit is 5)",
        "instruction limit exceeded",
        "time limit exceeded",
        "interrupted",
    ])
    func aScriptCannotForgeALimitByItsMessage(_ message: String) throws {
        let state = try LuaState(limits: .hostileTests)
        do {
            try state.run("error(...)", chunkName: "forged.lua", arguments: [.string(message)])
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .runtime, "\(error)")
            #expect(error.message == message)
        }
    }

    @Test func anOversizedChunkIsReportedAsTheChunkSizeLimit() throws {
        var limits = LuaLimits()
        limits.chunkSize = 64
        let state = try LuaState(limits: limits)
        #expect(throws: Never.self) { try state.load("return 1", chunkName: "small.lua") }
        do {
            _ = try state.load(String(repeating: "x = 1\n", count: 20), chunkName: "big.lua")
            Issue.record("expected the chunk size limit")
        } catch {
            #expect(error.limit == .chunkSize, "\(error)")
        }
        // A syntax error after it is a syntax error.
        do {
            _ = try state.load("x = = 1", chunkName: "bad.lua")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.kind == .syntax, "\(error)")
        }
    }
}
