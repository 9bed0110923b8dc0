import Foundation
import LuaHost
import Testing
import VigieTestSupport

@testable import VigieREPL

/// A session whose output is kept for the test.
final class Transcript {
    var standard = ""
    var diagnostic = ""
    lazy var output = ReplOutput(standard: { [unowned self] in self.standard += $0 }, diagnostic: { [unowned self] in self.diagnostic += $0 })

    func session(datasets: [ReplDataSet] = [], policy: (any ReplPolicyProvider)? = nil) throws -> ReplSession {
        try ReplSession(datasets: datasets, policy: policy, output: output)
    }

    /// Feeds each line; returns what reached standard output.
    @discardableResult
    func run(_ session: ReplSession, _ lines: String...) -> String {
        standard = ""
        for text in lines {
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) { _ = session.feed(String(line)) }
        }
        return standard
    }
}

@Suite("REPL session")
struct ReplSessionTests {
    @Test func anExpressionShowsItsValueWithoutReturn() throws {
        let t = Transcript()
        let s = try t.session()
        #expect(t.run(s, "1 + 1") == "2\n")
        #expect(t.run(s, "'Québec'") == "\"Québec\"\n")
        #expect(t.run(s, "1, nil, true") == "1\tnil\ttrue\n")
        #expect(t.run(s, "x = 5") == "")
        #expect(t.run(s, "x") == "5\n")
        #expect(t.run(s, "print('a', 2)") == "a\t2\n")
        #expect(t.run(s, "(function() end)()") == "")
        #expect(t.run(s, "return 3, 4") == "3\t4\n")
        #expect(t.run(s, "'texte';") == "\"texte\"\n")
        #expect(t.run(s, "-- rien") == "")
        #expect(t.diagnostic.isEmpty)
    }

    @Test func anIncompleteChunkAsksForMoreLinesAndBecomesOneEntry() throws {
        let t = Transcript()
        let s = try t.session()
        #expect(s.feed("function add(a, b)") == .needsMore)
        #expect(s.isContinuing)
        #expect(s.feed("  return a + b") == .needsMore)
        #expect(s.feed("end") == .done(entry: "function add(a, b)\n  return a + b\nend"))
        #expect(!s.isContinuing)
        #expect(s.feed("s = [[a") == .needsMore)
        #expect(s.feed("b]]") == .done(entry: "s = [[a\nb]]"))
        #expect(s.feed("{") == .needsMore)
        #expect(s.feed("  k = 1,") == .needsMore)
        #expect(s.feed("}") == .done(entry: "{\n  k = 1,\n}"))
        #expect(t.standard == "{ k = 1 }\n")
        #expect(t.run(s, "add(2, 3)", "s") == "5\n\"a\\nb\"\n")
        #expect(s.feed("") == .done(entry: nil))
    }

    @Test func tablesPrintReadablyWithLimits() throws {
        let t = Transcript()
        let s = try t.session()
        #expect(t.run(s, "{ 1, 2, nom = 'x', [10] = true, ['a b'] = 1 }") == "{ 1, 2, [10] = true, [\"a b\"] = 1, nom = \"x\" }\n")
        #expect(t.run(s, "{ a = { b = { c = { d = { e = 1 } } } } }") == "{ a = { b = { c = { d = {...} } } } }\n")
        #expect(t.run(s, "{}") == "{}\n")
        #expect(t.run(s, "t = {} t.self = t") == "")
        #expect(t.run(s, "t") == "{ self = <cycle> }\n")
        let many = t.run(s, "local a = {} for i = 1, 100 do a[i] = i end return a")
        #expect(many.hasPrefix("{\n  1,\n  2,\n"))
        #expect(many.hasSuffix("  40,\n  ... (60 more),\n}\n"))
        let wide = t.run(s, "{ texte = string.rep('x', 70), autre = 1 }")
        #expect(wide == "{\n  autre = 1,\n  texte = \"\(String(repeating: "x", count: 70))\",\n}\n")
        #expect(t.run(s, "setmetatable({}, { __tostring = function() return 'objet Vigie' end })") == "objet Vigie\n")
        #expect(t.run(s, "setmetatable({ id = 'r1' }, { __name = 'rule' })") == "rule { id = \"r1\" }\n")
        #expect(t.run(s, "print").hasPrefix("function: "))
        #expect(t.diagnostic.isEmpty)
    }

