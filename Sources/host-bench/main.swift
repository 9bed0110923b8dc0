// Benchmarks of the Lua host (not tests). Build in release mode:
//   swift build -c release --product host-bench
//   .build/release/host-bench events [N]   # a rule called once per event
//   .build/release/host-bench limits       # how far past its deadline a runaway goes
import Foundation
import LuaHost

struct Author: Codable { var handle: String; var followers: Int }
struct Post: Codable { var id: String; var platform: String; var text: String; var hashtags: [String]; var author: Author }

let platforms = ["facebook", "twitter", "mastodon", "linkedin"]
let texts = [
    "Je serai en vacances du 3 au 17 août, la maison sera vide",
    "Belle journée de travail chez un client à Outremont",
    "Réunion d'équipe lundi matin, on prépare le nouveau contrat",
    "Merci à tous pour vos messages, à bientôt",
]

func post(_ i: Int) -> Post {
    Post(
        id: "p\(i)", platform: platforms[i % 4], text: texts[i % 4], hashtags: ["tag\(i % 7)", "vigie"],
        author: Author(handle: "@user\(i % 100)", followers: (i * 37) % 3000))
}

func value(_ p: Post) -> LuaValue {
    [
        "id": .string(p.id), "platform": .string(p.platform), "text": .string(p.text),
        "hashtags": .array(p.hashtags.map { .string($0) }),
        "author": ["handle": .string(p.author.handle), "followers": .integer(Int64(p.author.followers))],
    ]
}

func benchEvents(_ n: Int) throws {
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let ruleSource = try String(contentsOf: here.appendingPathComponent("Benchmarks/rule.lua"), encoding: .utf8)
    var limits = LuaLimits()
    limits.timeout = 600
    limits.instructions = nil
    let state = try LuaState(limits: limits)
    let env = try state.makeEnvironment()
    // Keep the rule function as a global of the environment.
    try state.run("rule = load(...)()", chunkName: "setup.lua", environment: env, arguments: [.string(ruleSource)])
    let rule = try state.function("rule", in: env)!

    func write(_ p: Post, _ m: inout LuaMapBuilder) {
        m.set("id", p.id)
        m.set("platform", p.platform)
        m.set("text", p.text)
        m.set("hashtags", strings: p.hashtags)
        m.setMap("author") { a in
            a.set("handle", p.author.handle)
            a.set("followers", p.author.followers)
        }
    }
    // The events exist before the timed loops, as they do in the host's
    // memory before it hands them over (the standalone loop likewise has
    // its strings ready and only builds the tables).
    let posts = (0...n).map(post)
    func measure(_ label: String, _ body: (Int) throws -> Int64) rethrows {
        let start = DispatchTime.now().uptimeNanoseconds
        var total: Int64 = 0
        for i in 1...n { total += try body(i) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "%@: %d events in %.3f s = %.0f events/s (checksum %lld)", label, n, seconds, Double(n) / seconds, total))
    }
    if ProcessInfo.processInfo.environment["HOST_BENCH_ONLY_BUILDER"] != nil {
        try measure("host, read-only view written by a builder (per event)") { i in
            let p = posts[i]
            return try state.call(rule) { write(p, &$0) }[0].intValue.map(Int64.init) ?? 0
        }
        return
    }
    try measure("host, read-only view (LuaValue built and encoded per event)") { i in
        let packed = try LuaPacked(value(posts[i]))
        return try state.call(rule, packed: packed)[0].intValue.map(Int64.init) ?? 0
    }
    try measure("host, read-only view written by a builder (per event)") { i in
        let p = posts[i]
        return try state.call(rule) { write(p, &$0) }[0].intValue.map(Int64.init) ?? 0
    }
    try measure("host, plain table written by a builder (per event)") { i in
        let p = posts[i]
        return try state.call(rule, readOnly: false) { write(p, &$0) }[0].intValue.map(Int64.init) ?? 0
    }
    let empty = try state.load("return 1", chunkName: "empty.lua", environment: env)
    try measure("diagnostic: empty call (no arguments, returns 1)") { _ in
        try state.call(empty)[0].intValue.map(Int64.init) ?? 0
    }
    let fixedTable = try LuaPacked(value(post(1)), readOnly: false)
    try measure("diagnostic: call only, plain table (the same pre-encoded event every time)") { _ in
        try state.call(rule, packed: fixedTable)[0].intValue.map(Int64.init) ?? 0
    }
    let fixed = try LuaPacked(value(post(1)))
    try measure("diagnostic: call only (the same pre-encoded event every time)") { _ in
        try state.call(rule, packed: fixed)[0].intValue.map(Int64.init) ?? 0
    }
    try measure("diagnostic: build LuaValue and encode only (no call)") { i in
        Int64(try LuaPacked(value(posts[i])).byteCount)
    }
    try measure("host, plain table (LuaValue built per event)") { i in
        try state.call(rule, [value(posts[i])], readOnly: false)[0].intValue.map(Int64.init) ?? 0
    }
    try measure("host, read-only view of a Codable model (encoded per event)") { i in
        let packed = try LuaPacked(encoding: posts[i])
        return try state.call(rule, packed: packed)[0].intValue.map(Int64.init) ?? 0
    }
}

