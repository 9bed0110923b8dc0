import VigieModel
/// Imports social-media exports into activities.
///
/// A source is a folder, a `.zip` export or a single file. Its format is found
/// from the content of its files (`FileKind.classify`), not from their names;
/// a source may hold several formats (a folder with two exports), all of them
/// are imported unless `format` forces one.
///
/// ```swift
/// let summary = try Importer().importSource(at: "export.zip") { activity in
///     try writer.write(activity)
/// }
/// print(summary.recordsRead, summary.imported, summary.skipped)
/// ```
public struct Importer: Sendable {
    public var options: ImportOptions

    public init(options: ImportOptions = ImportOptions()) {
        self.options = options
    }

    /// The recognised files of a source, by kind (for `--format auto` and tests).
    public func detect(at path: String) throws(ImportError) -> [(entry: ExportEntry, kind: FileKind)] {
        let container = try openContainer(at: path, options: options)
        return classify(container).recognised
    }

    /// Imports every record of the source at `path`.
    ///
    /// Every file that could hold records ends as exactly one `FileOutcome`
    /// — imported, partly imported (with the reason and where) or refused
    /// (with the reason) — passed to `onFile` as soon as the file is done
    /// and listed in the summary's `files`. Counts add up, per file and for
    /// the source: records == imported + skipped + lost.
    ///
    /// - Parameters:
    ///   - format: force a format; nil detects it from the content.
    ///   - seen: the ids already imported, shared between the sources of a
    ///     run so that an activity met twice is passed on once (the second
    ///     is skipped as a duplicate); nil: a fresh set for this source.
    ///   - onIssue: called for each skipped record, each lost region and
    ///     each warning, in order.
    ///   - onFile: called with each file's outcome, in order.
    ///   - onActivity: called for each imported activity, in order; what it
    ///     throws stops the import and is rethrown.
    /// - Throws: `ImportError` when the source itself cannot be used: it
    ///   does not exist, is a named pipe or a device, is not an export of a
    ///   known format (or not the forced one), or is an archive refused as a
    ///   whole (over a limit, not readable at all). `ImportSummary.refused`
    ///   turns it into a summary with one refused file.
    public func importSource(
        at path: String, format: ExportFormat? = nil, seen: ImportedIDs? = nil,
        onIssue: @escaping (ImportIssue) -> Void = { _ in }, onFile: @escaping (FileOutcome) -> Void = { _ in },
        onActivity: @escaping (Activity) throws -> Void
    ) throws -> ImportSummary {
        let container = try openContainer(at: path, options: options)
        let (recognised, ignored, unreadable) = classify(container)
        let found = orderedFormats(recognised)
        let session = ImportSession(
            source: path, options: options, seen: seen ?? ImportedIDs(), onActivity: onActivity, onIssue: onIssue,
            onFile: onFile)
        let formats: [ExportFormat]
        if let format {
            guard found.contains(format) else {
                // Nothing of the forced format; files that could not be read may have been.
                if let first = unreadable.first, found.isEmpty { throw first.error }
                throw ImportError.wrongFormat(path: path, expected: format, found: found.first)
            }
            formats = [format]
        } else {
            guard !found.isEmpty else {
                // A single file (or a folder of one) that cannot be read says why.
                if let first = unreadable.first, container is SingleFileContainer { throw first.error }
                if unreadable.isEmpty { throw ImportError.unknownFormat(path: path) }
                // Some files could not be examined: they are reported, not hidden behind "unknown format".
                for refusal in unreadable { session.refused(refusal.name, because: refusal.error) }
                for note in container.notes { session.note(note) }
                for _ in 0..<ignored { session.ignoredFile() }
                return session.summary
            }
            formats = found
        }
        for note in container.notes { session.note(note) }
        for refusal in unreadable { session.refused(refusal.name, because: refusal.error) }
        for _ in 0..<ignored { session.ignoredFile() }
        for file in recognised where !formats.contains(file.kind.format) { session.ignoredFile() }
        for format in formats {
            session.noteFormat(format)
            let files = recognised.filter { $0.kind.format == format }
            try Importer.importer(for: format).run(files: files, in: container, session: session)
        }
        return session.summary
    }

