import Foundation
#if canImport(Glibc)
import Glibc
#endif
import VigieCaseFile
import VigieModel

/// The findings of a check, written to disk as they are produced so that
/// memory does not grow with them: one record per finding (`SpillCodec.swift`), in one file per
/// severity, inside a private temporary folder (0700, files 0600, since the
/// records hold the activities' text unmasked). Each line carries its rank in
/// the run, so the files can be read back per severity (the text output) or
/// merged in the order the findings came (JSON, case file, reports).
///
/// The folder is removed by `remove()`, and at the latest when the spill is
/// released.
final class FindingSpill {
    /// One finding as spilled: its rank in the run and its line (whose
    /// `isNew` is not kept: it is known only once the run is compared; the
    /// timestamp is kept as numbers, exact where ISO 8601 text keeps
    /// milliseconds).
    struct Record {
        var n: Int
        var line: CheckedFinding

        var finding: Finding { line.finding }

        func line(isNew: Bool) -> CheckedFinding {
            var line = line
            line.isNew = isNew
            return line
        }
    }

    struct SpillError: Error, CustomStringConvertible {
        let description: String
    }

    let folder: URL
    private var files: [Severity: Int32] = [:]
    private var buffers: [Severity: [UInt8]] = [:]
    private(set) var counts: [Severity: Int] = [:]
    private(set) var total = 0
    private var removed = false

    /// Creates the folder under the system's temporary folder (`TMPDIR`),
    /// named after this process (`vigie-check-<pid>-XXXXXX`), after removing
    /// the folders that processes killed outright left behind.
    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        Self.removeLeftovers(in: base)
        var template = Array((base + "/vigie-check-\(getpid())-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw SpillError(description: "cannot create a temporary folder in \(base) (errno \(errno)); set TMPDIR to a writable folder")
        }
        folder = URL(fileURLWithPath: String(cString: made), isDirectory: true)
        RunsInProgress.shared.add(folder: folder.path)
        RunLog.logger.debug("findings spilled", metadata: ["folder": "\(folder.path)"])
    }

    deinit { remove() }

