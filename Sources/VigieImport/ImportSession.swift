import VigieModel

/// The ids of the activities an import has passed on, to tell duplicates:
/// 64-bit hashes, about 11 bytes per activity. Share one between the
/// sources of a run so that an activity found in two exports is counted
/// once (`Importer.importSource(at:…, seen:)`).
public final class ImportedIDs {
    // Properties marked `@exclusivity(unchecked)` are read on every
    // activity: without the runtime's exclusivity check, which costs more
    // than the read (no access to them overlaps another).
    /// The hashes in `shardCount` open-addressing tables (0: an empty slot;
    /// the hash 0 itself is `hasZero`), linear probing over well-mixed
    /// hashes, each at most seven eighths full and grown by a quarter at a
    /// time: at a million ids the tables hold 10 to 12 MB, and a table
    /// that grows has only its own copy to make (one table doubling at once
    /// held 16 MB, and 25 MB while it doubled).
    static let shardCount = 64
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>
    @exclusivity(unchecked) private var capacity: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var used: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var hasZero = false

    public init() {
        let n = Self.shardCount
        slots = .allocate(capacity: n)
        capacity = .allocate(capacity: n)
        used = .allocate(capacity: n)
        for k in 0..<n {
            capacity[k] = 16
            used[k] = 0
            slots[k] = .allocate(capacity: 16)
            slots[k].initialize(repeating: 0, count: 16)
        }
    }

    deinit {
        for k in 0..<Self.shardCount { slots[k].deallocate() }
        slots.deallocate()
        capacity.deallocate()
        used.deallocate()
    }

    /// How many distinct activities were passed on.
    public var count: Int {
        var n = hasZero ? 1 : 0
        for k in 0..<Self.shardCount { n += used[k] }
        return n
    }

/// Records `id`; false when it was already there.
    func insert(_ id: String) -> Bool {
        // FNV-1a 64: stable, and collisions are negligible at these counts
        // (one in 10^8 for a million activities).
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        // A native string's bytes in place (no copy of the string to make
        // it contiguous, which `withUTF8` on a `var` needs).
        if id.utf8.withContiguousStorageIfAvailable(add) == nil {
            var id = id
            id.withUTF8(add)
        }
        return insert(hash: hash)
    }

    private func insert(hash: UInt64) -> Bool {
        guard hash != 0 else {
            defer { hasZero = true }
            return !hasZero
        }
        // FNV's low bits mix poorly: fold the high ones in; the top six
        // bits pick the table, the rest the slot.
        let mixed = (hash ^ (hash >> 29)) &* 0x9E37_79B9_7F4A_7C15
        let k = Int(truncatingIfNeeded: mixed >> 58)
        if (used[k] + 1) * 8 > capacity[k] * 7 { grow(k) }
        let table = slots[k]
        let n = capacity[k]
        var i = Self.slot(of: mixed, capacity: n)
        while true {
            let s = table[i]
            if s == hash { return false }
            if s == 0 {
                table[i] = hash
                used[k] += 1
                return true
            }
            i += 1
            if i == n { i = 0 }
        }
    }

    /// The first slot of a mixed hash in a table of `capacity` slots (its
    /// bits below the table's six, scaled to the capacity).
    @inline(__always)
    private static func slot(of mixed: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: (mixed << 6).multipliedFullWidth(by: UInt64(capacity)).high)
    }

    private func grow(_ k: Int) {
        let old = slots[k]
        let oldCount = capacity[k]
        let n = oldCount + oldCount / 4
        let table = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        table.initialize(repeating: 0, count: n)
        for j in 0..<oldCount {
            let hash = old[j]
            guard hash != 0 else { continue }
            let mixed = (hash ^ (hash >> 29)) &* 0x9E37_79B9_7F4A_7C15
            var i = Self.slot(of: mixed, capacity: n)
            while table[i] != 0 {
                i += 1
                if i == n { i = 0 }
            }
            table[i] = hash
        }
        slots[k] = table
        capacity[k] = n
        old.deallocate()
    }
}

/// The bookkeeping of one import: counts every record met exactly once, as
/// imported, skipped or lost, in the source and in the file it belongs to;
/// passes activities, issues and file outcomes on.
final class ImportSession {
    // Properties marked `@exclusivity(unchecked)` are read on every
    // activity: without the runtime's exclusivity check, which costs more
    // than the read (no access to them overlaps another).
    /// The counts so far; `importedByKind` and `importedByPlatform` are
    /// kept apart (`kindCounts`, `platformCounts`) and merged on reading.
    @exclusivity(unchecked) private var counts: ImportSummary
    /// Imported activities by `ActivityKind` (in `allCases` order).
    @exclusivity(unchecked) private var kindCounts = [Int](repeating: 0, count: ActivityKind.allCases.count)
    /// Imported activities by platform, in the order first met (a few).
    @exclusivity(unchecked) private var platformCounts: [(platform: Platform, count: Int)] = []

