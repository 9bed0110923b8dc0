import Foundation
import Testing
import VigieTestSupport

/// docs/tutorial.md, run as it is written, so that it stays true (issue
/// 20). The blocks whose info string says `tutorial` are its steps, in
/// order, in a fresh folder:
///
/// - `lua tutorial file=PATH` (any language): the block is the file;
///   `append=PATH` adds it to the file.
/// - `sh tutorial`: `$ command` lines run with `/bin/sh`; the lines after
///   a command are what it prints (standard output and error together),
///   each contained in a line of the output, in order (`…` leaves out
///   lines, or a part of a line); `[exit N]` is its exit status (else 0).
/// - `text tutorial repl ARGS`: a `vigie repl ARGS` session; lines after
///   `> ` and `>> ` are typed, the others are what it prints, as above.
@Suite("The tutorial")
struct TutorialTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Block {
        var line: Int
        var info: [String]
        var body: [String]
    }

    static func blocks() throws -> [Block] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/tutorial.md"), encoding: .utf8)
        var blocks: [Block] = []
        var current: Block?
        for (i, raw) in text.components(separatedBy: "\n").enumerated() {
            if raw.hasPrefix("```") {
                if let block = current {
                    if block.info.contains("tutorial") { blocks.append(block) }
                    current = nil
                } else {
                    current = Block(line: i + 1, info: raw.dropFirst(3).split(separator: " ").map(String.init), body: [])
                }
            } else if current != nil {
                current!.body.append(raw)
            }
        }
        return blocks
    }

    /// Runs `arguments` with standard output and error in one file.
    static func run(_ executable: String, _ arguments: [String], in folder: URL, stdin: String) throws -> (String, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = [
            "PATH": VigieBinary.url.deletingLastPathComponent().path + ":/usr/bin:/bin",
            "VIGIE_PLUGINS": root.appendingPathComponent("Plugins").path,
            "NO_COLOR": "1", "LANG": "C.UTF-8", "HOME": folder.path, "VIGIE_HISTORY": "",
        ]
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tutorial-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let inURL = scratch.appendingPathComponent("in")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        try Data(stdin.utf8).write(to: inURL)
        let out = try FileHandle(forWritingTo: outURL)
        process.standardOutput = out
        process.standardError = out
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        try process.run()
        process.waitUntilExit()
        try out.close()
        return (try String(contentsOf: outURL, encoding: .utf8), process.terminationStatus)
    }

    static func normalised(_ line: Substring) -> String {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The expected lines missing from `output` (in order; `…` elides).
    static func missing(_ expected: [String], in output: String) -> String? {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map { normalised($0) }
        var index = 0
        for want in expected {
            let w = normalised(Substring(want))
            if w.isEmpty || w == "…" { continue }
            let pieces = w.components(separatedBy: "…").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var found = false
            while index < lines.count {
                let line = lines[index]
                index += 1
                var rest = Substring(line)
                var all = true
                for piece in pieces {
                    guard let range = rest.range(of: piece) else { all = false; break }
                    rest = rest[range.upperBound...]
                }
                if all { found = true; break }
            }
            if !found { return want }
        }
        return nil
    }

    @Test func theTutorialRunsAsWritten() throws {
        let blocks = try Self.blocks()
        // Every step runs: a tutorial whose blocks lost their mark would pass empty.
        #expect(blocks.count >= 15, "\(blocks.count) steps")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tutorial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for block in blocks {
            let where_ = "docs/tutorial.md:\(block.line)"
            if let target = block.info.first(where: { $0.hasPrefix("file=") || $0.hasPrefix("append=") }) {
                let path = String(target.split(separator: "=", maxSplits: 1)[1])
                let url = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                var text = block.body.joined(separator: "\n") + "\n"
                if target.hasPrefix("append="), let before = try? String(contentsOf: url, encoding: .utf8) { text = before + text }
                try text.write(to: url, atomically: true, encoding: .utf8)
            } else if block.info.first == "sh" {
                var commands: [(String, [String], Int32)] = []
                for line in block.body {
                    if line.hasPrefix("$ ") {
                        commands.append((String(line.dropFirst(2)), [], 0))
                    } else if line.hasPrefix("[exit "), let n = Int32(line.dropFirst(6).dropLast()), !commands.isEmpty {
                        commands[commands.count - 1].2 = n
                    } else if !commands.isEmpty {
                        commands[commands.count - 1].1.append(line)
                    }
                }
                #expect(!commands.isEmpty, "\(where_): no command")
                for (command, expected, status) in commands {
                    let (output, code) = try Self.run("/bin/sh", ["-c", command], in: folder, stdin: "")
                    #expect(code == status, "\(where_): `\(command)` exited \(code)\n\(output)")
                    if let line = Self.missing(expected, in: output) {
                        Issue.record("\(where_): `\(command)` did not print \"\(line)\"; it printed:\n\(output)")
                    }
                }
            } else if let repl = block.info.firstIndex(of: "repl") {
                let arguments = ["repl"] + block.info[(repl + 1)...]
                let typed = block.body.compactMap { line -> String? in
                    if line.hasPrefix(">> ") { return String(line.dropFirst(3)) }
                    if line.hasPrefix("> ") { return String(line.dropFirst(2)) }
                    return nil
                }
                let expected = block.body.filter { !$0.hasPrefix("> ") && !$0.hasPrefix(">> ") && !$0.hasPrefix("[exit ") }
                let (output, code) = try Self.run(VigieBinary.url.path, Array(arguments), in: folder, stdin: typed.joined(separator: "\n") + "\n")
                #expect(code == 0, "\(where_): the REPL exited \(code)\n\(output)")
                if let line = Self.missing(expected, in: output) {
                    Issue.record("\(where_): the REPL did not print \"\(line)\"; it printed:\n\(output)")
                }
            } else {
                Issue.record("\(where_): a tutorial block that is neither a file, commands nor a REPL session: \(block.info)")
            }
        }
        // What the tutorial built is a sound policy, its deliverables written.
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("charter.md").path))
    }

    @Test func theMatcherNeedsEveryLineInOrder() {
        let output = "alpha  one\nbeta two (/x/y.lua:3)\ngamma\n"
        #expect(Self.missing(["alpha one", "…", "beta two (…/y.lua:…)", "gamma"], in: output) == nil)
        #expect(Self.missing(["gamma", "alpha one"], in: output) == "alpha one")
        #expect(Self.missing(["delta"], in: output) == "delta")
    }
}
