import Foundation
import VigieImport
import VigieModel

#if canImport(Glibc)
    import Glibc
#endif

/// What importing a case did, in the test's own process.
public struct InProcessRun {
    public var summary: ImportSummary?
    public var error: ImportError?
    public var issues: [ImportIssue] = []
    public var outcomes: [FileOutcome] = []
    public var activities = 0
    public var seconds = 0.0

    /// Everything a user could read about the import: issues, the summary,
    /// the files' outcomes, the error.
    public var messages: String {
        var text = issues.map(\.description).joined(separator: "\n")
        if let summary {
            text += String(decoding: (try? JSONEncoder().encode(summary)) ?? Data(), as: UTF8.self)
            text += summary.files.map(\.description).joined(separator: "\n")
            text += summary.warnings.joined(separator: "\n") + summary.failedFiles.joined(separator: "\n")
        }
        if let error { text += error.description }
        return text
    }

    /// The outcome of the file whose name ends with `suffix`.
    public func outcome(endingWith suffix: String) -> FileOutcome? {
        summary?.files.first { $0.file.hasSuffix(suffix) }
    }
}

/// What running the built `vigie` binary on a case did.
public struct BinaryRun {
    public var status: Int32?
    public var signal: Int32?
    public var timedOut = false
    public var stdout = ""
    public var stderr = ""
    /// The child's peak resident memory, in bytes.
    public var peakBytes = 0
    public var seconds = 0.0
}

public enum CaseRunner {
    /// A case that takes longer is a hang (a detector, not a speed test:
    /// cases take milliseconds; speed is measured in BENCHMARKS.md).
    public static let hangSeconds = 60.0
    /// A binary run that resides in more memory than this did not bound it.
    public static let memoryBound = 1 << 30

    public static func runInProcess(_ path: String, options: ImportOptions = ImportOptions()) -> InProcessRun {
        var run = InProcessRun()
        let start = Date()
        var issues: [ImportIssue] = []
        var outcomes: [FileOutcome] = []
        var activities = 0
        do {
            run.summary = try Importer(options: options).importSource(
                at: path, onIssue: { issues.append($0) }, onFile: { outcomes.append($0) }, onActivity: { _ in activities += 1 })
        } catch let error as ImportError {
            run.error = error
        } catch {
            run.error = .unreadable(path: path, reason: "unexpected error \(error)")
        }
        run.issues = issues
        run.outcomes = outcomes
        run.activities = activities
        run.seconds = Date().timeIntervalSince(start)
        return run
    }

    /// The invariants every case must keep; each failure is a sentence.
    public static func violations(_ run: InProcessRun, of fuzzCase: FuzzCase) -> [String] {
        var failures: [String] = []
        if run.seconds > hangSeconds { failures.append("took \(run.seconds) s (a hang?)") }
        let leaks = Planted.leaks(in: run.messages)
        if !leaks.isEmpty { failures.append("a message shows planted data in clear: \(leaks)") }
        if let summary = run.summary {
            if !summary.isBalanced {
                failures.append("counts do not add up: read \(summary.recordsRead), imported \(summary.imported), skipped \(summary.skipped), lost \(summary.lost); files \(summary.files.map(\.description))")
            }
            if run.outcomes != summary.files { failures.append("onFile outcomes differ from the summary's files") }
            if run.activities != summary.imported { failures.append("\(run.activities) activities passed on, \(summary.imported) counted") }
        } else if run.error == nil {
            failures.append("neither a summary nor an error")
        }
        failures += expectations(run, fuzzCase)
        return failures
    }

