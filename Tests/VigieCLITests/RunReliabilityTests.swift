import Foundation
import Testing
import VigieTestSupport

/// What `check` prints about its inputs and its case file under faults.
@Suite("check under faults")
struct RunReliabilityTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let plugins = root.appendingPathComponent("Plugins").path

    func policyCopy(_ folder: TemporaryFolder) throws -> String {
        let destination = folder.url.appendingPathComponent("nordelia")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Policies/nordelia"), to: destination)
        try? FileManager.default.removeItem(at: destination.appendingPathComponent(".vigie"))
        return destination.path
    }

    @Test func aFileNameWithANewlineAndATerminalEscapeIsPrintedEscaped() throws {
        let folder = try TemporaryFolder()
        let name = "posts\n\u{1B}[31mrouge.jsonl"
        // The example's lines without their own source: the stream names them.
        let lines = try String(
            contentsOf: Self.root.appendingPathComponent("Policies/nordelia/donnees/instagram-perso.jsonl"), encoding: .utf8
        ).split(separator: "\n").map {
            $0.replacingOccurrences(of: #""source":\s*\{[^}]*\},?\s*"#, with: "", options: .regularExpression)
        }
        let file = try folder.write(name, lines.joined(separator: "\n") + "\n")
        let r = try VigieBinary.run([
            "check", file.path, "--policy", try policyCopy(folder), "--plugins", Self.plugins, "--no-case-file",
            "--fail-on", "critical",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("rouge.jsonl"))
        #expect(!r.stdout.contains("\u{1B}[31m"))
        #expect(!r.stdout.contains("posts\n"))
    }

    @Test func aDamagedCaseFileExits6WithWhatToDo() throws {
        let folder = try TemporaryFolder()
        let policy = try policyCopy(folder)
        try FileManager.default.createDirectory(atPath: policy + "/.vigie", withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: policy + "/.vigie/case.sqlite"))
        let r = try VigieBinary.run([
            "check", Self.root.appendingPathComponent("Policies/nordelia/donnees/instagram-perso.jsonl").path,
            "--policy", policy, "--plugins", Self.plugins,
        ])
        #expect(r.status == 6, "\(r.stderr)")
        #expect(r.stderr.contains("damaged"))
        #expect(r.stderr.contains("move it aside"))
    }
}
