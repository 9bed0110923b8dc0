import Foundation
import Testing
import VigieTestSupport

/// The command line's conventions (issue 20): -p and -o everywhere, `-` for
/// standard input, the output's extension choosing the format (and PDF
/// refused), one error prefix, --color, completions, the man page.
@Suite("Command-line conventions")
struct ConventionsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let policy = root.appendingPathComponent("Policies/entretien-menager").path
    static let plugins = root.appendingPathComponent("Plugins").path
    static let data = root.appendingPathComponent("Policies/entretien-menager/donnees").path
    static let line = #"{"schema":"vigie.activity/1","id":"a1","kind":"post","platform":"facebook","author":{"platform":"facebook","handle":"x"},"timestamp":"2026-03-02T10:00:00Z","text":"Textez-moi au 514 555-0142"}"#

    @Test func shortOptionsForThePolicyAndTheOutput() throws {
        let folder = try TemporaryFolder()
        let lint = try VigieBinary.run(["lint", "-p", Self.policy, "--plugins", Self.plugins, "-o", folder.path("lint.txt")])
        #expect(lint.status == 0, "\(lint.stderr)")
        #expect(try String(contentsOfFile: folder.path("lint.txt"), encoding: .utf8).contains("0 problème"))
        let charter = try VigieBinary.run(["charter", "-p", Self.policy, "--plugins", Self.plugins, "-o", folder.path("charte.md")])
        #expect(charter.status == 0, "\(charter.stderr)")
        #expect(try String(contentsOfFile: folder.path("charte.md"), encoding: .utf8).hasPrefix("# "))
        let imported = try VigieBinary.run(["import", Self.data, "-o", folder.path("a.jsonl")])
        #expect(imported.status == 0)
        // The old spelling is still read, but not with the new one.
        let old = try VigieBinary.run(["import", Self.data, "--out", folder.path("b.jsonl")])
        #expect(old.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("a.jsonl"))) == Data(contentsOf: URL(fileURLWithPath: folder.path("b.jsonl"))))
        let both = try VigieBinary.run(["import", Self.data, "--out", folder.path("c.jsonl"), "-o", folder.path("d.jsonl")])
        #expect(both.status == 2 && both.stderr.contains("Give --output (or -o) once"))
        let tests = try VigieBinary.run(["test", Self.policy, "--plugins", Self.plugins, "-o", folder.path("results.xml")])
        #expect(tests.status == 0, "\(tests.stderr)")
        #expect(try String(contentsOfFile: folder.path("results.xml"), encoding: .utf8).contains("<testsuites"))
    }

    @Test func aDashReadsStandardInput() throws {
        let folder = try TemporaryFolder()
        let stream = Self.line + "\n"
        let imported = try VigieBinary.run(["import", "-", "-o", folder.path("s.jsonl")], stdin: stream)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try String(contentsOfFile: folder.path("s.jsonl"), encoding: .utf8).contains("\"id\":\"a1\""))
        let checked = try VigieBinary.run(
            ["check", "-", "-p", Self.policy, "--plugins", Self.plugins, "--no-case-file", "--fail-on", "critical"], stdin: stream)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("telephone-personnel"))
        let run = try VigieBinary.run(["run", "-"], stdin: "return 6 * 7\n")
        #expect(run.status == 0 && run.stdout.contains("42"), "\(run.stderr)")
        let data = try VigieBinary.run(["run", folder.path("count.lua"), "--data", "-"], stdin: stream, environment: [:])
        // The script file does not exist: said with its name, exit 2.
        #expect(data.status == 2 && data.stderr.hasPrefix("error: "))
        try "return #data\n".write(toFile: folder.path("count.lua"), atomically: true, encoding: .utf8)
        let counted = try VigieBinary.run(["run", folder.path("count.lua"), "--data", "-"], stdin: stream + stream)
        #expect(counted.status == 0 && counted.stdout.hasPrefix("2"), "\(counted.stderr)")
        let twice = try VigieBinary.run(["run", "-", "--data", "-"], stdin: "")
        #expect(twice.status == 2 && twice.stderr.contains("Standard input can be the script or the data, not both."))
    }

    @Test func theOutputsExtensionChoosesTheFormatAndPDFIsRefused() throws {
        let folder = try TemporaryFolder()
        let common = ["-p", Self.policy, "--plugins", Self.plugins, "--no-case-file"]
        let sarif = try VigieBinary.run(["report", Self.data] + common + ["-o", folder.path("findings.sarif.json")])
        #expect(sarif.status == 0, "\(sarif.stderr)")
        let document = try String(contentsOfFile: folder.path("findings.sarif.json"), encoding: .utf8)
        #expect(document.contains("sarif-2.1.0") && document.contains("\"runs\""))
        let markdown = try VigieBinary.run(["report", Self.data] + common + ["-o", folder.path("r.md")])
        #expect(markdown.status == 0)
        #expect(try String(contentsOfFile: folder.path("r.md"), encoding: .utf8).hasPrefix("# "))
        let pdf = try VigieBinary.run(["report", Self.data] + common + ["-o", folder.path("r.pdf")])
        #expect(pdf.status == 2)
        #expect(pdf.stderr.contains("Vigie writes no PDF; write HTML (-o r.html) and print it to PDF from a browser"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("r.pdf")))
        let contradiction = try VigieBinary.run(["report", Self.data] + common + ["--format", "json", "-o", folder.path("r.html")])
        #expect(contradiction.status == 2 && contradiction.stderr.contains("the extension says html, --format says json"))
        let lint = try VigieBinary.run(["lint", "-p", Self.policy, "--plugins", Self.plugins, "-o", folder.path("lint.sarif.json")])
        #expect(lint.status == 0)
        #expect(try String(contentsOfFile: folder.path("lint.sarif.json"), encoding: .utf8).contains("sarif-2.1.0"))
        let notWritten = try VigieBinary.run(["lint", "-p", Self.policy, "--plugins", Self.plugins, "-o", folder.path("lint.csv")])
        #expect(notWritten.status == 2 && notWritten.stderr.contains("this command does not write csv; it writes text, json, sarif"))
    }

    @Test func everyErrorStartsWithTheSamePrefix() throws {
        let cases: [[String]] = [
            ["lint", "-p", "/nowhere"], ["import", "/nowhere"], ["check", "/nowhere", "-p", Self.policy],
            ["report", Self.data, "-p", Self.policy, "-o", "x.pdf"], ["run", "/nowhere.lua"], ["simulate", "--bogus"],
            ["test", Self.policy, "--filter", "aucun-test-ne-porte-ce-nom", "--plugins", Self.plugins],
            ["plugins", "list", "--plugins", ""], ["import", Self.data, "--format", "myspace"],
        ]
        for arguments in cases {
            let result = try VigieBinary.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.hasPrefix("error: "), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("Error: ") && !result.stderr.contains("vigie import:"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func aTestFilterThatMatchesNothingFails() throws {
        let none = try VigieBinary.run(["test", Self.policy, "--plugins", Self.plugins, "--filter", "aucun-test-ne-porte-ce-nom"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no test's name contains \"aucun-test-ne-porte-ce-nom\""))
        let some = try VigieBinary.run(["test", Self.policy, "--plugins", Self.plugins, "--filter", "telephone"])
        #expect(some.status == 0, "\(some.stdout)")
    }

    @Test func colourFollowsTheFlag() throws {
        let common = ["-", "-p", Self.policy, "--plugins", Self.plugins, "--no-case-file"]
        let always = try VigieBinary.run(["check"] + common + ["--color", "always"], stdin: Self.line + "\n")
        #expect(always.stdout.contains("\u{1B}["), "\(always.stdout)")
        let never = try VigieBinary.run(["check"] + common + ["--color", "never"], stdin: Self.line + "\n")
        #expect(!never.stdout.contains("\u{1B}["))
        // Piped, without --color: none.
        let piped = try VigieBinary.run(["check"] + common, stdin: Self.line + "\n", environment: ["NO_COLOR": ""])
        #expect(!piped.stdout.contains("\u{1B}["))
    }

    @Test func completionScriptsCompletePathsScenariosAndPlugins() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try VigieBinary.run(["completions", shell])
            #expect(script.status == 0)
            #expect(script.stdout.contains("editor-kit") && script.stdout.contains("simulate"))
            #expect(script.stdout.contains("---completion simulate -- positional@0"), "\(shell)")
        }
        let bad = try VigieBinary.run(["completions", "tcsh"])
        #expect(bad.status == 2 && bad.stderr.contains("The shell is bash, zsh or fish."))
        // bash itself, completing what a user typed.
        let folder = try TemporaryFolder()
        let script = try VigieBinary.run(["completions", "bash"]).stdout
        try script.write(toFile: folder.path("vigie.bash"), atomically: true, encoding: .utf8)
        func complete(_ words: [String]) throws -> [String] {
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let line = words.joined(separator: " ")
            let program = """
                source '\(folder.path("vigie.bash"))'
                COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
                COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
                # As bash calls it: the command, the word, the word before.
                _vigie vigie "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let bash = Process()
            bash.executableURL = URL(fileURLWithPath: "/bin/bash")
            bash.arguments = ["-c", program]
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = VigieBinary.url.deletingLastPathComponent().path + ":/usr/bin:/bin"
            bash.environment = environment
            bash.currentDirectoryURL = Self.root
            let pipe = Pipe()
            bash.standardOutput = pipe
            try bash.run()
            let out = pipe.fileHandleForReading.readDataToEndOfFile()
            bash.waitUntilExit()
            return String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        let scenarios = try complete(["vigie", "simulate", "-p", "Policies/entretien-menager", ""])
        #expect(scenarios.contains("karine-s-emporte") && scenarios.contains("client-fache"), "\(scenarios)")
        #expect(try complete(["vigie", "plugins", "info", "don"]) == ["donnees-personnelles"])
        #expect(try complete(["vigie", "lint", "-p", "Polic"]).contains("Policies"))
    }

    @Test func theManPageIsUpToDateWithTheCommandLine() throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/man/vigie.1"), encoding: .utf8)
        let dump = try VigieBinary.run(["--experimental-dump-help"])
        let json = try #require(JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var missing: [String] = []
        func visit(_ command: [String: Any], path: [String]) {
            let name = command["commandName"] as? String ?? ""
            let here = path + [name]
            // A command is an item of its parent's list, its options items of its own.
            if here.count > 1, !page.contains(".It Em \(name)") { missing.append(here.joined(separator: " ")) }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                guard (argument["shouldDisplay"] as? Bool) != false else { continue }
                for n in argument["names"] as? [[String: Any]] ?? [] where n["kind"] as? String == "long" {
                    // `.It Fl -plugins Ar …`, or with a short name `.It Fl p , -policy Ar …`.
                    if let long = n["name"] as? String, !page.contains("Fl -\(long)"), !page.contains(", -\(long) ") {
                        missing.append("\(here.joined(separator: " ")) --\(long)")
                    }
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { visit(sub, path: here) }
        }
        visit(try #require(json["command"] as? [String: Any]), path: [])
        #expect(missing == [], "docs/man/vigie.1 is out of date: run scripts/generate-man.sh")
        // No line of the help text starts with a dot, which roff would take
        // for a request (and drop): every such line is a macro.
        let requests = page.split(separator: "\n").filter { $0.hasPrefix(".") }
        let strays = requests.filter { $0.range(of: #"^\.(\\"|[A-Z][a-zA-Z])( |$)"#, options: .regularExpression) == nil }
        #expect(strays == [])
    }
}