    /// What each damage must give.
    static func expectations(_ run: InProcessRun, _ c: FuzzCase) -> [String] {
        // The file that holds the records, whatever the layout.
        let main = run.outcome(endingWith: (Samples.export(c.format, records: 1).recordsFile as NSString).lastPathComponent)
        func expect(_ condition: Bool, _ message: @autoclosure () -> String) -> [String] {
            condition ? [] : ["\(message()); files: \(run.summary?.files.map(\.description) ?? []), error: \(run.error?.description ?? "none")"]
        }
        switch c.damage {
        case .none, .backslashQuotes, .millisecondsInSeconds:
            return expect(main?.status == .imported && main?.imported == c.records, "every record imported")
        case .hugeNumber, .negativeNumber, .wrongType, .plantedTime:
            return expect(
                main?.imported == c.records - 1 && main?.skipped == 1 && main?.status == .partlyImported,
                "the record with the bad time skipped, the others imported")
        case .duplicateKey:
            if c.format.isCSV { return expect(main?.imported == c.records, "every row imported") }
            return expect(
                main?.imported == c.records - 1 && main?.skippedByReason["duplicate key"] == 1,
                "the record with a duplicate key skipped as such")
        case .duplicateRecord:
            if c.format != .jsonl { return expect(main?.imported == c.records, "every record imported") }
            return expect(
                main?.records == c.records + 1 && main?.imported == c.records && main?.duplicates == 1 && main?.status == .imported,
                "the duplicate counted as one, the file imported")
        case .deepNesting:
            if c.format.isCSV { return expect(main?.imported == c.records, "every row imported") }
            return expect(main?.imported == c.records - 1 && main?.skipped == 1, "the deep record skipped, the others imported")
        case .brokenQuote:
            return expect(
                main.map { $0.imported >= c.records - 2 && $0.status == .partlyImported } ?? false,
                "at most the damaged record (and its neighbour) lost, the rest imported")
        case .unclosedCSVQuote:
            return expect(main?.imported == c.records - 1 && main?.skipped == 1 && main?.lost == 0, "only the broken row skipped")
        case .longLine:
            return expect(main?.imported == c.records && main?.skippedByReason["line too long"] == 1, "the long line skipped")
        case .emptyFile:
            if c.format == .jsonl { return expect(main?.status == .imported && main?.records == 0, "an empty stream imported, 0 records") }
            return []
        case .zipBomb:
            return expect(run.summary?.files.contains { $0.status == .refused && ($0.problem ?? "").contains("zip bomb") } ?? false, "the bomb refused")
        case .newlineBomb:
            let refused = run.summary?.files.contains { $0.status == .refused && ($0.problem ?? "").contains("zip bomb") } ?? false
            return expect(refused, "the newline bomb refused")
        case .damagedDirectory:
            return expect(
                main?.imported == c.records && (run.summary?.warnings.contains { $0.contains("damaged archive") } ?? false),
                "every entry read from its local header, the damage said")
        case .overlappingEntries:
            return expect(run.summary?.files.contains { ($0.problem ?? "").contains("overlap") } ?? false, "the overlapping entry refused")
        case .unsafeZipPath:
            return expect(run.summary?.files.contains { ($0.problem ?? "").contains("leaves the archive") } ?? false, "the entry refused")
        case .fifo:
            if c.layout == .file {
                guard case .notARegularFile? = run.error else { return ["a named pipe given directly is refused"] }
                return []
            }
            return expect(run.summary?.files.contains { ($0.problem ?? "").contains("named pipe") } ?? false, "the pipe refused")
        case .device:
            guard case .notARegularFile? = run.error else { return ["a device given directly is refused"] }
            return []
        case .truncate, .byteFlips, .truncatedZip:
            return []
        }
    }

    /// Runs `binary` with `arguments`, killing it after `timeout` seconds.
    public static func runBinary(_ binary: String, _ arguments: [String], timeout: Double = hangSeconds) -> BinaryRun {
        var run = BinaryRun()
        guard let scratch = try? Scratch(prefix: "vigie-fuzz-run") else { return run }
        defer { scratch.cleanup() }
        let outPath = scratch.path("stdout"), errPath = scratch.path("stderr")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["VIGIE_NO_PROGRESS"] = "1"
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        guard posix_spawn(&pid, binary, &actions, nil, argv, envp) == 0 else { return run }
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if Date().timeIntervalSince(start) > timeout {
                kill(pid, SIGKILL)
                _ = wait4(pid, &status, 0, &usage)
                run.timedOut = true
                break
            }
            usleep(2_000)
        }
        run.seconds = Date().timeIntervalSince(start)
        run.peakBytes = Int(usage.ru_maxrss) * 1024
        if status & 0x7F == 0 {
            run.status = (status >> 8) & 0xFF
        } else {
            run.signal = status & 0x7F
        }
        run.stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        run.stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return run
    }

    /// Imports a case with the binary and checks what a user would see.
    public static func binaryViolations(_ binary: String, path: String, expected: InProcessRun) -> [String] {
        guard let scratch = try? Scratch(prefix: "vigie-fuzz-out") else { return ["no scratch folder"] }
        defer { scratch.cleanup() }
        let run = runBinary(binary, ["import", path, "--out", scratch.path("out.jsonl")])
        var failures: [String] = []
        if run.timedOut { failures.append("the binary hung (killed after \(hangSeconds) s)") }
        if let signal = run.signal, !run.timedOut { failures.append("the binary died of signal \(signal) (a trap?)\n\(run.stderr.prefix(400))") }
        if run.peakBytes > memoryBound { failures.append("the binary resided in \(run.peakBytes) bytes") }
        let leaks = Planted.leaks(in: run.stdout + run.stderr)
        if !leaks.isEmpty { failures.append("the binary printed planted data in clear: \(leaks)") }
        if let status = run.status {
            let lost = expected.summary?.lostInput ?? true
            let wanted: Set<Int32> = expected.error != nil ? [2, 4] : (lost ? [4] : [0])
            if !wanted.contains(status) { failures.append("exit \(status), expected one of \(wanted.sorted())\n\(run.stdout)\(run.stderr)") }
        }
        return failures
    }
}
