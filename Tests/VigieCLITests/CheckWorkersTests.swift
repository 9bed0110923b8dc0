import Foundation
import VigieTestSupport
import Testing

/// `vigie check --workers 2` prints and records exactly what `--workers 1` does.
@Suite("vigie check --workers")
struct CheckWorkersTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A copy of the Nordelia policy (its case file is written in the copy).
    func policyCopy(in folder: TemporaryFolder, _ name: String) throws -> String {
        let destination = folder.url.appendingPathComponent(name)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Policies/nordelia"), to: destination)
        try? FileManager.default.removeItem(at: destination.appendingPathComponent(".vigie"))
        return destination.path
    }

    @Test func twoWorkersGiveTheSameFindingsInTheSameOrderAndRecordTheSameRun() throws {
        let folder = try TemporaryFolder()
        let corpus = folder.url.appendingPathComponent("corpus.jsonl").path
        let made = try VigieBinary.run(["corpus", "--count", "1500", "--seed", "5", "--violations", "0.2", "--people", "30",
                                        "--out", corpus])
        #expect(made.status == 0)
        // A bad line in the middle: skipped the same way by both.
        var lines = try String(contentsOfFile: corpus, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines.insert("{not json", at: 700)
        try lines.joined(separator: "\n").write(toFile: corpus, atomically: true, encoding: .utf8)
        let plugins = Self.root.appendingPathComponent("Plugins").path

        // Without the case file: the same output, byte for byte.
        var outputs: [String] = []
        for workers in ["1", "2"] {
            let r = try VigieBinary.run(["check", corpus, "--policy", try policyCopy(in: folder, "p\(workers)"),
                                         "--plugins", plugins, "--no-case-file", "--format", "json", "--workers", workers,
                                         "--keep-going"])
            #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("p\(workers)/.vigie").path))
            #expect(r.stderr.contains("1 enregistrement ignoré"), "\(r.stderr)")
            outputs.append(r.stdout + r.stderr)
        }
        #expect(outputs[0] == outputs[1])
        // The bad line is input lost: without --keep-going the run says so and exits 4.
        #expect(outputs[0].contains("partly imported"))
        let strict = try VigieBinary.run(["check", corpus, "--policy", try policyCopy(in: folder, "strict"),
                                          "--plugins", plugins, "--no-case-file", "--format", "json"])
        #expect(strict.status == 4, "\(strict.stderr)")
        #expect(outputs[0].contains("\"ruleID\""))

        // With the case file, twice each: the same output and the same incidents kept.
        var recorded: [[String]] = []
        for workers in ["1", "2"] {
            let policy = try policyCopy(in: folder, "c\(workers)")
            var runs: [String] = []
            for _ in 0..<2 {
                let r = try VigieBinary.run(["check", corpus, "--policy", policy, "--plugins", plugins,
                                             "--format", "json", "--workers", workers, "--keep-going"])
                #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
                runs.append(r.stdout)
            }
            let incidents = try VigieBinary.run(["incidents", "--all", "--format", "json", "--policy", policy, "--plugins", plugins])
            #expect(incidents.status == 0, "\(incidents.stderr)")
            #expect(incidents.stdout.contains("\"kind\""))
            runs.append(incidents.stdout.replacingOccurrences(of: policy, with: "POLICY"))
            recorded.append(runs)
        }
        #expect(recorded[0] == recorded[1])
    }
}