    var summary: ImportSummary {
        var summary = counts
        for (kind, n) in zip(ActivityKind.allCases, kindCounts) where n > 0 {
            summary.importedByKind[kind.rawValue, default: 0] += n
        }
        for (platform, n) in platformCounts { summary.importedByPlatform[platform.rawValue, default: 0] += n }
        return summary
    }
    let options: ImportOptions
    private let onActivity: (Activity) throws -> Void
    private let onIssue: (ImportIssue) -> Void
    private let onFile: (FileOutcome) -> Void
    private let seen: ImportedIDs
    /// The outcome of the file being read.
    @exclusivity(unchecked) private var current: FileOutcome?

    init(
        source: String, options: ImportOptions, seen: ImportedIDs, onActivity: @escaping (Activity) throws -> Void,
        onIssue: @escaping (ImportIssue) -> Void, onFile: @escaping (FileOutcome) -> Void
    ) {
        self.counts = ImportSummary(source: source)
        self.options = options
        self.seen = seen
        self.onActivity = onActivity
        self.onIssue = onIssue
        self.onFile = onFile
    }

    func noteFormat(_ format: ExportFormat) {
        if !counts.formats.contains(format) { counts.formats.append(format) }
    }

    func usedFile() { counts.filesUsed += 1 }
    func ignoredFile() { counts.filesIgnored += 1 }

    // MARK: Files

    /// Reads one file: every record, issue and failure until `body` returns
    /// belongs to it, and its outcome is recorded at the end (also when
    /// `body` throws).
    func file<T>(_ name: String, kind: FileKind?, _ body: () throws -> T) rethrows -> T {
        finishFile()
        current = FileOutcome(file: PrivatePath.mask(name), kind: kind)
        defer { finishFile() }
        return try body()
    }

    private func finishFile() {
        guard let outcome = current else { return }
        current = nil
        counts.files.append(outcome)
        onFile(outcome)
    }

    /// A file refused before it could be opened as a file of a format (a
    /// named pipe, an entry that cannot be read, a folder that cannot be
    /// listed).
    func refused(_ name: String, kind: FileKind? = nil, because error: ImportError) {
        finishFile()
        let outcome = FileOutcome.refused(PrivatePath.mask(name), kind: kind, because: error)
        counts.files.append(outcome)
        counts.failedFiles.append(PrivatePath.mask(error.description))
        onFile(outcome)
    }

    /// The file being read could not be read (whole) or parsed: refused when
    /// nothing of it was read, else partly imported, with the reason.
    func failed(_ error: ImportError) {
        counts.failedFiles.append(PrivatePath.mask(error.description))
        guard var outcome = current else {
            refused(error.path, because: error)
            return
        }
        if outcome.records == 0 {
            outcome.wasRefused = true
            outcome.problem = error.reason
            outcome.line = error.line
        } else {
            noteLoss(&outcome, problem: error.reason, line: error.line, record: nil)
        }
        current = outcome
    }

    private func noteLoss(_ outcome: inout FileOutcome, problem: String, line: Int?, record: Int?) {
        outcome.lostInput = true
        if outcome.problem == nil {
            outcome.problem = PrivatePath.mask(problem)
            outcome.line = line
            outcome.record = record
        }
    }

    // MARK: Records

    /// A record was met; call `imported` or `skipped` next.
    func read() {
        counts.recordsRead += 1
        current?.records += 1
    }

    /// Passes an activity on, unless one with the same id already was (then
    /// it is skipped as a duplicate).
    func imported(_ activity: Activity) throws {
        if needsOwning(activity) {
            try pass(owned(activity))
        } else {
            try pass(activity)
        }
    }

    private func pass(_ activity: Activity) throws {
        guard seen.insert(activity.id) else {
            let source = activity.source
            skipped(ImportIssue(
                file: source.file, line: source.line, record: source.index, reason: .duplicateRecord,
                detail: "the same activity (same id) was already imported from this input; counted once"))
            return
        }
        counts.imported += 1
        current?.imported += 1
        if let k = ActivityKind.allCases.firstIndex(of: activity.kind) { kindCounts[k] += 1 }
        if let p = platformCounts.firstIndex(where: { $0.platform == activity.platform }) {
            platformCounts[p].count += 1
        } else {
            platformCounts.append((activity.platform, 1))
        }
        try onActivity(activity)
    }

    private func needsOwning(_ activity: Activity) -> Bool {
        // The handle first: most authors have one.
        activity.author.handle == nil && activity.author.id == "owner"
    }

