import LuaHost
import Testing
import VigieTestSupport

@testable import VigieREPL

@Suite("REPL completion")
struct CompletionTests {
    @Test(arguments: [
        ("pri", ReplCompletionRequest.lua(path: [], prefix: "pri", method: false)),
        ("x = string.fo", .lua(path: ["string"], prefix: "fo", method: false)),
        ("data.a.b", .lua(path: ["data", "a"], prefix: "b", method: false)),
        ("s:up", .lua(path: ["s"], prefix: "up", method: true)),
        ("data[2].te", .lua(path: ["data", "[2]"], prefix: "te", method: false)),
        ("x = data[10][3].", .lua(path: ["data", "[10]", "[3]"], prefix: "", method: false)),
        ("print(", .lua(path: [], prefix: "", method: false)),
        (":rel", .metaCommand(prefix: "rel")),
        (":load scripts/de", .metaArgument(command: "load", prefix: "scripts/de")),
        (":explain ", .metaArgument(command: "explain", prefix: "")),
    ])
    func theRequestIsReadFromTheTextBeforeTheCursor(text: String, expected: ReplCompletionRequest) {
        #expect(ReplCompletionRequest(textBeforeCursor: text) == expected)
    }

    @Test func insideAStringTheRequestIsTheStringSoFar() {
        #expect(ReplCompletionRequest(textBeforeCursor: "print('abc") == .stringLiteral(prefix: "abc", before: "print("))
        #expect(ReplCompletionRequest(textBeforeCursor: #"rule("pas-de"#) == .stringLiteral(prefix: "pas-de", before: "rule("))
        #expect(ReplCompletionRequest(textBeforeCursor: #"x = "a\"b"#) == .stringLiteral(prefix: #"a\"b"#, before: "x = "))
        #expect(ReplCompletionRequest(textBeforeCursor: #"x = "fermé" .. y"#) == .lua(path: [], prefix: "y", method: false))
        #expect(ReplCompletionRequest(textBeforeCursor: "x = 1 -- it's") == nil)
    }

    @Test func nothingIsCompletedAfterANumber() {
        #expect(ReplCompletionRequest(textBeforeCursor: "x = 3.1") == nil)
        #expect(ReplCompletionRequest(textBeforeCursor: "a..b") == nil)
        #expect(ReplCompletionRequest(textBeforeCursor: "data[1]") == nil)
        #expect(ReplCompletionRequest(textBeforeCursor: "data[i].") == nil)
    }

    @Test func globalsFieldsMethodsAndKeywords() throws {
        let t = Transcript()
        let s = try t.session()
        t.run(s, "mon_tableau = { longue_cle = 1, autre = 2, fn = function() end }")
        t.run(s, "Classe = {} Classe.__index = Classe function Classe.methode() end obj = setmetatable({ champ = 1 }, Classe)")
        #expect(s.complete("mon_t")?.candidates == ["mon_tableau"])
        #expect(s.complete("mon_tableau.l")?.candidates == ["mon_tableau.longue_cle"])
        #expect(s.complete("x = mon_tableau.")?.candidates == ["mon_tableau.autre", "mon_tableau.fn", "mon_tableau.longue_cle"])
        #expect(s.complete("mon_tableau:")?.candidates == ["mon_tableau:fn"])
        #expect(s.complete("obj.")?.candidates == ["obj.champ", "obj.methode"])
        #expect(s.complete("string.g")?.candidates == ["string.gmatch", "string.gsub"])
        #expect(s.complete("('x'):up")?.candidates == nil || s.complete("('x'):up")?.candidates == [])
        #expect(s.complete("s = 'x' s:up")?.candidates == [])
        #expect(s.complete("fun")?.candidates == ["function"])
        #expect(s.complete("ret")?.candidates == ["return"])
        #expect(s.complete("nothing_like_this.")?.candidates == [])
        let completion = try #require(s.complete("string.g"))
        #expect(completion.word == "string.g")
        #expect(completion.commonPrefix == "string.g")
        #expect(s.complete("string.for")?.commonPrefix == "string.format")
    }

    @Test func readOnlyDataIsCompletedThroughItsView() throws {
        let t = Transcript()
        let s = try t.session(datasets: [ReplDataSet(path: "a.json", value: ["profil": ["nom": "x"], "posts": [1, 2]])])
        #expect(s.complete("data.p")?.candidates == ["data.posts", "data.profil"])
        #expect(s.complete("data.profil.")?.candidates == ["data.profil.nom"])
        let u = Transcript()
        let records = try u.session(datasets: [ReplDataSet(path: "a.jsonl", value: [["texte": "a", "id": "1"], ["texte": "b"]])])
        #expect(records.complete("data[2].t")?.candidates == ["data[2].texte"])
        #expect(records.complete("data[1].")?.candidates == ["data[1].id", "data[1].texte"])
    }

    @Test func metaCommandsTopicsAndFiles() throws {
        let folder = try TemporaryFolder()
        try folder.write("regles.lua", "")
        try folder.write("reactions/a.lua", "")
        let t = Transcript()
        let s = try t.session()
        #expect(s.complete(":re")?.candidates == [":reload"])
        #expect(s.complete(":")?.candidates.contains(":explain") == true)
        #expect(s.complete(":help k")?.candidates == ["keys"])
        #expect(s.complete(":load \(folder.url.path)/re")?.candidates == ["\(folder.url.path)/reactions/", "\(folder.url.path)/regles.lua"])
        #expect(s.complete(":explain ")?.candidates == [])
    }

    @Test func theSessionDoesNotChangeWhileCompleting() throws {
        let t = Transcript()
        let s = try t.session()
        _ = s.complete("str")
        _ = s.complete("string.")
        #expect(t.run(s, "local n = 0 for k in pairs(_G) do n = n + 1 end return n") == t.run(s, "local n = 0 for k in pairs(_G) do n = n + 1 end return n"))
        #expect(t.run(s, "rawget(_G, '__vigie_show')") == "nil\n")
        #expect(s.failures == 0)
    }
}