    /// Removes the spill folders in `base` whose process is gone (a run
    /// killed with SIGKILL cannot remove its own): they hold unmasked text.
    static func removeLeftovers(in base: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
        for name in names where name.hasPrefix("vigie-check-") {
            let parts = name.split(separator: "-")
            guard parts.count == 4, let pid = Int32(parts[2]), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            let path = (base as NSString).appendingPathComponent(name)
            var info = stat()
            // Only our own folders (another user's are not ours to remove).
            guard lstat(path, &info) == 0, info.st_uid == getuid(), (info.st_mode & S_IFMT) == S_IFDIR else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    func file(_ severity: Severity) -> String { folder.appendingPathComponent("\(severity.rawValue).jsonl").path }

    /// Adds a finding after those already spilled.
    func append(_ line: CheckedFinding) throws {
        let severity = line.finding.severity
        Record(n: total, line: line).encode(into: &buffers[severity, default: []])
        total += 1
        counts[severity, default: 0] += 1
        if buffers[severity]!.count >= 1 << 16 { try flush(severity) }
    }

    /// Writes what is buffered (before reading back).
    func flush() throws {
        for severity in Array(buffers.keys) { try flush(severity) }
    }

    private func flush(_ severity: Severity) throws {
        guard let data = buffers[severity], !data.isEmpty else { return }
        let fd: Int32
        if let existing = files[severity] {
            fd = existing
        } else {
            fd = open(file(severity), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw SpillError(description: "cannot create \(file(severity)) (errno \(errno))") }
            files[severity] = fd
        }
        try data.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    throw SpillError(description: "cannot write the findings to \(folder.path) (errno \(errno)); is the disk full?")
                }
                done += n
            }
        }
        buffers[severity]!.removeAll(keepingCapacity: true)
    }

    /// Closes and deletes the files and the folder. Idempotent.
    func remove() {
        guard !removed else { return }
        removed = true
        for fd in files.values { close(fd) }
        files = [:]
        buffers = [:]
        try? FileManager.default.removeItem(at: folder)
        RunsInProgress.shared.remove(folder: folder.path)
    }

    /// The findings of one severity, in the order they came.
    func forEach(_ severity: Severity, _ body: (Record) throws -> Void) throws {
        try flush()
        guard counts[severity, default: 0] > 0 else { return }
        let reader = try Reader(path: file(severity))
        while let record = try reader.next() { try body(record) }
    }

    /// All the findings, in the order they came (the files merged by rank).
    func forEach(_ body: (Record) throws -> Void) throws {
        try flush()
        var readers: [Reader] = []
        var heads: [Record?] = []
        for severity in Severity.allCases where counts[severity, default: 0] > 0 {
            let reader = try Reader(path: file(severity))
            readers.append(reader)
            heads.append(try reader.next())
        }
        while true {
            var best: Int?
            for i in heads.indices {
                guard let head = heads[i] else { continue }
                if best == nil || head.n < heads[best!]!.n { best = i }
            }
            guard let best else { return }
            let record = heads[best]!
            heads[best] = try readers[best].next()
            try body(record)
        }
    }

    /// Reads a spill file record by record, in chunks.
    final class Reader {
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private var start = 0
        private var atEnd = false
        let path: String

        init(path: String) throws {
            self.path = path
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw SpillError(description: "cannot read back \(path)")
            }
            self.handle = handle
        }

        deinit { try? handle.close() }

        func next() throws -> Record? {
            while true {
                let available = buffer.count - start
                if available >= 4 {
                    let length = buffer.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt32.self))) }
                    if available >= 4 + length {
                        let from = start + 4
                        start = from + length
                        do {
                            return try buffer.withUnsafeBytes { raw throws(SpillCursor.Truncated) in
                                try Record(decoding: UnsafeRawBufferPointer(rebasing: raw[from..<(from + length)]))
                            }
                        } catch {
                            throw SpillError(description: "\(path): a spilled finding cannot be read back")
                        }
                    }
                }
                if atEnd {
                    guard start == buffer.count else {
                        throw SpillError(description: "\(path): the last spilled finding is cut short")
                    }
                    return nil
                }
                buffer.removeFirst(start)
                start = 0
                let chunk = try handle.read(upToCount: 1 << 16) ?? Data()
                if chunk.isEmpty { atEnd = true } else { chunk.withUnsafeBytes { buffer.append(contentsOf: $0) } }
            }
        }
    }
}

/// The runs in progress in this process: their private temporary folders
/// (the spills) and their rows in case files, so that a front end that
/// ends the process on a signal leaves nothing behind:
/// `RunsInProgress.shared.interrupt(reason:)` removes the folders and marks
/// the runs `interrupted` (thread-safe, callable from any thread; it opens
/// the case files itself). Installing signal handlers is the front end's
/// choice.
public final class RunsInProgress: @unchecked Sendable {
    public static let shared = RunsInProgress()

    private let lock = NSLock()
    private var folders: Set<String> = []
    private var runs: [RunKey: Void] = [:]

    struct RunKey: Hashable {
        var caseFile: String
        var run: Int64
    }

    func add(folder: String) {
        lock.lock()
        folders.insert(folder)
        lock.unlock()
    }

    func remove(folder: String) {
        lock.lock()
        folders.remove(folder)
        lock.unlock()
    }

    func add(run: Int64, caseFile: String) {
        lock.lock()
        runs[RunKey(caseFile: caseFile, run: run)] = ()
        lock.unlock()
    }

    func remove(run: Int64, caseFile: String) {
        lock.lock()
        runs[RunKey(caseFile: caseFile, run: run)] = nil
        lock.unlock()
    }

    /// The temporary folders not removed yet.
    public var currentFolders: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return folders
    }

    /// Removes every temporary folder still there and marks every run
    /// still going `interrupted` with `reason` in its case file.
    public func interrupt(reason: String) {
        lock.lock()
        let folders = self.folders
        let runs = Array(self.runs.keys)
        self.folders = []
        self.runs = [:]
        lock.unlock()
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
        for key in runs {
            guard let file = try? CaseFile(path: key.caseFile, busyTimeout: 2) else { continue }
            _ = try? file.interruptRun(RunID(key.run), reason: reason)
        }
    }
}