    /// An activity of the export's owner (the author the importers give
    /// when the export does not name it, `id: "owner"`) as the given owner's:
    /// their account, their actor id, an id of their own (two people's
    /// identical posts stay two), and the audience given for posts.
    func owned(_ activity: Activity) -> Activity {
        guard needsOwning(activity) else { return activity }
        var activity = activity
        if let owner = options.owner {
            activity.author = owner.account(on: activity.platform)
            activity.actorID = owner.actorID
            activity.id += "@" + owner.actorID
        }
        if let visibility = options.visibility, activity.visibility == .unknown,
            activity.kind == .post || activity.kind == .share
        {
            activity.visibility = visibility
        }
        return activity
    }

    func skipped(_ issue: ImportIssue) {
        counts.skipped += 1
        counts.skippedByReason[issue.reason.rawValue, default: 0] += 1
        if issue.reason == .duplicateRecord { counts.duplicates += 1 }
        if var outcome = current {
            outcome.skipped += 1
            outcome.skippedByReason[issue.reason.rawValue, default: 0] += 1
            if issue.reason == .duplicateRecord { outcome.duplicates += 1 }
            if issue.reason.losesInput {
                noteLoss(&outcome, problem: issue.detail, line: issue.line, record: issue.record)
            }
            current = outcome
        }
        if counts.issueExamples.count < options.maxIssuesInSummary {
            counts.issueExamples.append(PrivatePath.mask(issue.description))
        }
        onIssue(issue)
    }

    /// `count` records that could not be read one by one; `issue` says where.
    func lost(_ count: Int, _ issue: ImportIssue) {
        guard count > 0 else { return }
        counts.recordsRead += count
        counts.lost += count
        if var outcome = current {
            outcome.records += count
            outcome.lost += count
            noteLoss(&outcome, problem: issue.detail, line: issue.line, record: issue.record)
            current = outcome
        }
        counts.warnings.append(PrivatePath.mask(issue.description))
        onIssue(issue)
    }

    /// A problem that is not one record's. `losesInput`: whether records may
    /// have been lost with it (a file cut short) — the file is then partly
    /// imported.
    func warn(_ issue: ImportIssue, losesInput: Bool = true) {
        counts.warnings.append(PrivatePath.mask(issue.description))
        if losesInput, var outcome = current {
            noteLoss(&outcome, problem: issue.detail, line: issue.line, record: issue.record)
            current = outcome
        }
        onIssue(issue)
    }

    /// A problem of the source as a whole (a damaged archive) that loses
    /// nothing by itself: what it cost is in the files' outcomes.
    func note(_ text: String) {
        counts.warnings.append(PrivatePath.mask(text))
    }

    /// Reads a record and either imports what `make` builds or skips it.
    func record(file: String, index: Int, line: Int?, _ make: () throws(ImportIssue) -> Activity?) throws {
        read()
        let built: Result<Activity?, ImportIssue>
        do throws(ImportIssue) {
            built = .success(try make())
        } catch {
            built = .failure(error)
        }
        switch built {
        case .success(let activity?):
            try imported(activity)
        case .success(nil):
            skipped(ImportIssue(file: file, line: line, record: index, reason: .emptyRecord, detail: "nothing to import"))
        case .failure(var issue):
            issue.file = file
            if issue.line == nil { issue.line = line }
            if issue.record == nil { issue.record = index }
            skipped(issue)
        }
    }

    /// Walks the records of a JSON document: a truncated or invalid element is
    /// skipped with its issue, what could not be read is counted as lost, the
    /// others go to `make`.
    func forEachRecord(
        in document: JSONDocument, arrayAt offset: Int,
        _ make: (_ value: JSONValue, _ source: RecordSource) throws(ImportIssue) -> Activity?
    ) throws {
        try document.forEachElement(ofArrayAt: offset) { (event: JSONDocument.Event) throws in
            switch event {
            case .element(let element):
                switch element.result {
                case .failure(let issue):
                    read()
                    skipped(issue)
                case .success(let value):
                    let source = RecordSource(file: document.file, index: element.index, line: element.line)
                    try record(file: document.file, index: element.index, line: element.line) { () throws(ImportIssue) in
                        try make(value, source)
                    }
                }
            case .lost(let count, let issue):
                lost(count, issue)
            case .problem(let issue, let losesInput):
                warn(issue, losesInput: losesInput)
            }
        }
    }
}

/// A shorthand to throw a record issue whose file and position the session fills in.
func recordIssue(_ reason: ImportIssue.Reason, _ detail: String) -> ImportIssue {
    ImportIssue(file: "", reason: reason, detail: detail)
}
