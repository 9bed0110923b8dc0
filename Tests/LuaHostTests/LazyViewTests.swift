import Foundation
import Testing

@testable import LuaHost

/// Lazy read-only maps (`LuaSchema`, `LuaLazyMapBuilder`): handed over as
/// their encoded fields, decoded when a script first reads each one; to a
/// script they are read-only views like any other.
@Suite("Lazy read-only views")
struct LazyViewTests {
    static let names = ["id", "text", "count", "ratio", "flag", "author", "tags", "absent"]

    func call(_ script: String) throws -> [LuaValue] {
        let state = try LuaState(limits: .hostileTests)
        let schema = try state.schema(Self.names)
        let env = try state.makeEnvironment()
        let f = try state.load(script, chunkName: "lazy.lua", environment: env)
        return try state.call(f) { args in
            args.lazyMap(schema) { m in
                m.set(2, "Bonjour à tous")
                m.set(1, "p1")
                m.set(3, 42)
                m.set(4, 0.5)
                m.set(5, true)
                m.setMap(6) { a in
                    a.set("handle", "@lea")
                    a.set("followers", 12)
                }
                m.set(7, strings: ["un", "deux"])
                m.set(8, nil as String?)
            }
            args.integer(7)
        } results: { (r: LuaResults) throws(LuaError) -> [LuaValue] in
            var values: [LuaValue] = []
            for i in 0..<r.count { values.append(try r.value(i + 1)) }
            return values
        }
    }

    @Test func fieldsReadAsWritten() throws {
        let r = try call("""
            local post, n = ...
            return post.id, post.text, post.count, post.ratio, post.flag, post.author.handle, post.author.followers,
              #post.tags, post.tags[2], post.absent, post.unknown, post[1], n, post.text
            """)
        #expect(r == ["p1", "Bonjour à tous", 42, 0.5, true, "@lea", 12, 2, "deux", .nil, .nil, .nil, 7, "Bonjour à tous"])
    }

    @Test func aLazyViewIsReadOnlyAsAnyView() throws {
        for (script, message) in [
            ("local post = ...; post.text = 'x'", "attempt to modify read-only host data"),
            ("local post = ...; post.absent = 'x'", "attempt to modify read-only host data"),
            ("local post = ...; return post.text, rawset(post, 'text', 'x')", "bad argument #1 to 'rawset' (table expected, got read-only table)"),
            ("local post = ...; table.insert(post.tags, 'x')", "attempt to modify read-only host data"),
            ("local post = ...; getmetatable(post).__index.text = 'x'", "attempt to index"),
        ] {
            do {
                _ = try call(script)
                Issue.record("expected an error: \(script)")
            } catch let error as LuaError {
                #expect(error.message.contains(message), "\(script): \(error)")
            }
        }
        #expect(try call("return getmetatable((...))") == ["read-only"])
    }

    /// pairs sees every field given (and no key of the host's own), whether
    /// read before or not; the host reads the view whole.
    @Test func pairsAndTheHostSeeEveryField() throws {
        let r = try call("""
            local post = ...
            local _ = post.text
            local keys = {}
            for k in pairs(post) do keys[#keys + 1] = k end
            table.sort(keys)
            return table.concat(keys, ","), post
            """)
        #expect(r.first == "author,count,flag,id,ratio,tags,text")
        #expect(r.count == 2)
        #expect(r[1]["text"] == "Bonjour à tous")
        #expect(r[1]["author"]["handle"] == "@lea")
        #expect(r[1]["tags"] == ["un", "deux"])
        #expect(r[1]["absent"] == .nil)
        #expect(r[1].tableValue?.count == 7)
    }

    /// The iterator `pairs` gives is a function scripts hold: called with
    /// something else than a view, it is an error, not a crash (lazy and
    /// ordinary views alike).
    @Test func theIteratorOfAViewRefusesOtherValues() throws {
        let script = """
            local post = ...
            local results = {}
            for _, view in ipairs({ post, post.tags }) do
              local f = pairs(view)
              for _, bad in ipairs({ {}, 1, "x", f }) do
                local ok, e = pcall(f, bad)
                results[#results + 1] = ok == false and e:find("read-only table expected", 1, true) ~= nil
              end
            end
            return table.unpack(results)
            """
        #expect(try call(script) == Array(repeating: LuaValue.boolean(true), count: 8))
    }

