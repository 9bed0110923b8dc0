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
    /// By severity, in `Severity.allCases` order: the file (-1 until the
    /// first write), what waits to be written, and how many findings.
    private var files: [Int32] = Array(repeating: -1, count: Severity.allCases.count)
    private var buffers: [ByteSink] = Severity.allCases.map { _ in ByteSink() }
    private var tally: [Int] = Array(repeating: 0, count: Severity.allCases.count)
    private(set) var total = 0
    private var removed = false

    /// How many findings of each severity (those with none left out).
    var counts: [Severity: Int] {
        var counts: [Severity: Int] = [:]
        for (i, severity) in Severity.allCases.enumerated() where tally[i] > 0 { counts[severity] = tally[i] }
        return counts
    }

    private static func slot(_ severity: Severity) -> Int {
        switch severity {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

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
        try append(
            line.finding, platform: line.platform, kind: line.kind, author: line.author, time: line.time,
            timeIsTimestamp: false, excerpt: line.excerpt, activityText: line.activityText, timestamp: line.timestamp,
            actorKey: line.actorKey, ordinal: line.ordinal, note: line.note)
    }

    /// Adds a finding after those already spilled, written straight into
    /// its severity's buffer; `timeIsTimestamp` when `time` is
    /// `timestamp.iso8601` (the JSON output then prints it for both).
    func append(
        _ finding: Finding, platform: String, kind: String, author: String, time: String, timeIsTimestamp: Bool,
        excerpt: String, activityText: String, timestamp: Timestamp, actorKey: String, ordinal: Int,
        note: String? = nil
    ) throws {
        let k = Self.slot(finding.severity)
        SpillBytes.record(
            n: total, finding: finding, platform: platform, kind: kind, author: author, time: time, excerpt: excerpt,
            activityText: activityText, timestamp: timestamp, actorKey: actorKey, ordinal: ordinal,
            timeIsTimestamp: timeIsTimestamp, note: note, into: buffers[k])
        total += 1
        tally[k] += 1
        if buffers[k].count >= 1 << 16 { try flush(k) }
    }

    /// Writes what is buffered (before reading back).
    func flush() throws {
        for k in buffers.indices { try flush(k) }
    }

    private func flush(_ k: Int) throws {
        guard !buffers[k].isEmpty else { return }
        let severity = Severity.allCases[k]
        var fd = files[k]
        if fd < 0 {
            fd = open(file(severity), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw SpillError(description: "cannot create \(file(severity)) (errno \(errno))") }
            files[k] = fd
        }
        do {
            let raw = buffers[k].bytes
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
        buffers[k].removeAll()
    }

    /// Closes and deletes the files and the folder. Idempotent.
    func remove() {
        guard !removed else { return }
        removed = true
        for fd in files where fd >= 0 { close(fd) }
        files = Array(repeating: -1, count: Severity.allCases.count)
        for b in buffers { b.removeAll() }
        try? FileManager.default.removeItem(at: folder)
        RunsInProgress.shared.remove(folder: folder.path)
    }

    /// The findings of one severity, in the order they came.
    func forEach(_ severity: Severity, _ body: (Record) throws -> Void) throws {
        try flush()
        guard tally[Self.slot(severity)] > 0 else { return }
        let reader = try Reader(path: file(severity))
        while let record = try reader.next() { try body(record) }
    }

    /// All the findings, in the order they came (the files merged by rank).
    func forEach(_ body: (Record) throws -> Void) throws {
        try forEachView { view in
            let record: Record
            do {
                record = try Record(decoding: view.raw)
            } catch {
                throw SpillError(description: "\(folder.path): a spilled finding cannot be read back")
            }
            try body(record)
        }
    }

    /// All the findings in the order they came, read in place: the view is
    /// valid only during `body`.
    func forEachView(_ body: (SpillRecordView) throws -> Void) throws {
        try forEachLocatedView { view, _ in try body(view) }
    }

    /// The same, with where each record is (`RandomReader.view(at:)` reads
    /// it again).
    func forEachLocatedView(_ body: (SpillRecordView, Location) throws -> Void) throws {
        try flush()
        var readers: [Reader] = []
        var slots: [Int] = []
        var heads: [(view: SpillRecordView, offset: Int)?] = []
        for severity in Severity.allCases where tally[Self.slot(severity)] > 0 {
            let reader = try Reader(path: file(severity))
            readers.append(reader)
            slots.append(Self.slot(severity))
            heads.append(try reader.nextLocatedView())
        }
        while true {
            var best: Int?
            for i in heads.indices {
                guard let head = heads[i] else { continue }
                if best == nil || head.view.n < heads[best!]!.view.n { best = i }
            }
            guard let best else { return }
            let head = heads[best]!
            try body(head.view, Location(slot: slots[best], offset: head.offset))
            heads[best] = try readers[best].nextLocatedView()
        }
    }

    /// Where a record is: its severity's file and the offset of its length
    /// in that file, in eight bytes.
    struct Location {
        let packed: UInt64
        init(slot: Int, offset: Int) { packed = UInt64(slot) << 56 | UInt64(offset) }
        var slot: Int { Int(packed >> 56) }
        var offset: Int { Int(packed & (1 << 56 - 1)) }
    }

    /// Reads records again where `forEachLocatedView` found them, in any
    /// order (one `pread` for the length, one for the record).
    final class RandomReader {
        private let spill: FindingSpill
        private var files: [Int32]
        private var storage: UnsafeMutableRawPointer
        private var capacity = 1 << 12

        init(_ spill: FindingSpill) throws {
            self.spill = spill
            try spill.flush()
            files = Array(repeating: -1, count: Severity.allCases.count)
            storage = .allocate(byteCount: capacity, alignment: 8)
        }

        deinit {
            for fd in files where fd >= 0 { close(fd) }
            storage.deallocate()
        }

        /// The record at `location`, read in place: the view is valid only
        /// during `body`.
        func view<T>(at location: Location, _ body: (SpillRecordView) throws -> T) throws -> T {
            // The file's path is made only to open it or to name it in an error.
            let path = { self.spill.file(Severity.allCases[location.slot]) }
            var fd = files[location.slot]
            if fd < 0 {
                fd = open(path(), O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw SpillError(description: "cannot read back \(path())") }
                files[location.slot] = fd
            }
            try read(fd, path, count: 4, at: location.offset)
            let length = Int(UInt32(littleEndian: storage.loadUnaligned(as: UInt32.self)))
            if length > capacity {
                storage.deallocate()
                capacity = max(length, capacity * 2)
                storage = .allocate(byteCount: capacity, alignment: 8)
            }
            try read(fd, path, count: length, at: location.offset + 4)
            let view: SpillRecordView
            do {
                view = try SpillRecordView(UnsafeRawBufferPointer(start: storage, count: length))
            } catch {
                throw SpillError(description: "\(path()): a spilled finding cannot be read back")
            }
            return try body(view)
        }

        private func read(_ fd: Int32, _ path: () -> String, count: Int, at offset: Int) throws {
            var done = 0
            while done < count {
                let n = pread(fd, storage + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    let code = errno  // before making the path, which may change it
                    throw SpillError(
                        description: n == 0 ? "\(path()): a spilled finding is cut short" : "cannot read back \(path()) (errno \(code))")
                }
                done += n
            }
        }
    }

    /// Reads a spill file record by record, in chunks, into a buffer of its
    /// own: a record's bytes stay where they are until the next read.
    final class Reader {
        private var storage: UnsafeMutableRawPointer
        private var capacity = 1 << 16
        private var start = 0
        private var end = 0
        /// The offset in the file of the first byte held.
        private var base = 0
        private var atEnd = false
        private let fd: Int32
        let path: String

        init(path: String) throws {
            self.path = path
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw SpillError(description: "cannot read back \(path)") }
            storage = .allocate(byteCount: capacity, alignment: 8)
        }

        deinit {
            close(fd)
            storage.deallocate()
        }

        /// The next record's bytes (without its length), or nil at the end.
        func nextBytes() throws -> UnsafeRawBufferPointer? {
            while true {
                let available = end - start
                var needed = 4
                if available >= 4 {
                    let length = Int(UInt32(littleEndian: (storage + start).loadUnaligned(as: UInt32.self)))
                    needed = 4 + length
                    if available >= needed {
                        let record = UnsafeRawBufferPointer(start: storage + start + 4, count: length)
                        start += needed
                        return record
                    }
                }
                if atEnd {
                    guard start == end else { throw SpillError(description: "\(path): the last spilled finding is cut short") }
                    return nil
                }
                if start > 0 {
                    if available > 0 { (storage).copyMemory(from: storage + start, byteCount: available) }
                    base += start
                    start = 0
                    end = available
                }
                if needed > capacity {
                    var grown = capacity * 2
                    while grown < needed { grown *= 2 }
                    let fresh = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
                    fresh.copyMemory(from: storage, byteCount: end)
                    storage.deallocate()
                    storage = fresh
                    capacity = grown
                }
                let n = read(fd, storage + end, capacity - end)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw SpillError(description: "cannot read back \(path) (errno \(errno))")
                }
                if n == 0 { atEnd = true } else { end += n }
            }
        }

        func next() throws -> Record? {
            guard let bytes = try nextBytes() else { return nil }
            do {
                return try Record(decoding: bytes)
            } catch {
                throw SpillError(description: "\(path): a spilled finding cannot be read back")
            }
        }

        /// The next record read in place, with the offset of its length in the file.
        func nextLocatedView() throws -> (view: SpillRecordView, offset: Int)? {
            guard let bytes = try nextBytes() else { return nil }
            let offset = base + (UnsafeRawPointer(bytes.baseAddress!) - UnsafeRawPointer(storage)) - 4
            do {
                return (try SpillRecordView(bytes), offset)
            } catch {
                throw SpillError(description: "\(path): a spilled finding cannot be read back")
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