    @Test func errorsShowWhereAndNeverEndTheSession() throws {
        let t = Transcript()
        let s = try t.session()
        t.run(s, "function f(p)", "  return p.texte:lower()", "end")
        #expect(t.run(s, "f({})") == "")
        #expect(t.diagnostic.hasPrefix("stdin:2: error: attempt to index a nil value (field 'texte')\n  |\n2 |   return p.texte:lower()"))
        #expect(t.diagnostic.contains("stack traceback:\n\tstdin:2: in global 'f'\n\tstdin:4: in main chunk"))
        t.diagnostic = ""
        #expect(t.run(s, "1 +* 2") == "")
        #expect(t.diagnostic.hasPrefix("stdin:5: syntax error: unexpected symbol near '*'"))
        t.diagnostic = ""
        #expect(t.run(s, "x = = 2") == "")
        #expect(t.diagnostic.hasPrefix("stdin:6: syntax error: unexpected symbol near '='"))
        #expect(t.run(s, "f({ texte = 'ABC' })") == "\"abc\"\n")
        #expect(s.failures == 3)
    }

    @Test func aLimitStopsTheEntryAndTheSessionGoesOn() throws {
        let t = Transcript()
        var options = ReplOptions()
        options.limits.timeout = 0.2
        options.limits.instructions = nil
        options.limits.memory = 16 << 20
        let s = try ReplSession(options: options, output: t.output)
        #expect(t.run(s, "while true do end") == "")
        #expect(t.diagnostic.hasPrefix("stdin:1: error (time limit): time limit exceeded (0.2 s)"))
        #expect(t.run(s, "6 * 7") == "42\n")
        // The memory bomb gets all the time it needs to reach the memory limit,
        // however loaded the machine (a deadline must not stop it first).
        let m = Transcript()
        options.limits.timeout = 60
        let s2 = try ReplSession(options: options, output: m.output)
        #expect(m.run(s2, "local t = {} for i = 1, 1e8 do t[i] = ('x'):rep(64) .. i end") == "")
        #expect(m.diagnostic.contains("error (memory limit): memory limit exceeded (16 MiB)"))
        #expect(m.run(s2, "6 * 7") == "42\n")
    }

    @Test func stringsShowEscapedAndLongOnesCut() throws {
        let t = Transcript()
        let s = try t.session()
        #expect(t.run(s, "'a\\tb\\n\\0\"'") == "\"a\\tb\\n\\0\\\"\"\n")
        #expect(t.run(s, "'\\255\\254'") == "\"\\255\\254\"\n")
        #expect(t.run(s, "('é'):rep(3)") == "\"ééé\"\n")
        let long = t.run(s, "('x'):rep(5000)")
        #expect(long == "\"" + String(repeating: "x", count: 2000) + "...\"\n")
    }

    @Test func anIncompleteEntryAtTheEndOfInputIsReported() throws {
        let t = Transcript()
        let s = try t.session()
        #expect(s.feed("if true then") == .needsMore)
        s.finishInput()
        #expect(t.diagnostic.hasPrefix("stdin:1: syntax error: 'end' expected near <eof>"))
        #expect(s.failures == 1)
    }

    @Test func anInterruptedEvaluationLeavesAWorkingSession() throws {
        let t = Transcript()
        var options = ReplOptions()
        options.limits.timeout = 60
        options.limits.instructions = nil
        let s = try ReplSession(options: options, output: t.output)
        let handle = s.state.interruptHandle
        let stopper = Thread {
            for _ in 0..<100 {
                usleep(50_000)
                handle.interrupt()
            }
        }
        stopper.start()
        _ = s.feed("n = 0 while true do n = n + 1 end")
        #expect(t.diagnostic == "interrupted (at stdin:1)\n")
        #expect(t.run(s, "n > 0") == "true\n")
    }

    @Test func loadRunsAFileAndReloadRunsItAgainKeepingGlobals() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("regles.lua", "version = 1\nfunction v() return version end\n")
        let t = Transcript()
        let s = try t.session()
        t.run(s, "mine = 'à moi'", ":load \(file.path)")
        #expect(t.run(s, "v()") == "1\n")
        try folder.write("regles.lua", "version = 2\nfunction v() return version * 10 end\n")
        t.run(s, ":reload")
        #expect(t.diagnostic.contains("reloaded \(file.path)"))
        #expect(t.run(s, "v()", "mine") == "20\n\"à moi\"\n")
        #expect(s.loadedFiles == [file.path])