    static func importer(for format: ExportFormat) -> any FormatImporter {
        switch format {
        case .mastodon: return MastodonImporter()
        case .twitter: return TwitterImporter()
        case .facebook: return FacebookImporter()
        case .instagram: return InstagramImporter()
        case .linkedin: return LinkedInImporter()
        case .jsonl: return JSONLImporter()
        }
    }

    /// The files of a container by kind; how many hold nothing Vigie
    /// imports; and what could not be examined (refused while listing, or
    /// whose first bytes cannot be read), with the reason.
    private func classify(_ container: any ExportContainer) -> (
        recognised: [(entry: ExportEntry, kind: FileKind)], ignored: Int,
        unreadable: [(name: String, error: ImportError)]
    ) {
        let single = container is SingleFileContainer
        var recognised: [(entry: ExportEntry, kind: FileKind)] = []
        var ignored = 0
        var unreadable = container.refusals
        for entry in container.entries {
            guard FileKind.isCandidate(entry, single: single) else {
                ignored += 1
                continue
            }
            let head: [UInt8]
            do {
                head = try container.head(entry, count: FileKind.sniffBytes)
            } catch {
                unreadable.append((container.displayName(of: entry), error))
                continue
            }
            if let kind = FileKind.classify(head: head, path: entry.path) {
                recognised.append((entry, kind))
            } else {
                ignored += 1
            }
        }
        // Message threads have the same structure on Instagram and Messenger;
        // in an export with Facebook files and no other Instagram file, they are Messenger's.
        let kinds = Set(recognised.map(\.kind))
        if kinds.contains(.instagramMessages), !kinds.contains(.instagramPosts), !kinds.contains(.instagramComments),
            kinds.contains(where: { $0.format == .facebook })
        {
            recognised = recognised.map { $0.kind == .instagramMessages ? ($0.entry, .facebookMessages) : $0 }
        }
        return (recognised.sorted(by: Importer.readingOrder), ignored, unreadable)
    }

    /// Files are read by kind (posts before comments, tweets before messages),
    /// then folder, then part number (`tweets.js`, `tweets-part1.js`,
    /// `tweets-part2.js`…, `posts_1.json`, `posts_2.json`…), then name.
    static func readingOrder(_ a: (entry: ExportEntry, kind: FileKind), _ b: (entry: ExportEntry, kind: FileKind)) -> Bool {
        let kinds = FileKind.allCases
        let ka = kinds.firstIndex(of: a.kind)!, kb = kinds.firstIndex(of: b.kind)!
        if ka != kb { return ka < kb }
        let da = a.entry.path.split(separator: "/").dropLast().joined(separator: "/")
        let db = b.entry.path.split(separator: "/").dropLast().joined(separator: "/")
        if da != db { return da < db }
        let pa = partNumber(a.entry.name), pb = partNumber(b.entry.name)
        if pa != pb { return pa < pb }
        return naturalOrder(a.entry.path, b.entry.path)
    }

    /// The number in `tweets-part3.js` or `your_posts_3.json`; 0 when there is none.
    static func partNumber(_ name: String) -> Int {
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        // At most 9 digits: a longer run is not a part number (and would not fit).
        let digits = stem.reversed().prefix { $0.isASCII && $0.isNumber }
        guard digits.count <= 9 else { return 0 }
        return Int(String(digits.reversed())) ?? 0
    }

    /// Formats in a fixed order, those with activity files only.
    private func orderedFormats(_ recognised: [(entry: ExportEntry, kind: FileKind)]) -> [ExportFormat] {
        let present = Set(recognised.filter { $0.kind.holdsActivities }.map { $0.kind.format })
        return ExportFormat.allCases.filter(present.contains)
    }
}
