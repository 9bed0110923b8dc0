import VigieModel
/// Vigie's own JSONL stream, read line by line in constant memory (archive
/// entries are first extracted to a temporary file, also in a streaming way).
struct JSONLImporter: FormatImporter {
    static let format = ExportFormat.jsonl

    func run(files: [(entry: ExportEntry, kind: FileKind)], in container: any ExportContainer, session: ImportSession)
        throws
    {
        for file in files where file.kind == .activityStream {
            let name = container.displayName(of: file.entry)
            try session.file(name, kind: file.kind) {
                session.usedFile()
                // Streamed, from a folder or straight out of an archive: nothing
                // is written anywhere, memory stays bounded by one line.
                var decoder = ActivityStreamChunkDecoder(displayName: name, maxLineBytes: session.options.maxLineBytes)
                var index = 0
                func take(_ record: ActivityStreamReader.Record) throws {
                    defer { index += 1 }
                    session.read()
                    switch record {
                    case .activity(let activity, let line):
                        // The stream may hold any time; an import takes those of 1990–2100.
                        guard activity.timestamp.isPlausible else {
                            session.skipped(ImportIssue(
                                file: name, line: line, record: index, reason: .implausibleTime,
                                detail: "\"timestamp\" is not a time between 1990 and 2100"))
                            return
                        }
                        try session.imported(activity)
                    case .skipped(let issue):
                        session.skipped(issue)
                    }
                }
                do {
                    try container.stream(file.entry) { chunk in try decoder.feed(chunk, take) }
                    try decoder.finish(take)
                } catch let error as ImportError {
                    // Unreadable, or an archive entry that is damaged or over a limit:
                    // what was read before counts; the file says what was lost.
                    session.failed(error)
                }
            }
        }
    }
}
