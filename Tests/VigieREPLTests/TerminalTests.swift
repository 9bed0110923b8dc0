import Foundation
import Testing
import VigieTestSupport

/// `vigie repl` on a pseudo-terminal: what a consultant types, what the
/// screen shows.
@Suite("vigie repl on a terminal")
struct TerminalTests {
    /// The main prompt, right after the REPL asked for bracketed paste.
    static let prompt = "\u{1B}[?2004h> "
    static let continuation = "\u{1B}[?2004h>> "
    static let ctrlC = "\u{3}"
    static let ctrlD = "\u{4}"

    /// A value shown after an entry ran (the REPL turns bracketed paste
    /// off before it evaluates).
    static func value(_ text: String) -> String { "\u{1B}[?2004l" + text + "\r\n" }

    @Test func aMultiLineFunctionDefinitionContinuesAndThenRuns() throws {
        let folder = try TemporaryFolder()
        let terminal = try TerminalSession(folder: folder)
        try terminal.waitForInput(after: Self.prompt)
        terminal.send("function twice(x)\r")
        try terminal.waitForInput(after: Self.continuation)
        terminal.send("  return x * 2\r")
        try terminal.waitForInput(after: Self.continuation)
        terminal.send("end\r")
        try terminal.waitForInput(after: Self.prompt)
        terminal.send("twice(21)\r")
        try terminal.waitFor(Self.value("42"))
        try terminal.waitForInput(after: Self.prompt)
        terminal.send(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func tabCompletesGlobalsFieldsAndMetaCommands() throws {
        let folder = try TemporaryFolder()
        let terminal = try TerminalSession(folder: folder)
        try terminal.waitForInput(after: Self.prompt)
        terminal.send("mon_tableau = { longue_cle = 7 }\r")
        try terminal.waitForInput(after: Self.prompt)
        // A partial global, then a partial field.
        terminal.send("mon_t\t")
        try terminal.waitFor("ableau")
        terminal.send(".lon\t")
        try terminal.waitFor("gue_cle")
        terminal.send("\r")
        try terminal.waitFor(Self.value("7"))
        try terminal.waitForInput(after: Self.prompt)
        // A library function, then a call of it.
        terminal.send("string.up\t")
        try terminal.waitFor("per")
        terminal.send("(\"abc\")\r")
        try terminal.waitFor(Self.value("\"ABC\""))
        try terminal.waitForInput(after: Self.prompt)
        // Several candidates: they are listed.
        terminal.send("string.g\t")
        let listing = try terminal.waitFor("string.gsub")
        #expect(listing.contains("string.gmatch"))
        terminal.send("\u{15}")  // Ctrl-U drops the line
        // A meta-command.
        terminal.send(":rel\t")
        try terminal.waitFor("oad")
        terminal.send("\r")
        try terminal.waitFor("nothing to reload")
        try terminal.waitForInput(after: Self.prompt)
        terminal.send(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func ctrlCStopsAnInfiniteLoopAndTheSessionGoesOn() throws {
        let folder = try TemporaryFolder()
        let terminal = try TerminalSession(
            folder: folder, arguments: ["--timeout", "120", "--instructions", "1000000000000000"])
        try terminal.waitForInput(after: Self.prompt)
        terminal.send("n = 0 while true do n = n + 1 end\r")
        try terminal.waitForEvaluation()
        // One Ctrl-C, as soon as the line is taken: it waits for the
        // evaluation to start if it comes first.
        terminal.send(Self.ctrlC)
        try terminal.waitFor("interrupted (at stdin:1)")
        try terminal.waitForInput(after: Self.prompt)
        // The state survived: the global the loop counted in is there.
        terminal.send("n > 0\r")
        try terminal.waitFor(Self.value("true"))
        try terminal.waitForInput(after: Self.prompt)
        // Ctrl-C at the prompt drops what was typed.
        terminal.send("undefined_call()" + Self.ctrlC)
        try terminal.waitFor("^C")
        try terminal.waitForInput(after: Self.prompt)
        terminal.send("1 + 1\r")
        try terminal.waitFor(Self.value("2"))
        try terminal.waitForInput(after: Self.prompt)
        terminal.send(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
        #expect(!terminal.transcript.contains("undefined_call'"))
    }

    @Test func reloadRunsTheLoadedFileAgainAfterAnEdit() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("greet.lua", "function greet() return \"v1\" end\n")
        let terminal = try TerminalSession(folder: folder)
        try terminal.waitForInput(after: Self.prompt)
        terminal.send("kept = 'still here'\r")
        try terminal.waitForInput(after: Self.prompt)
        terminal.send(":load \(file.path)\r")
        try terminal.waitForInput(after: Self.prompt)
        terminal.send("greet()\r")
        try terminal.waitFor(Self.value("\"v1\""))
        try terminal.waitForInput(after: Self.prompt)
        try folder.write("greet.lua", "function greet() return \"v2\" end\n")
        terminal.send(":reload\r")
        try terminal.waitFor("reloaded \(file.path)")
        try terminal.waitForInput(after: Self.prompt)
        terminal.send("greet()\r")
        try terminal.waitFor(Self.value("\"v2\""))
        try terminal.waitForInput(after: Self.prompt)
        terminal.send("kept\r")
        try terminal.waitFor(Self.value("\"still here\""))
        try terminal.waitForInput(after: Self.prompt)
        terminal.send(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func historyKeepsAMultiLineEntryWholeAcrossSessions() throws {
        let folder = try TemporaryFolder()
        do {
            let first = try TerminalSession(folder: folder)
            try first.waitForInput(after: Self.prompt)
            first.send("function trois()\r")
            try first.waitForInput(after: Self.continuation)
            first.send("  return 3\r")
            try first.waitForInput(after: Self.continuation)
            first.send("end\r")
            try first.waitForInput(after: Self.prompt)
            first.send(":quit\r")
            #expect(try first.waitForExit() == 0)
        }
        let saved = try String(contentsOfFile: folder.path("history"), encoding: .utf8)
        #expect(saved.hasPrefix("_HiStOrY_V2_\n"))
        #expect(saved.contains("function\\040trois()\\012\\040\\040return\\0403\\012end\n"))

        // A new session: Up brings the whole definition back; Enter runs it
        // as one entry (no continuation prompt), so trois() exists again.
        let second = try TerminalSession(folder: folder)
        try second.waitForInput(after: Self.prompt)
        second.send("\u{1B}[A")  // :quit
        try second.waitFor(":quit")
        second.send("\u{1B}[A")
        try second.waitFor("end")
        second.send("\r")
        let afterEnter = try second.waitForInput(after: Self.prompt)
        #expect(!afterEnter.contains(">> "))
        second.send("trois()\r")
        try second.waitFor(Self.value("3"))
        try second.waitForInput(after: Self.prompt)
        second.send(Self.ctrlD)
        #expect(try second.waitForExit() == 0)
    }

    @Test func aBracketedPasteIsInsertedAsTextAndRunsAsOneEntry() throws {
        let folder = try TemporaryFolder()
        let terminal = try TerminalSession(folder: folder)
        try terminal.waitForInput(after: Self.prompt)
        terminal.send("ma = 'raw'\r")
        try terminal.waitForInput(after: Self.prompt)
        // The tab after `ma` would complete to `math` if it were typed.
        terminal.send("\u{1B}[200~function p()\r  return ma\t.. '!'\rend\u{1B}[201~")
        try terminal.waitFor("end")
        terminal.send("\r")
        let pasted = try terminal.waitForInput(after: Self.prompt)
        #expect(!pasted.contains(">> "))
        terminal.send("p()\r")
        try terminal.waitFor(Self.value("\"raw!\""))
        try terminal.waitForInput(after: Self.prompt)
        terminal.send(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }
}
