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
            session.usedFile()
            try container.withLocalFile(file.entry) { path in
                let reader = try ActivityStreamReader(
                    path: path, displayName: name, maxLineBytes: session.options.maxLineBytes)
                try reader.forEach { record in
                    session.read()
                    switch record {
                    case .activity(let activity, _): try session.imported(activity)
                    case .skipped(let issue): session.skipped(issue)
                    }
                }
            }
        }
    }
}
