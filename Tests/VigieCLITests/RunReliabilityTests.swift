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

    /// A plugin rule that floods flags, appended to the example's policy:
    /// the others keep their findings, the flood is cut at the rule's
    /// budget and named, its failures listed at most 20 times, and the run
    /// does not exit 0.
    @Test func aFloodingRuleIsCutNamedAndTheRunFails() throws {
        let folder = try TemporaryFolder()
        let policy = try policyCopy(folder)
        let input = Self.root.appendingPathComponent("Policies/nordelia/donnees").path
        let arguments = ["check", input, "--policy", policy, "--plugins", Self.plugins, "--no-case-file", "--format", "json"]
        let before = try VigieBinary.run(arguments + ["--allow-rule-failures"])
        #expect(before.status <= 1, "\(before.stderr)")
        let plain = try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any]
        let plainFindings = try #require(plain?["findings"] as? [[String: Any]])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: policy + "/policy.lua"))
        handle.seekToEndOfFile()
        handle.write(Data("""

            rule "deluge" {
              title = "Deluge", severity = "low",
              check = function(post, ctx)
                for i = 1, 300000 do ctx:flag { evidence = { start = 0, stop = 1 } } end
              end,
            }

            """.utf8))
        try handle.close()
        let r = try VigieBinary.run(arguments)
        #expect(r.status == 1, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let findings = try #require(object?["findings"] as? [[String: Any]])
        let others = findings.filter { (($0["finding"] as? [String: Any])?["ruleID"] as? String) != "deluge" }
        #expect(others.count == plainFindings.count)
        let activities = try #require(object?["activities"] as? Int)
        #expect(findings.count - others.count == activities * 100)
        let failures = try #require(object?["failures"] as? [[String: Any]])
        #expect(failures.count == min(activities, 20))
        if activities > 20 {
            let notListed = object?["failuresNotListed"] as? [String: Int]
            #expect(notListed == ["deluge": activities - 20])
        }
        let text = try VigieBinary.run(Array(arguments.dropLast(2)))
        #expect(text.status == 1)
        #expect(text.stdout.contains("rule \"deluge\" stopped by the finding budget"))
        #expect(text.stderr.contains("--allow-rule-failures"))
    }
}
