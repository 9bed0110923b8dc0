import VigieModel

/// The ids of the activities an import has passed on, to tell duplicates:
/// 64-bit hashes, 8 bytes (plus the set's overhead) per activity. Share one
/// between the sources of a run so that an activity found in two exports is
/// counted once (`Importer.importSource(at:…, seen:)`).
public final class ImportedIDs {
    private var hashes: Set<UInt64> = []

    public init() {}

    /// How many distinct activities were passed on.
    public var count: Int { hashes.count }

    /// Records `id`; false when it was already there.
    func insert(_ id: String) -> Bool {
        // FNV-1a 64: stable, and collisions are negligible at these counts
        // (one in 10^8 for a million activities).
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hashes.insert(hash).inserted
    }
}

/// The bookkeeping of one import: counts every record met exactly once, as
/// imported, skipped or lost, in the source and in the file it belongs to;
/// passes activities, issues and file outcomes on.
final class ImportSession {
    private(set) var summary: ImportSummary
    let options: ImportOptions
    private let onActivity: (Activity) throws -> Void
    private let onIssue: (ImportIssue) -> Void
    private let onFile: (FileOutcome) -> Void
    private let seen: ImportedIDs
    /// The outcome of the file being read.
    private var current: FileOutcome?

    init(
        source: String, options: ImportOptions, seen: ImportedIDs, onActivity: @escaping (Activity) throws -> Void,
        onIssue: @escaping (ImportIssue) -> Void, onFile: @escaping (FileOutcome) -> Void
    ) {
        self.summary = ImportSummary(source: source)
        self.options = options
        self.seen = seen
        self.onActivity = onActivity
        self.onIssue = onIssue
        self.onFile = onFile
    }

    func noteFormat(_ format: ExportFormat) {
        if !summary.formats.contains(format) { summary.formats.append(format) }
    }

    func usedFile() { summary.filesUsed += 1 }
    func ignoredFile() { summary.filesIgnored += 1 }

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
        summary.files.append(outcome)
        onFile(outcome)
    }

    /// A file refused before it could be opened as a file of a format (a
    /// named pipe, an entry that cannot be read, a folder that cannot be
    /// listed).
    func refused(_ name: String, kind: FileKind? = nil, because error: ImportError) {
        finishFile()
        let outcome = FileOutcome.refused(PrivatePath.mask(name), kind: kind, because: error)
        summary.files.append(outcome)
        summary.failedFiles.append(PrivatePath.mask(error.description))
        onFile(outcome)
    }

    /// The file being read could not be read (whole) or parsed: refused when
    /// nothing of it was read, else partly imported, with the reason.
    func failed(_ error: ImportError) {
        summary.failedFiles.append(PrivatePath.mask(error.description))
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
        summary.recordsRead += 1
        current?.records += 1
    }

    /// Passes an activity on, unless one with the same id already was (then
    /// it is skipped as a duplicate).
    func imported(_ activity: Activity) throws {
        let activity = owned(activity)
        guard seen.insert(activity.id) else {
            let source = activity.source
            skipped(ImportIssue(
                file: source.file, line: source.line, record: source.index, reason: .duplicateRecord,
                detail: "the same activity (same id) was already imported from this input; counted once"))
            return
        }
        summary.imported += 1
        current?.imported += 1
        summary.importedByKind[activity.kind.rawValue, default: 0] += 1
        summary.importedByPlatform[activity.platform.rawValue, default: 0] += 1
        try onActivity(activity)
    }

    /// An activity of the export's owner (the author the importers give
    /// when the export does not name it, `id: "owner"`) as the given owner's:
    /// their account, their actor id, an id of their own (two people's
    /// identical posts stay two), and the audience given for posts.
    func owned(_ activity: Activity) -> Activity {
        guard activity.author.id == "owner", activity.author.handle == nil else { return activity }
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
        summary.skipped += 1
        summary.skippedByReason[issue.reason.rawValue, default: 0] += 1
        if issue.reason == .duplicateRecord { summary.duplicates += 1 }
        if var outcome = current {
            outcome.skipped += 1
            outcome.skippedByReason[issue.reason.rawValue, default: 0] += 1
            if issue.reason == .duplicateRecord { outcome.duplicates += 1 }
            if issue.reason.losesInput {
                noteLoss(&outcome, problem: issue.detail, line: issue.line, record: issue.record)
            }
            current = outcome
        }
        if summary.issueExamples.count < options.maxIssuesInSummary {
            summary.issueExamples.append(PrivatePath.mask(issue.description))
        }
        onIssue(issue)
    }

    /// `count` records that could not be read one by one; `issue` says where.
    func lost(_ count: Int, _ issue: ImportIssue) {
        guard count > 0 else { return }
        summary.recordsRead += count
        summary.lost += count
        if var outcome = current {
            outcome.records += count
            outcome.lost += count
            noteLoss(&outcome, problem: issue.detail, line: issue.line, record: issue.record)
            current = outcome
        }
        summary.warnings.append(PrivatePath.mask(issue.description))
        onIssue(issue)
    }

    /// A problem that is not one record's. `losesInput`: whether records may
    /// have been lost with it (a file cut short) — the file is then partly
    /// imported.
    func warn(_ issue: ImportIssue, losesInput: Bool = true) {
        summary.warnings.append(PrivatePath.mask(issue.description))
        if losesInput, var outcome = current {
            noteLoss(&outcome, problem: issue.detail, line: issue.line, record: issue.record)
            current = outcome
        }
        onIssue(issue)
    }

    /// A problem of the source as a whole (a damaged archive) that loses
    /// nothing by itself: what it cost is in the files' outcomes.
    func note(_ text: String) {
        summary.warnings.append(PrivatePath.mask(text))
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
