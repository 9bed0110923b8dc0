import Foundation
import Testing
import VigieCaseFile
import VigieTestSupport

/// A check stopped by a signal, or killed outright, leaves the case file
/// whole, no unmasked spill behind, and the next run correct.
@Suite("Interrupted runs", .serialized)
struct InterruptionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A copy of the Nordelia policy, a private TMPDIR and a large stream.
    final class Setup {
        let folder = try! TemporaryFolder()
        var policy: URL { folder.url.appendingPathComponent("nordelia") }
        var tmp: URL { folder.url.appendingPathComponent("tmp") }
        var stream: URL { folder.url.appendingPathComponent("big.jsonl") }

        init(activities: Int) throws {
            try FileManager.default.copyItem(at: root.appendingPathComponent("Policies/nordelia"), to: policy)
            try? FileManager.default.removeItem(at: policy.appendingPathComponent(".vigie"))
            try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
            let made = try VigieBinary.run(["import", "--generate-sample", "\(activities)", "--out", stream.path])
            #expect(made.status == 0)
        }

        func start() throws -> Process {
            let process = Process()
            process.executableURL = VigieBinary.url
            process.arguments = [
                "check", stream.path, "--policy", policy.path, "--plugins", root.appendingPathComponent("Plugins").path,
                "--format", "json",
            ]
            var environment = ProcessInfo.processInfo.environment
            environment["TMPDIR"] = tmp.path
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }

        /// Waits until the run has begun: its spill folder exists and the
        /// case file records it as running. A signal sent sooner (while the
        /// case file is still being opened) stops a run that was never
        /// recorded; a loaded machine can take seconds to get there.
        func waitForRun() {
            let path = policy.appendingPathComponent(".vigie/case.sqlite").path
            for _ in 0..<1200 {
                if !spills().isEmpty, FileManager.default.fileExists(atPath: path),
                    let runs = try? caseFile().runs(), runs.contains(where: { $0.status == .running })
                {
                    return
                }
                usleep(50_000)
            }
            Issue.record("the run was not recorded as running within 60 s")
        }

        func spills() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []).filter { $0.hasPrefix("vigie-check-") }
        }

        func caseFile() throws -> CaseFile {
            try CaseFile(path: policy.appendingPathComponent(".vigie/case.sqlite").path)
        }
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalMarksTheRunInterruptedAndRemovesTheSpill(signal: Int32) throws {
        let setup = try Setup(activities: 30_000)
        let process = try setup.start()
        setup.waitForRun()
        usleep(300_000)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + signal)
        #expect(setup.spills().isEmpty)
        let runs = try setup.caseFile().runs()
        #expect(runs.count == 1)
        #expect(runs.first?.status == .interrupted)
        #expect(try setup.caseFile().integrityCheck() == ["ok"])
    }

    @Test func aRunKilledOutrightIsFoundAbandonedAndTheNextRunIsCorrect() throws {
        let setup = try Setup(activities: 30_000)
        let process = try setup.start()
        setup.waitForRun()
        usleep(300_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        // The killed run could not clean up after itself.
        #expect(setup.spills().count == 1)
        #expect(try setup.caseFile().runs().first?.status == .running)

        let next = try VigieBinary.run([
            "check", setup.stream.path, "--policy", setup.policy.path, "--plugins",
            Self.root.appendingPathComponent("Plugins").path, "--format", "json", "--fail-on", "critical",
        ], environment: ["TMPDIR": setup.tmp.path])
        #expect(next.status == 0 || next.status == 1)
        let runs = try setup.caseFile().runs()
        #expect(runs.map(\.status) == [.abandoned, .complete])
        #expect(runs.last?.activityCount == 30_000)
        #expect(try setup.caseFile().integrityCheck() == ["ok"])
        // The killed run's spill (unmasked text) is gone too.
        #expect(setup.spills().isEmpty)
        // The next run compares with no baseline: the killed run counts for nothing.
        #expect(next.stdout.contains("\"newFindings\""))
    }
}
