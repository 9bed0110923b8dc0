import Foundation
import Testing
import VigieTestSupport

/// What the command line does on a terminal (issue 20): colour unless
/// NO_COLOR, TERM=dumb or --color never; no HTML page dumped on the screen.
@Suite("Commands on a terminal")
struct TerminalConventionsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let policy = root.appendingPathComponent("Policies/entretien-menager").path
    static let plugins = root.appendingPathComponent("Plugins").path
    static let data = root.appendingPathComponent("Policies/entretien-menager/donnees").path

    func run(_ arguments: [String], _ environment: [String: String]) throws -> (output: String, status: Int32) {
        var env = ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        env.merge(environment) { _, new in new }
        let terminal = try TerminalSession(arguments: arguments, environment: env)
        let status = try terminal.waitForExit(timeout: 60)
        return (terminal.transcript, status)
    }

    static var check: [String] { ["check", data, "-p", policy, "--plugins", plugins, "--no-case-file"] }

    @Test func checkIsColouredOnATerminalUnlessToldOtherwise() throws {
        let coloured = try run(Self.check, ["TERM": "xterm"])
        #expect(coloured.output.contains("\u{1B}["), "\(coloured.output.prefix(300))")
        for environment in [["TERM": "dumb"], ["TERM": "xterm", "NO_COLOR": "1"]] {
            let plain = try run(Self.check, environment)
            #expect(!plain.output.contains("\u{1B}["), "\(environment)")
            #expect(plain.output.contains("telephone-personnel"))
        }
        let never = try run(Self.check + ["--color", "never"], ["TERM": "xterm"])
        #expect(!never.output.contains("\u{1B}["))
    }

    @Test func reportWritesNoHTMLOnATerminal() throws {
        let refused = try run(["report", Self.data, "-p", Self.policy, "--plugins", Self.plugins, "--no-case-file"], ["TERM": "xterm"])
        #expect(refused.status == 2)
        #expect(refused.output.contains("error: the report is an HTML page: write it to a file with -o report.html"))
        #expect(!refused.output.contains("<html"))
        // Text on a terminal is fine.
        let text = try run(
            ["report", Self.data, "-p", Self.policy, "--plugins", Self.plugins, "--no-case-file", "--format", "text"],
            ["TERM": "xterm"])
        #expect(text.status == 0, "\(text.output.suffix(300))")
        #expect(!text.output.contains("<html"))
    }
}
