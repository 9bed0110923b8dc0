import Foundation
import Testing

@testable import LuaHost

/// Calls run without the count hook (Lua's fast path) until a watchdog
/// finds them still running a slice later; then the hook enforces the
/// limits as before. The hostile scripts (HostileScriptTests) run both ways.
@Suite("The watchdog arms the CPU limit of long calls only")
struct WatchdogTests {
    @Test func aWatchdogSignalIsInstalled() {
        #expect(LuaState.watchdogSignal > 0)
    }

    /// A call starts with no hook and ends with none, even after the
    /// watchdog armed it and a kill raised.
    @Test func aCallStartsAndEndsWithoutTheHook() throws {
        let state = try LuaState(limits: .hostileTests)
        var seenWithout = false
        let env = try state.makeEnvironment()
        try state.register("probe", in: env) { [unowned state] _ in
            if !state.hookIsSet { seenWithout = true }
            return []
        }
        // The probe runs at once: at least one of a few calls sees no hook
        // (one could be seen late on a loaded machine).
        for _ in 0..<5 { try state.run("probe()", chunkName: "probe.lua", environment: env) }
        #expect(seenWithout)
        #expect(!state.hookIsSet)
        let before = LuaState.watchdogArmings
        do {
            try state.run("while true do end", chunkName: "spin.lua", environment: env)
            Issue.record("expected the instruction limit")
        } catch {
            #expect(error.limit == .instructions, "\(error)")
        }
        #expect(LuaState.watchdogArmings > before)
        #expect(!state.hookIsSet)
        #expect(try state.run("return 1 + 1", chunkName: "after.lua", environment: env) == [2])
    }

    /// The main thread loops after a coroutine has run: the watchdog arms
    /// the main thread, wherever the coroutines are.
    @Test func aLoopInTheMainThreadAfterACoroutineIsStopped() throws {
        let state = try LuaState(limits: .hostileTests)
        do {
            try state.run(
                "local co = coroutine.wrap(function() coroutine.yield(1) end); co(); while true do end",
                chunkName: "after-coroutine.lua")
            Issue.record("expected the instruction limit")
        } catch {
            #expect(error.limit == .instructions, "\(error)")
        }
    }

    /// A loop resumed inside a coroutine that was created before the loop
    /// (it has its own hook from its creation).
    @Test func aSuspendedCoroutineResumedIntoALoopIsStopped() throws {
        let state = try LuaState(limits: .hostileTests)
        do {
            try state.run(
                """
                local co = coroutine.create(function() coroutine.yield() while true do end end)
                coroutine.resume(co)
                for i = 1, 1000 do local x = i * 2 end
                return coroutine.resume(co)
                """, chunkName: "resume.lua")
            Issue.record("expected the instruction limit")
        } catch {
            #expect(error.limit == .instructions, "\(error)")
        }
    }

    /// With `exactInstructionCount` every instruction counts from the
    /// start of the call: a small budget stops a short loop the watchdog
    /// would let finish.
    @Test func theExactCountStopsAShortLoop() throws {
        var limits = LuaLimits.hostileTests
        limits.instructions = 5_000
        limits.exactInstructionCount = true
        let state = try LuaState(limits: limits)
        do {
            try state.run("local n = 0 for i = 1, 100000 do n = n + i end return n", chunkName: "short.lua")
            Issue.record("expected the instruction limit")
        } catch {
            #expect(error.limit == .instructions, "\(error)")
        }
        #expect(try state.run("return 'ok'", chunkName: "after.lua") == ["ok"])
    }

    /// An interrupt reaches a script that runs no library call and no
    /// allocation (only the hook can stop it), within a few ticks.
    @Test func anInterruptStopsATightLoop() throws {
        var limits = LuaLimits()
        limits.instructions = nil
        limits.timeout = 60
        let state = try LuaState(limits: limits)
        let handle = state.interruptHandle
        let thread = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            handle.interrupt()
        }
        thread.start()
        let start = Date()
        do {
            try state.run("local x = 0 while true do x = x + 1 end", chunkName: "tight.lua")
            Issue.record("expected the interruption")
        } catch {
            #expect(error.limit == .interrupted, "\(error)")
        }
        #expect(Date().timeIntervalSince(start) < 30)
    }

    /// States on several threads: each thread's runaway is stopped, and
    /// the others' calls go on.
    @Test func runawaysOnTwoThreadsAreBothStopped() throws {
        let results = LockedResults()
        let threads = (0..<2).map { i in
            Thread {
                do {
                    let state = try LuaState(limits: .hostileTests)
                    do throws(LuaError) {
                        try state.run("while true do end", chunkName: "t\(i).lua")
                        results.add("returned")
                    } catch {
                        results.add(error.limit?.rawValue ?? "\(error)")
                    }
                } catch {
                    results.add("\(error)")
                }
            }
        }
        for t in threads { t.start() }
        let deadline = Date().addingTimeInterval(60)
        while results.count < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(results.all == [LuaLimit.instructions.rawValue, LuaLimit.instructions.rawValue])
    }
}

final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return items.count }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