        try folder.write("regles.lua", "x = 1\nerror('cassé')\n")
        t.diagnostic = ""
        t.run(s, ":reload")
        #expect(t.diagnostic.hasPrefix("\(file.path):2: error: cassé\n  |\n2 | error('cassé')"))
        t.diagnostic = ""
        try folder.write("syntaxe.lua", "x = 1\nif x then\n")
        t.run(s, ":load \(folder.path("syntaxe.lua"))")
        #expect(t.diagnostic.hasPrefix("\(folder.path("syntaxe.lua")):3: syntax error: 'end' expected (to close 'if' at line 2) near <eof>"))
        t.diagnostic = ""
        t.run(s, ":load /nonexistent/file.lua")
        #expect(t.diagnostic == "/nonexistent/file.lua: cannot be read (no such file)\n")
    }

    @Test func reloadWithNothingLoadedSaysWhatToDo() throws {
        let t = Transcript()
        let s = try t.session()
        t.run(s, ":reload")
        #expect(t.diagnostic == "nothing to reload: load files with :load FILE, or run with --policy DIR\n")
        #expect(s.failures == 0)
    }

    @Test func dataIsReadOnlyAndSummarised() throws {
        let records: LuaValue = [
            ["platform": "facebook", "kind": "post", "timestamp": "2024-01-02T00:00:00Z", "text": "secret"],
            ["platform": "facebook", "kind": "comment", "timestamp": "2024-01-09T00:00:00Z", "text": "secret"],
        ]
        let t = Transcript()
        let s = try t.session(datasets: [ReplDataSet(path: "client.jsonl", value: records)])
        #expect(t.run(s, "#data", "data[1].kind") == "2\n\"post\"\n")
        t.run(s, "data[1].kind = 'x'")
        #expect(t.diagnostic.contains("attempt to modify read-only host data"))
        let summary = t.run(s, ":data")
        #expect(summary == "client.jsonl: 2 records\n  by platform: facebook 2\n  by kind: comment 1, post 1\n  from 2024-01-02 to 2024-01-09\n")
        #expect(!summary.contains("secret"))
        #expect(t.run(s, "data[2].platform") == "\"facebook\"\n")
    }

    @Test func severalDataFilesMakeOneArrayOfRecords() throws {
        let t = Transcript()
        let s = try t.session(datasets: [
            ReplDataSet(path: "a.jsonl", value: [["id": "1"], ["id": "2"]]),
            ReplDataSet(path: "b.json", value: ["id": "3"]),
        ])
        #expect(t.run(s, "#data", "data[3].id") == "3\n\"3\"\n")
        #expect(t.run(s, ":data").hasSuffix("data: 3 records from 2 files\n"))
    }

    @Test func helpListsCommandsAndExplainsEach() throws {
        let t = Transcript()
        let s = try t.session()
        let list = t.run(s, ":help")
        for name in ["help", "load", "reload", "rules", "threats", "check", "explain", "data", "quit"] {
            #expect(list.contains("  :\(name)"), "\(name)")
        }
        #expect(t.run(s, ":help load").hasPrefix(":load FILE\n:load FILE runs the Lua file"))
        #expect(t.run(s, ":help keys").contains("Ctrl-C"))
        #expect(t.run(s, ":h reload").hasPrefix(":reload\n"))
        t.run(s, ":help nothing")
        #expect(t.diagnostic == "error: no help on \"nothing\" (:help lists the commands and topics)\n")
        t.diagnostic = ""
        t.run(s, ":frobnicate")
        #expect(t.diagnostic == "unknown command :frobnicate (:help lists the commands)\n")
        #expect(s.feed(":quit") == .quit(entry: ":quit"))
        #expect(s.feed(":q") == .quit(entry: ":q"))
    }

    @Test func policyCommandsWithoutAPolicySaySo() throws {
        let t = Transcript()
        let s = try t.session()
        for command in [":rules", ":threats", ":check \"Appelez-moi\"", ":explain pii"] {
            t.diagnostic = ""
            t.run(s, command)
            #expect(t.diagnostic == "error: no policy loaded: run with --policy DIR\n", "\(command)")
        }
        #expect(s.failures == 4)
    }

    @Test func anExtraCommandCanBeRegistered() throws {
        let t = Transcript()
        let s = try t.session()
        s.commands.register(
            ReplMetaCommand(name: "echo", usage: "TEXT", summary: "repeat", help: "repeats") { argument, session in
                session.output.line(argument.uppercased())
                return .continue
            })
        #expect(t.run(s, ":echo bonjour") == "BONJOUR\n")
        #expect(t.run(s, ":help").contains(":echo TEXT"))
    }
}
