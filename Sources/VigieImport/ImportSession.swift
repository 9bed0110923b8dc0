import VigieModel
/// The bookkeeping of one import: counts every record read exactly once, as
/// imported or skipped, and passes activities and issues on.
final class ImportSession {
    private(set) var summary: ImportSummary
    let options: ImportOptions
    private let onActivity: (Activity) throws -> Void
    private let onIssue: (ImportIssue) -> Void

    init(
        source: String, options: ImportOptions, onActivity: @escaping (Activity) throws -> Void,
        onIssue: @escaping (ImportIssue) -> Void
    ) {
        self.summary = ImportSummary(source: source)
        self.options = options
        self.onActivity = onActivity
        self.onIssue = onIssue
    }

    func noteFormat(_ format: ExportFormat) {
        if !summary.formats.contains(format) { summary.formats.append(format) }
    }

    func usedFile() { summary.filesUsed += 1 }
    func ignoredFile() { summary.filesIgnored += 1 }

    /// A record was met; call `imported` or `skipped` next.
    func read() { summary.recordsRead += 1 }

    func imported(_ activity: Activity) throws {
        summary.imported += 1
        summary.importedByKind[activity.kind.rawValue, default: 0] += 1
        summary.importedByPlatform[activity.platform.rawValue, default: 0] += 1
        try onActivity(activity)
    }

    func skipped(_ issue: ImportIssue) {
        summary.skipped += 1
        summary.skippedByReason[issue.reason.rawValue, default: 0] += 1
        if summary.issueExamples.count < options.maxIssuesInSummary {
            summary.issueExamples.append(PrivatePath.mask(issue.description))
        }
        onIssue(issue)
    }

    /// A problem that is not one record's.
    func warn(_ issue: ImportIssue) {
        summary.warnings.append(PrivatePath.mask(issue.description))
        onIssue(issue)
    }

    func failed(_ error: ImportError) {
        summary.failedFiles.append(PrivatePath.mask(error.description))
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
    /// skipped with its issue, the others go to `make`.
    func forEachRecord(
        in document: JSONDocument, arrayAt offset: Int,
        _ make: (_ value: JSONValue, _ source: RecordSource) throws(ImportIssue) -> Activity?
    ) throws {
        try document.forEachElement(ofArrayAt: offset) { (element: JSONDocument.Element) throws in
            switch element.result {
            case .failure(let issue):
                if issue.record == nil {
                    warn(issue)
                } else {
                    read()
                    skipped(issue)
                }
            case .success(let value):
                let source = RecordSource(file: document.file, index: element.index, line: element.line)
                try record(file: document.file, index: element.index, line: element.line) { () throws(ImportIssue) in
                    try make(value, source)
                }
            }
        }
    }
}

/// A shorthand to throw a record issue whose file and position the session fills in.
func recordIssue(_ reason: ImportIssue.Reason, _ detail: String) -> ImportIssue {
    ImportIssue(file: "", reason: reason, detail: detail)
}
