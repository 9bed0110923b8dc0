import Foundation
import Testing
import VigieTestSupport

/// `vigie check` keeps its findings on disk, not in memory: the output is the
/// same as when they were held, the spill folder goes away, the case file
/// still marks what is new, and --fail-on still decides the exit code.
@Suite("vigie check streams its findings")
struct CheckStreamingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let data = ["instagram-perso.jsonl", "linkedin", "mastodon"].map { "Policies/nordelia/donnees/\($0)" }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the built binary in the package's folder, with extra environment
    /// variables (VigieBinary.run takes none).
    func vigie(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = VigieBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = Self.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    func check(_ paths: [String], policy: String = "Policies/nordelia", _ more: [String] = [],
               environment: [String: String] = [:]) throws -> Result {
        try vigie(["check"] + paths + ["--policy", policy, "--plugins", "Plugins"] + more, environment: environment)
    }

    /// A copy of the Nordelia policy without its case file.
    func policyCopy(in folder: TemporaryFolder) throws -> String {
        let destination = folder.url.appendingPathComponent("nordelia")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Policies/nordelia"), to: destination)
        try? FileManager.default.removeItem(at: destination.appendingPathComponent(".vigie"))
        return destination.path
    }

    func findings(_ json: String) throws -> [[String: Any]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(document["findings"] as? [[String: Any]])
    }

    func fingerprint(_ line: [String: Any]) -> String? {
        (line["finding"] as? [String: Any])?["fingerprint"] as? String
    }

    @Test func textOutputIsTheSameAsWhenFindingsWereHeldInMemory() throws {
        let r = try check(Self.data, ["--no-case-file"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout == NordeliaGolden.text + "\n")
        #expect(r.stderr == NordeliaGolden.summary + "\n")
        // Several severities, most severe first, in the policy's language.
        #expect(r.stdout.contains("ÉLEVÉE (6)") && r.stdout.contains("MOYENNE (3)") && r.stdout.contains("FAIBLE (3)"))
    }

    @Test func jsonOutputIsTheSameDocumentByteForByte() throws {
        let r = try check(Self.data, ["--no-case-file", "--format", "json"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout == NordeliaGolden.json + "\n")
        #expect(r.stderr == NordeliaGolden.summary + "\n")
        #expect(try findings(r.stdout).count == 12)
    }

    @Test func jsonWithoutFindingsIsStillADocument() throws {
        let folder = try TemporaryFolder()
        let quiet = folder.path("quiet.jsonl")
        let made = try vigie(["corpus", "--count", "5", "--seed", "1", "--violations", "0", "--out", quiet])
        #expect(made.status == 0, "\(made.stderr)")
        let r = try check([quiet], ["--no-case-file", "--format", "json", "--fail-on", "info"])
        #expect(r.status == 0, "\(r.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((document["findings"] as? [Any])?.isEmpty == true)
        #expect(document["activities"] as? Int == 5)
        // As the encoder prints an empty array (checked against the output
        // of the version that encoded the whole document).
        #expect(r.stdout.contains("\"failures\" : [\n\n  ],\n  \"findings\" : [\n\n  ],\n  \"incidents\" : [\n\n  ],\n  \"policy\""))
    }

    @Test func theSpillFolderIsPrivateAndRemovedAfterTheRun() throws {
        let tmp = try TemporaryFolder()
        let r = try check(Self.data, ["--no-case-file", "--format", "json"],
                          environment: ["TMPDIR": tmp.url.path, "VIGIE_LOG": "debug"])
        #expect(r.status == 1, "\(r.stderr)")
        // The run said where it spilled: inside TMPDIR, and that folder is gone.
        let line = try #require(r.stderr.split(separator: "\n").first { $0.contains("findings spilled") })
        #expect(line.contains(tmp.url.path + "/vigie-check-"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).isEmpty)
        // The findings were not lost on the way.
        #expect(try findings(r.stdout).count == 12)
    }

    @Test func aRefusedInputIsListedTheOthersAreCheckedAndTheRunExits4() throws {
        let tmp = try TemporaryFolder()
        let inputs = try TemporaryFolder()
        // Findings from the first input are spilled; the second is refused.
        let broken = try inputs.write("broken.zip", "not a zip archive")
        let r = try check([Self.data[0], broken.path], ["--no-case-file"],
                          environment: ["TMPDIR": tmp.url.path, "VIGIE_LOG": "debug"])
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("findings spilled"))
        #expect(r.stderr.contains("broken.zip"))
        #expect(r.stderr.contains("refused"))
        #expect(r.stderr.contains("input lost in 1 file"))
        #expect(r.stdout.contains("ÉLEVÉE"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).isEmpty)
        // Asked to go on: the usual exit code, the loss still listed.
        let going = try check([Self.data[0], broken.path], ["--no-case-file", "--keep-going", "--fail-on", "critical"])
        #expect(going.status == 0, "\(going.stderr)")
        #expect(going.stderr.contains("going on (--keep-going)"))
    }

    @Test func theSpillFolderIsRemovedWhenTheRunIsInterrupted() throws {
        let tmp = try TemporaryFolder()
        let inputs = try TemporaryFolder()
        let corpus = inputs.path("corpus.jsonl")
        let made = try vigie(["corpus", "--count", "30000", "--seed", "2", "--violations", "0.2", "--out", corpus])
        #expect(made.status == 0, "\(made.stderr)")
        let errURL = inputs.url.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = VigieBinary.url
        process.arguments = ["check", corpus, "--policy", "Policies/nordelia", "--plugins", "Plugins", "--no-case-file"]
        process.currentDirectoryURL = Self.root
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = tmp.url.path
        environment["VIGIE_LOG"] = "debug"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        // Interrupted once the spill exists and findings are being written.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning,
              !String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self).contains("findings spilled") {
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.3)
        let interrupted = process.isRunning
        #expect(try !FileManager.default.contentsOfDirectory(atPath: tmp.url.path).isEmpty)
        process.interrupt()
        process.waitUntilExit()
        try err.close()
        #expect(interrupted, "the check ended before it could be interrupted; give it more activities")
        // The status a shell gives a process killed by Ctrl-C.
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + SIGINT)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).isEmpty)
    }

    @Test func theCaseFileStillMarksWhatIsNewAcrossRuns() throws {
        let folder = try TemporaryFolder()
        let policy = try policyCopy(in: folder)
        // First run on Instagram alone: no baseline, everything new, nothing marked NEW.
        let first = try check([Self.data[0]], policy: policy, ["--format", "json"])
        #expect(first.status == 0 || first.status == 1, "\(first.stderr)")
        let before = try findings(first.stdout)
        #expect(!before.isEmpty)
        #expect(before.allSatisfy { $0["isNew"] as? Bool == true })
        #expect(first.stdout.contains("\"newFindings\" : \(before.count),"))
        let known = Set(before.compactMap(fingerprint))

        // Second run on everything: only what Instagram did not give is new.
        let second = try check(Self.data, policy: policy, ["--format", "json"])
        #expect(second.status == 1, "\(second.stderr)")
        let after = try findings(second.stdout)
        #expect(after.count == 12)
        var expectedNew = 0
        for line in after {
            let fp = try #require(fingerprint(line))
            let isNew = !known.contains(fp)
            if isNew { expectedNew += 1 }
            #expect(line["isNew"] as? Bool == isNew, "\(fp)")
        }
        #expect(expectedNew > 0 && expectedNew < 12)
        #expect(second.stdout.contains("\"newFindings\" : \(expectedNew),"))
        // The command line speaks the policy's language (French: 0 and 1 singular).
        func n(_ count: Int, _ singular: String, _ plural: String) -> String { "\(count) \(count >= 2 ? plural : singular)" }
        #expect(second.stderr.contains("12 constats (\(n(expectedNew, "nouveau", "nouveaux")) depuis la dernière exécution, 0 disparu, 0 accepté)"), "\(second.stderr)")

        // Third run, text, the same inputs: nothing new. Fourth, Instagram
        // alone again: what the others gave is gone.
        let third = try check(Self.data, policy: policy)
        #expect(!third.stdout.contains("NOUVEAU "))
        #expect(third.stderr.contains("(0 nouveau depuis la dernière exécution, 0 disparu, 0 accepté)"), "\(third.stderr)")
        let fourth = try check([Self.data[0]], policy: policy)
        #expect(fourth.stderr.contains("(0 nouveau depuis la dernière exécution, \(n(12 - before.count, "disparu", "disparus")), 0 accepté)"), "\(fourth.stderr)")
        // Fifth, everything again: the same findings are NEW again in text.
        let fifth = try check(Self.data, policy: policy)
        #expect(fifth.stdout.components(separatedBy: "  NOUVEAU ").count - 1 == expectedNew, "\(fifth.stdout)")
    }

    @Test func failOnStillDecidesTheExitCode() throws {
        // Nordelia's data gives high, medium and low findings, none critical.
        for format in ["text", "json"] {
            let high = try check(Self.data, ["--no-case-file", "--format", format, "--fail-on", "high"])
            #expect(high.status == 1, "\(high.stderr)")
            let critical = try check(Self.data, ["--no-case-file", "--format", format, "--fail-on", "critical"])
            #expect(critical.status == 0, "\(critical.stderr)")
        }
        // Two workers and the replay keep the same findings and exit code.
        let workers = try check(Self.data, ["--no-case-file", "--format", "json", "--workers", "2", "--fail-on", "high"])
        #expect(workers.status == 1)
        #expect(workers.stdout == NordeliaGolden.json + "\n")
        let replay = try check(Self.data, ["--no-case-file", "--replay", "--fail-on", "critical"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("ÉLEVÉE (6)"))
    }
}
