import Foundation
import Testing
import VigieTestSupport

/// `vigie repl` with piped input: a script session, no prompts.
@Suite("vigie repl with piped input")
struct PipedModeTests {
    @Test func theOutputIsExactlyTheValuesPrinted() throws {
        let input = """
            x = 6 * 7
            x
            print("bonjour", 1)
            { a = 1, b = { 2, 3 } }
            function f()
              return "multi"
            end
            f()
            local hidden = 1

            """
        let result = try VigieBinary.run(["repl"], stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "42\nbonjour\t1\n{ a = 1, b = { 2, 3 } }\n\"multi\"\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func errorsGoToStandardErrorWithTheInputLineAndTheSessionGoesOn() throws {
        let input = "a = 1\nerror('boom')\na + 1\nundefined.field\n'après'\n"
        let result = try VigieBinary.run(["repl"], stdin: input)
        #expect(result.status == 1)
        #expect(result.stdout == "2\n\"après\"\n")
        #expect(result.stderr.hasPrefix("stdin:2: error: boom\n"))
        #expect(result.stderr.contains("stdin:4: error: attempt to index a nil value (global 'undefined')"))
    }

    @Test func anUnfinishedEntryAtTheEndIsASyntaxError() throws {
        let result = try VigieBinary.run(["repl"], stdin: "1\nfunction f()\n  return 1\n")
        #expect(result.status == 1)
        #expect(result.stdout == "1\n")
        #expect(result.stderr.hasPrefix("stdin:3: syntax error: 'end' expected (to close 'function' at line 2) near <eof>"))
    }

    @Test func quitStopsReading() throws {
        let result = try VigieBinary.run(["repl"], stdin: "1\n:quit\n2\n")
        #expect(result.status == 0)
        #expect(result.stdout == "1\n")
    }

    @Test func dataFilesAreTheGlobalDataAndDataSummarisesThem() throws {
        let folder = try TemporaryFolder()
        let stream = try folder.write(
            "client.jsonl",
            """
            {"schema":"vigie.activity/1","id":"mastodon:1","kind":"post","platform":"mastodon","author":{"platform":"mastodon","handle":"a"},"timestamp":"2024-03-01T10:00:00Z","text":"Bonjour"}
            {"schema":"vigie.activity/1","id":"mastodon:2","kind":"reply","platform":"mastodon","author":{"platform":"mastodon","handle":"a"},"timestamp":"2024-03-05T10:00:00Z","text":"Merci"}
            {"schema":"vigie.activity/1","id":"twitter:3","kind":"post","platform":"twitter","author":{"platform":"twitter","handle":"b"},"timestamp":"2024-02-20T10:00:00Z","text":"Salut"}

            """)
        let result = try VigieBinary.run(["repl", "--data", stream.path], stdin: "#data\ndata[2].text\n:data\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                3
                "Merci"
                \(stream.path): 3 records
                  by platform: mastodon 2, twitter 1
                  by kind: post 2, reply 1
                  from 2024-02-20 to 2024-03-05

                """)
    }

    @Test func policyCommandsSayThatNoPolicyIsLoaded() throws {
        let result = try VigieBinary.run(["repl"], stdin: ":rules\n:check \"Appelez-moi au 514 555-1234\"\n")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: no policy loaded: run with --policy DIR\nerror: no policy loaded: run with --policy DIR\n")
    }

    @Test func anUnreadableDataFileIsAUsageError() throws {
        let result = try VigieBinary.run(["repl", "--data", "/nonexistent/client.jsonl"], stdin: "1\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/client.jsonl: no such file"))
    }
}