func benchLimits() throws {
    let cases: [(String, String)] = [
        ("plain loop", "while true do end"),
        ("pcall loop", "while true do pcall(function() while true do end end) end"),
        ("pattern matcher", "local s = ('a'):rep(4000) while true do s:find('.-.-.-b') end"),
        ("string building", "local s = '' while true do s = ('x'):rep(1 << 20) .. s:sub(1, 10) end"),
        ("table.sort of 300,000 numbers", "local t = {} for i = 1, 300000 do t[i] = (i * 7919) % 300007 end while true do table.sort(t) end"),
    ]
    // 5 ms: shorter than the watchdog's first look (the count hook is armed
    // 5 to 10 ms into a call), so the overrun shows how late it can be.
    for deadline in [0.005, 0.1, 0.5] {
        for (label, script) in cases {
            var limits = LuaLimits()
            limits.instructions = nil
            limits.timeout = deadline
            limits.patternSteps = Int.max / 4
            limits.memory = 256 << 20
            let state = try LuaState(limits: limits)
            let start = DispatchTime.now().uptimeNanoseconds
            var outcome = "no error"
            do { try state.run(script, chunkName: "runaway.lua") } catch { outcome = error.limit?.rawValue ?? "\(error)" }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print(String(format: "deadline %.3f s, %@: stopped after %.3f s (overrun %.0f ms) by the %@", deadline, label, seconds, (seconds - deadline) * 1000, outcome))
        }
    }
    // One long C call: a sort of 4,000,000 numbers (about the largest array a
    // 64 MiB limit allows) starting 0.2 s before the deadline.
    do {
        var limits = LuaLimits()
        limits.instructions = nil
        limits.memory = 256 << 20
        let script = """
            local t = {} for i = 1, 4000000 do t[i] = (i * 7919) % 4000037 end
            local built = os.clock()
            return built
            """
        let probe = try LuaState(limits: limits)
        let buildTime = try probe.run(script, chunkName: "probe.lua")[0].doubleValue ?? 0
        limits.timeout = buildTime + 0.2
        let state = try LuaState(limits: limits)
        let start = DispatchTime.now().uptimeNanoseconds
        var outcome = "end of the sort (no limit hit)"
        do {
            try state.run(script.replacingOccurrences(of: "return built", with: "table.sort(t) return built"), chunkName: "sort.lua")
        } catch { outcome = error.limit?.rawValue ?? "\(error)" }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "deadline %.2f s, one table.sort of 4,000,000 numbers starting about 0.2 s before it: stopped after %.3f s (overrun %.0f ms) by the %@", limits.timeout!, seconds, (seconds - limits.timeout!) * 1000, outcome))
    }
    // Memory bomb: the peak stays within the limit plus the host's headroom.
    var limits = LuaLimits()
    limits.memory = 64 << 20
    let state = try LuaState(limits: limits)
    var outcome = ""
    do { try state.run("local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end", chunkName: "bomb.lua") } catch { outcome = error.limit?.rawValue ?? "\(error)" }
    print("memory bomb under a 64 MiB limit (+8 MiB host headroom): stopped by the \(outcome); Lua peak \(state.memoryPeak >> 10) KiB, in use after \(state.memoryInUse >> 10) KiB")
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "events": try benchEvents(arguments.dropFirst().first.flatMap(Int.init) ?? 200_000)
case "limits": try benchLimits()
default:
    print("usage: host-bench events [N] | host-bench limits")
    exit(2)
}
