import Foundation
import Testing
import VigieTestSupport

@Suite("vigie run")
struct RunCommandTests {
    @Test func runsANormalScriptAndPrintsWhatItReturns() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "hello.lua",
            """
            print("Bonjour, " .. "Québec")
            return { mots = 2, langue = "fr" }, 42
            """)
        let result = try VigieBinary.run(["run", "hello.lua"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Bonjour, Québec\n{\n  langue = \"fr\",\n  mots = 2,\n}\n42\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func reportsASyntaxErrorWithFileAndLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("broken.lua", "local a = 1\nif a then\n  print(a\nend\n")
        let result = try VigieBinary.run(["run", "broken.lua"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("broken.lua:4: syntax error: ')' expected (to close '(' at line 3) near 'end'"))
        #expect(result.stderr.contains("4 | end"))
        #expect(result.stdout.isEmpty)
    }

    @Test func reportsARuntimeErrorWithFileLineAndTraceback() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "rules/check.lua",
            """
            local function check(post)
              return post.text:lower()
            end
            print("avant")
            check({})
            """)
        let result = try VigieBinary.run(["run", "rules/check.lua"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout == "avant\n")
        #expect(result.stderr.hasPrefix("rules/check.lua:2: error: attempt to index a nil value (field 'text')"))
        #expect(result.stderr.contains("2 |   return post.text:lower()"))
        #expect(result.stderr.contains("stack traceback:"))
    }

    @Test func aRunawayScriptExitsWithTheLimitCode() throws {
        let folder = try TemporaryFolder()
        try folder.write("spin.lua", "local n = 0\nwhile true do n = n + 1 end\n")
        let result = try VigieBinary.run(["run", "spin.lua", "--timeout", "0.2", "--instructions", "1000000000"], in: folder.url)
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("spin.lua:2: error (time limit): time limit exceeded (0.2 s)"))
    }

    @Test func aMemoryBombExitsWithTheLimitCode() throws {
        let folder = try TemporaryFolder()
        try folder.write("bomb.lua", "local t = {}\nfor i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end\n")
        let result = try VigieBinary.run(["run", "bomb.lua", "--memory", "8"], in: folder.url)
        #expect(result.status == 3)
        #expect(result.stderr.contains("error (memory limit): memory limit exceeded (8 MiB)"))
    }

    @Test func dataFileIsAReadOnlyGlobal() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "posts.jsonl",
            """
            {"id": "1", "text": "En vacances du 3 au 17 août", "likes": 3}
            {"id": "2", "text": "Réunion d’équipe lundi", "likes": 0, "public": true}
            """)
        try folder.write(
            "count.lua",
            """
            local n = 0
            for _, post in ipairs(data) do n = n + post.likes end
            local ok, err = pcall(function() data[1].text = "modifié" end)
            return #data, n, data[2].public, ok, err
            """)
        let result = try VigieBinary.run(["run", "count.lua", "--data", "posts.jsonl"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "2\n3\ntrue\nfalse\n\"count.lua:3: attempt to modify read-only host data\"\n")
    }

    @Test(arguments: [
        (["run", "missing.lua"], "missing.lua: no such file"),
        (["run", "hello.lua", "--timeout", "0"], "--timeout must be positive"),
        (["run", "hello.lua", "--bogus"], "Unknown option '--bogus'"),
        (["run"], "Missing expected argument '<file>'"),
        (["run", "hello.lua", "--data", "bad.json"], "bad.json: invalid JSON"),
    ])
    func badUsageExitsWithCode2(arguments: [String], message: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("hello.lua", "return 1")
        try folder.write("bad.json", "{\"a\": ")
        let result = try VigieBinary.run(arguments, in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func helpTeachesByExample() throws {
        let result = try VigieBinary.run(["run", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("vigie run rules.lua --data posts.jsonl"))
        #expect(result.stdout.contains("Exit codes"))
    }
}
