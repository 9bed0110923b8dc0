import Foundation
import Testing
import VigieTestSupport

/// `:reload` then `:check` on every bundled policy, on a pseudo-terminal:
/// the policy loads again (plugins that a policy extends included) and the
/// next check runs on it; nothing crashes.
@Suite("vigie repl :reload")
struct ReloadTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let policies: [String] = {
        let folder = root.appendingPathComponent("Policies")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/policy.lua").path) }
            .sorted()
    }()

    @Test(arguments: policies)
    func reloadThenCheck(policy: String) throws {
        let folder = try TemporaryFolder()
        let path = Self.root.appendingPathComponent("Policies/\(policy)").path
        let terminal = try TerminalSession(
            folder: folder, arguments: ["--policy", path, "--plugins", Self.root.appendingPathComponent("Plugins").path])
        try terminal.waitForInput(after: TerminalTests.prompt)
        terminal.send(":reload\r")
        let reloaded = try terminal.waitFor("rules,")
        #expect(!reloaded.contains("error"), "\(reloaded)")
        try terminal.waitForInput(after: TerminalTests.prompt)
        terminal.send(":check \"Textez-moi au 514 555-0142, je pars en vacances du 4 au 18 août\"\r")
        // Every bundled policy uses the personal-data plugin: the check ran
        // on the reloaded policy, its rules included.
        let checked = try terminal.waitFor("telephone-personnel")
        try terminal.waitForInput(after: TerminalTests.prompt)
        terminal.send(":check \"Textez-moi au 514 555-0142\"\r")
        try terminal.waitFor("HIGH telephone-personnel")
        try terminal.waitForInput(after: TerminalTests.prompt)
        terminal.send(":reload\r")
        try terminal.waitFor("rules,")
        try terminal.waitForInput(after: TerminalTests.prompt)
        terminal.send(TerminalTests.ctrlD)
        #expect(try terminal.waitForExit() == 0, "\(checked)")
    }
}