    /// A view gets its own metatable when a script first reads it: before
    /// that read and after it, it looks and refuses writes the same.
    @Test func aViewLooksTheSameBeforeAndAfterItsFirstRead() throws {
        let r = try call("""
            local post = ...
            local function probe()
              local ok, e = pcall(function() post.text = 'x' end)
              return getmetatable(post), ok, e:match('attempt to modify read%-only host data') ~= nil,
                tostring(post):match('^read%-only table') ~= nil, #post
            end
            local a = { probe() }
            local text = post.text
            local b = { probe() }
            return a[1], a[2], a[3], a[4], a[5], b[1], b[2], b[3], b[4], b[5], text, post.text, post.count
            """)
        #expect(r == [
            "read-only", false, true, true, 0, "read-only", false, true, true, 0, "Bonjour à tous", "Bonjour à tous", 42,
        ])
    }

    /// A view's backing table is made when first needed: pairs and the
    /// length of a view no script read yet see what a read one shows.
    @Test func pairsAndLengthOfAViewNotReadYet() throws {
        let r = try call("""
            local post = ...
            local n = #post
            local keys = {}
            for k in pairs(post) do keys[#keys + 1] = k end
            table.sort(keys)
            return n, table.concat(keys, ","), post.text, #post.tags
            """)
        #expect(r == [0, "author,count,flag,id,ratio,tags,text", "Bonjour à tous", 2])
    }

    /// A view no script read is read whole by the host.
    @Test func theHostReadsAViewNoScriptRead() throws {
        let r = try call("return (...)")
        #expect(r.count == 1)
        #expect(r[0]["text"] == "Bonjour à tous")
        #expect(r[0]["author"]["handle"] == "@lea")
        #expect(r[0].tableValue?.count == 7)
    }

    /// Strings of every length (short ones are copied into the buffer
    /// with overlapping stores) reach Lua byte for byte, ASCII or not.
    @Test func stringsOfEveryLengthArriveWhole() throws {
        let state = try LuaState(limits: .hostileTests)
        let f = try state.load("local t = {...}; return table.concat(t, '|'), select('#', ...)", chunkName: "s.lua")
        let strings = (0...40).map { n in String((0..<n).map { k in k % 7 == 3 ? "é" : Character(UnicodeScalar(97 + k % 26)!) }) }
        let read = try state.call(f) { args in
            for s in strings { args.string(s) }
        } results: { (r: LuaResults) throws(LuaError) -> [LuaValue] in
            [try r.value(1), try r.value(2)]
        }
        #expect(read == [.string(strings.joined(separator: "|")), .integer(Int64(strings.count))])
    }

    /// A field is decoded once: what a script gets twice is the same value.
    @Test func aFieldIsDecodedOnce() throws {
        #expect(try call("local post = ...; return rawequal(post.author, post.author), rawequal(post.tags, post.tags)")
                == [true, true])
    }

    /// The results read in place: integers, strings, booleans, absent ones.
    @Test func resultsAreReadInPlace() throws {
        let state = try LuaState(limits: .hostileTests)
        let f = try state.load("return 3, { 1, 'deux', false, true, 2.5 }, 'x'", chunkName: "r.lua")
        let read = try state.call(f) { _ in } results: { (r: LuaResults) throws(LuaError) -> [String] in
            guard let t = r.table(2) else { return ["no table"] }
            return [
                "\(r.count)", "\(r.integer(1) ?? -1)", "\(r.integer(3) ?? -1)", "\(r.table(1) == nil)",
                "\(t.integer(1) ?? -1)", t.string(2) ?? "-", "\(t.scalar(3))", "\(t.scalar(4))", "\(t.scalar(5))",
                "\(t.scalar(6))", "\(t.integer(2) ?? -1)",
            ]
        }
        #expect(read == ["3", "3", "-1", "true", "1", "deux", "boolean(false)", "boolean(true)", "number(2.5)", "nil", "-1"])
    }
}
